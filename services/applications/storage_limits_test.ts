/** What an expert's uploads may take: replaced photos go, quotas hold. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import type { ValidationError } from "@/services/platform/errors.ts";
import {
  reserveStorage,
  STORAGE_QUOTA_BYTES,
  storageUsed,
} from "@/services/storage/mod.ts";
import {
  addApplicationDocument,
  removeApplicationDocument,
} from "./documents.ts";
import { uploadExpertPhoto } from "./photos.ts";
import { setUp, storedKeys } from "./testing.ts";
import { caught } from "@/tests/support/rejections.ts";
import { PDF, pdfFile, PNG, pngFile } from "@/tests/support/files.ts";

Deno.test("storage limits: a replaced photo is deleted in the same upload", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const first = await uploadExpertPhoto(kv, "expert1", pngFile());
  const second = await uploadExpertPhoto(kv, "expert1", pngFile());
  const third = await uploadExpertPhoto(kv, "expert1", pngFile());
  const files = (await storedKeys(kv)).filter((key) => key[0] === "files");
  expect(files).toEqual([["files", third.photoFileKey]]);
  expect([first, second].map((photo) => photo.photoFileKey)).not.toContain(
    third.photoFileKey,
  );
  expect(await storageUsed(kv, "expert1")).toBe(PNG.byteLength);
});

Deno.test("storage limits: a document over the quota is refused beside the field; removing one gives room back", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const document = await addApplicationDocument(kv, "expert1", pdfFile());
  expect(await storageUsed(kv, "expert1")).toBe(PDF.byteLength);
  await reserveStorage(
    kv,
    "expert1",
    STORAGE_QUOTA_BYTES - 2 * PDF.byteLength + 1,
  );
  const error = await caught(
    addApplicationDocument(kv, "expert1", pdfFile()),
  ) as ValidationError | undefined;
  expect(error?.fieldErrors.file?.[0]).toMatch(/does not fit/);
  await removeApplicationDocument(kv, "expert1", document.id);
  await addApplicationDocument(kv, "expert1", pdfFile());
});
