/** Credential documents on an application. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  ConflictError,
  NotFoundError,
  type ValidationError,
} from "@/services/platform/errors.ts";
import { getApplication } from "./draft.ts";
import {
  addApplicationDocument,
  getApplicationDocument,
  removeApplicationDocument,
} from "./documents.ts";
import { setUp, storedKeys } from "./testing.ts";
import { caught } from "@/tests/support/rejections.ts";
import { PDF, pdfFile } from "@/tests/support/files.ts";

Deno.test("documents: stored, streamed back, removed; disguised and oversized refused", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const document = await addApplicationDocument(kv, "expert1", pdfFile());
  expect(document).toMatchObject({
    name: "certificate.pdf",
    contentType: "application/pdf",
    size: PDF.byteLength,
  });
  const found = await getApplicationDocument(kv, "expert1", document.id);
  expect(new Uint8Array(await new Response(found!.body).arrayBuffer()))
    .toEqual(PDF);
  expect(await getApplicationDocument(kv, "expert1", "nope")).toBeNull();

  const chunksOfFirst = (await storedKeys(kv)).length - 1;
  const disguised = new File(["MZ not a pdf"], "cv.pdf", {
    type: "application/pdf",
  });
  const oversized = new File(
    [PDF, new Uint8Array(10 * 1024 * 1024)],
    "big.pdf",
    { type: "application/pdf" },
  );
  for (const file of [disguised, oversized]) {
    const error = await caught(addApplicationDocument(kv, "expert1", file));
    expect((error as ValidationError).fieldErrors.file).toBeDefined();
  }
  expect((await getApplication(kv, "expert1")).documents).toHaveLength(1);
  expect(await storedKeys(kv)).toEqual([
    ["files", document.fileKey],
    ...Array.from(
      { length: chunksOfFirst },
      () => ["files_chunk", document.fileKey],
    ),
  ]);

  await removeApplicationDocument(kv, "expert1", document.id);
  expect((await getApplication(kv, "expert1")).documents).toEqual([]);
  expect(await getApplicationDocument(kv, "expert1", document.id)).toBeNull();
  expect(await storedKeys(kv)).toEqual([]);
  expect(await caught(removeApplicationDocument(kv, "expert1", document.id)))
    .toBeInstanceOf(NotFoundError);
});

Deno.test("at most 10 documents", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  for (let i = 0; i < 10; i++) {
    await addApplicationDocument(kv, "expert1", pdfFile(`c${i}.pdf`));
  }
  expect(await caught(addApplicationDocument(kv, "expert1", pdfFile())))
    .toBeInstanceOf(ConflictError);
});
