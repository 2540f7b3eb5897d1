/** Writes to one application under contention all land while there is room. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { getApplication } from "./draft.ts";
import { addApplicationDocument } from "./documents.ts";
import { setUp } from "./testing.ts";
import { pdfFile } from "@/tests/support/files.ts";
import { MAX_DOCUMENTS } from "./model.ts";

Deno.test("contention: parallel document uploads by one expert all succeed while slots are free", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const results = await Promise.allSettled(
    Array.from(
      { length: MAX_DOCUMENTS },
      () => addApplicationDocument(kv, "expert1", pdfFile()),
    ),
  );
  expect(results.filter((r) => r.status === "rejected")).toEqual([]);
  expect((await getApplication(kv, "expert1")).documents).toHaveLength(
    MAX_DOCUMENTS,
  );
});
