/** Edits of one offering under contention all land. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { createOffering, updateOffering } from "./offerings.ts";
import { getOffering } from "./store.ts";

Deno.test("contention: 40 parallel edits of one offering all succeed", async () => {
  using kv = await openTestKv();
  const offering = await createOffering(kv, "e1", {
    kind: "session",
    title: "Career chat",
    durationMinutes: 30,
    priceMinor: 5000,
    currency: "EUR",
  });
  const results = await Promise.allSettled(
    Array.from(
      { length: 40 },
      (_, i) =>
        updateOffering(kv, "e1", offering.id, { title: `Career chat ${i}` }),
    ),
  );
  expect(results.filter((r) => r.status === "rejected")).toEqual([]);
  expect((await getOffering(kv, "e1", offering.id))?.title).toMatch(
    /^Career chat \d+$/,
  );
});
