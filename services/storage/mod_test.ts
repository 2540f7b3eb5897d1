import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  acceptUpload,
  getFileStore,
  KvFileStore,
  loadStorageConfig,
  S3FileStore,
} from "./mod.ts";

const FULL_S3 = {
  S3_ENDPOINT: "http://localhost:9000",
  S3_BUCKET: "taptime",
  S3_ACCESS_KEY_ID: "key-id",
  S3_SECRET_ACCESS_KEY: "secret",
};

Deno.test("getFileStore uses KV chunks when S3 is not configured", async () => {
  using kv = await openTestKv();
  expect(getFileStore(kv, {})).toBeInstanceOf(KvFileStore);
  // Empty variables (as docker-compose and .env files produce) count as unset.
  expect(getFileStore(kv, { S3_ENDPOINT: "", S3_BUCKET: "" }))
    .toBeInstanceOf(KvFileStore);
  expect(loadStorageConfig({ PORT: "8000" })).toEqual({ kind: "kv" });
});

Deno.test("getFileStore uses S3 when S3_ENDPOINT and its credentials are set", async () => {
  using kv = await openTestKv();
  expect(getFileStore(kv, FULL_S3)).toBeInstanceOf(S3FileStore);
  expect(loadStorageConfig(FULL_S3)).toEqual({
    kind: "s3",
    endpoint: "http://localhost:9000",
    bucket: "taptime",
    accessKeyId: "key-id",
    secretAccessKey: "secret",
    region: "us-east-1",
  });
  expect(loadStorageConfig({ ...FULL_S3, S3_REGION: "eu-central-1" }))
    .toMatchObject({ region: "eu-central-1" });
});

Deno.test("a half-configured S3 is a start-up error naming what is missing", async () => {
  using kv = await openTestKv();
  expect(() =>
    getFileStore(kv, { S3_ENDPOINT: "https://s3.example.com", S3_BUCKET: "b" })
  ).toThrow(
    "Invalid storage configuration:\n" +
      "  S3_ACCESS_KEY_ID: S3_ACCESS_KEY_ID is required when S3_ENDPOINT is set.\n" +
      "  S3_SECRET_ACCESS_KEY: S3_SECRET_ACCESS_KEY is required when S3_ENDPOINT is set.",
  );
  const { S3_ENDPOINT: _, ...withoutEndpoint } = FULL_S3;
  expect(() => loadStorageConfig(withoutEndpoint)).toThrow(
    /S3_ENDPOINT: S3_ENDPOINT is required when S3_BUCKET is set/,
  );
  expect(() => loadStorageConfig({ ...FULL_S3, S3_ENDPOINT: "localhost:9000" }))
    .toThrow(/S3_ENDPOINT: Use an http\(s\) URL/);
});

Deno.test("an uploaded form file goes through acceptUpload into the store", async () => {
  using kv = await openTestKv();
  const store = getFileStore(kv, {});
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
