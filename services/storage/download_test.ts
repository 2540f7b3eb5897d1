import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { fileResponse, immutableFileResponse } from "./download.ts";
import { KvFileStore } from "./kv_store.ts";

Deno.test("fileResponse streams the file with safe headers", async () => {
  using kv = await openTestKv();
  const store = new KvFileStore(kv);
  const stored = await store.put("docs/1", new TextEncoder().encode("%PDF-1"), {
    contentType: "application/pdf",
  });

  const response = fileResponse((await store.get("docs/1"))!, {
    filename: 'Zeugnis "März".pdf',
  });
  expect(Object.fromEntries(response.headers)).toEqual({
    "content-type": "application/pdf",
    "content-length": "6",
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
    "content-disposition":
      "inline; filename=\"Zeugnis _M_rz_.pdf\"; filename*=UTF-8''Zeugnis%20%22M%C3%A4rz%22.pdf",
    "etag": `"${stored.sha256}"`,
  });
  expect(await response.text()).toBe("%PDF-1");
});

Deno.test("fileResponse can ask the browser to save the file", async () => {
  using kv = await openTestKv();
  const store = new KvFileStore(kv);
  await store.put("docs/1", new Uint8Array([0xff, 0xd8, 0xff]), {
    contentType: "image/jpeg",
  });
  const found = (await store.get("docs/1"))!;
  const response = fileResponse(found, { download: true });
  expect(response.headers.get("content-disposition")).toBe("attachment");
  expect(new Uint8Array(await response.arrayBuffer())).toEqual(
    new Uint8Array([0xff, 0xd8, 0xff]),
  );
});

Deno.test("immutableFileResponse caches for a year and answers a matching If-None-Match with 304", async () => {
  using kv = await openTestKv();
  const store = new KvFileStore(kv);
  const stored = await store.put("img/1", new Uint8Array([1, 2, 3]), {
    contentType: "image/webp",
  });
  const etag = `"${stored.sha256}"`;
  const full = immutableFileResponse((await store.get("img/1"))!, null);
  expect(full.status).toBe(200);
  expect(full.headers.get("cache-control")).toBe(
    "public, max-age=31536000, immutable",
  );
  expect(full.headers.get("etag")).toBe(etag);
  expect(full.headers.get("content-length")).toBe("3");
  expect(new Uint8Array(await full.arrayBuffer())).toEqual(
    new Uint8Array([1, 2, 3]),
  );
  for (const header of [etag, `W/${etag}`, `"x", ${etag}`, "*"]) {
    const cached = immutableFileResponse((await store.get("img/1"))!, header);
    expect(cached.status).toBe(304);
    expect(cached.body).toBeNull();
    expect(cached.headers.get("etag")).toBe(etag);
  }
  const other = immutableFileResponse((await store.get("img/1"))!, '"x"');
  expect(other.status).toBe(200);
  await other.body?.cancel();
});
