import { expect } from "expect";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  acceptUpload,
  createFileStore,
  fileStoreProvider,
  getFileStore,
  KvFileStore,
  S3FileStore,
} from "./mod.ts";

const S3 = {
  endpoint: "http://localhost:9000",
  bucket: "taptime",
  accessKeyId: "key-id",
  secretAccessKey: "secret",
  region: "us-east-1",
};

Deno.test("createFileStore: S3 when configured, else KV chunks", async () => {
  using kv = await openTestKv();
  expect(createFileStore(kv, undefined)).toBeInstanceOf(KvFileStore);
  expect(createFileStore(kv, S3)).toBeInstanceOf(S3FileStore);
});

Deno.test("getFileStore: the store bound to the database, else KV chunks", async () => {
  using unbound = await openTestKv();
  expect(getFileStore(unbound)).toBeInstanceOf(KvFileStore);
  // One store per database, not one per call.
  expect(getFileStore(unbound)).toBe(getFileStore(unbound));

  using kv = await openTestKv();
  const s3 = createFileStore(kv, S3);
  bindProviders(kv, [provide(fileStoreProvider, s3)]);
  expect(getFileStore(kv)).toBe(s3);
  // Rebinding after use would split the app between two stores.
  expect(() => bindProviders(kv, [provide(fileStoreProvider, s3)])).toThrow(
    /file store provider of this database is already in use/,
  );
});

Deno.test("an uploaded form file goes through acceptUpload into the store", async () => {
  using kv = await openTestKv();
  const store = getFileStore(kv);
  const form = new FormData();
  form.set(
    "file",
    new File(["%PDF-1.7\n", "x".repeat(150_000)], "cv.pdf", {
      type: "application/pdf",
    }),
  );
  const request = new Request("http://localhost/upload", {
    method: "POST",
    body: form,
  });
  const file = (await request.formData()).get("file") as File;

  const upload = await acceptUpload(file);
  const stored = await store.put("applications/01/doc1", file.stream(), {
    contentType: upload.contentType,
    size: upload.size,
  });
  expect(stored).toMatchObject({
    contentType: "application/pdf",
    size: 150_009,
  });
  const found = await store.get("applications/01/doc1");
  expect((await new Response(found!.body).text()).startsWith("%PDF-1.7\nxx"))
    .toBe(true);
});
