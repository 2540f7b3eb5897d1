/**
 * The recording flag: off unless the expert turns it on, kept through
 * edits that do not mention it, and off on offerings stored before it.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import type { OfferingInput } from "./model.ts";
import { getOffering } from "./store.ts";
import { createOffering, updateOffering } from "./offerings.ts";

const session: OfferingInput = {
  kind: "session",
  title: "Career chat",
  durationMinutes: 30,
  priceMinor: 5000,
  currency: "EUR",
};

Deno.test("an offering offers recording only when the expert says so; edits keep the choice", async () => {
  using kv = await openTestKv();
  expect((await createOffering(kv, "e1", session)).recordingOffered).toBe(
    false,
  );
  const offered = await createOffering(kv, "e1", {
    ...session,
    recordingOffered: true,
  });
  expect(offered.recordingOffered).toBe(true);
  const renamed = await updateOffering(kv, "e1", offered.id, { title: "New" });
  expect(renamed.recordingOffered).toBe(true);
  const off = await updateOffering(kv, "e1", offered.id, {
    recordingOffered: false,
  });
  expect(off.recordingOffered).toBe(false);

  const { recordingOffered: _, ...old } = offered;
  await kv.set(["offerings", "e1", offered.id], old);
  expect((await getOffering(kv, "e1", offered.id))?.recordingOffered).toBe(
    false,
  );
});
