/** What an expert's uploads may take: replaced photos go, quotas hold. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import type { ValidationError } from "@/services/platform/errors.ts";
import {
  getFileStore,
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
import { PDF, pdfFile } from "@/tests/support/files.ts";
import { testPngFile } from "@/tests/support/images.ts";
import { imageKeys } from "@/services/images/mod.ts";

Deno.test("storage limits: a replaced photo is deleted in the same upload, with all its variants", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const first = await uploadExpertPhoto(
    kv,
    "expert1",
    await testPngFile(40, 30, 10),
  );
  const second = await uploadExpertPhoto(
    kv,
    "expert1",
    await testPngFile(40, 30, 90),
  );
  const third = await uploadExpertPhoto(
    kv,
    "expert1",
    await testPngFile(60, 30),
  );
  const files = (await storedKeys(kv)).filter((key) => key[0] === "files");
  expect(files.map((key) => key[1]).sort()).toEqual(
    imageKeys(third.photoFileKey).sort(),
  );
  expect([first, second].map((photo) => photo.photoFileKey)).not.toContain(
    third.photoFileKey,
  );
  const store = getFileStore(kv);
  let bytes = 0;
  for (const key of imageKeys(third.photoFileKey)) {
    bytes += (await store.head(key))!.size;
  }
  expect(await storageUsed(kv, "expert1")).toBe(bytes);
  // The same picture again changes nothing and costs nothing.
  const again = await uploadExpertPhoto(
    kv,
    "expert1",
    await testPngFile(60, 30),
  );
  expect(again.photoFileKey).toBe(third.photoFileKey);
  expect(await storageUsed(kv, "expert1")).toBe(bytes);
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
