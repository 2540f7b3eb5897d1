/**
 * Saved experts: saving is idempotent and newest first, only listed
 * experts can be saved, the list has a limit, removing works for experts
 * no longer listed, and two saves at once both land.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { bookableExpert } from "@/tests/support/bookings.ts";
import { NotFoundError, ValidationError } from "@/services/platform/errors.ts";
import {
  isExpertSaved,
  listSavedExperts,
  MAX_SAVED_EXPERTS,
  saveExpert,
  unsaveExpert,
} from "./mod.ts";
import { savedKey } from "./store.ts";

Deno.test("saving an expert twice keeps one entry; the list is newest first", async () => {
  await using kv = await openTestKv();
  const first = await bookableExpert(kv);
  const second = await bookableExpert(kv);
  const saved = await saveExpert(kv, "learner-1", first.expertId);
  await saveExpert(kv, "learner-1", second.expertId);
  expect(await saveExpert(kv, "learner-1", first.expertId)).toEqual(saved);
  const list = await listSavedExperts(kv, "learner-1");
  expect(list.map((item) => item.expertId)).toEqual([
    second.expertId,
    first.expertId,
  ]);
  expect(list[0].expert.name).toBe("Bea Booked");
  expect(await isExpertSaved(kv, "learner-1", first.expertId)).toBe(true);
  expect(await isExpertSaved(kv, "learner-2", first.expertId)).toBe(false);
});

Deno.test("only listed experts can be saved, and not one's own profile", async () => {
  await using kv = await openTestKv();
  await expect(saveExpert(kv, "learner-1", "no-such-expert")).rejects
    .toBeInstanceOf(NotFoundError);
  const { expertId } = await bookableExpert(kv);
  await expect(saveExpert(kv, expertId, expertId)).rejects.toBeInstanceOf(
    ValidationError,
  );
});

Deno.test("removing is idempotent and works for unlisted experts", async () => {
  await using kv = await openTestKv();
  const { expertId } = await bookableExpert(kv);
  await saveExpert(kv, "learner-1", expertId);
  // An expert who left the listing stays removable.
  await kv.set(savedKey("learner-1"), {
    experts: [
      { expertId: "gone", savedAt: new Date().toISOString() },
      { expertId, savedAt: new Date().toISOString() },
    ],
  });
  expect((await listSavedExperts(kv, "learner-1")).length).toBe(1);
  expect(await unsaveExpert(kv, "learner-1", "gone")).toBe(true);
  expect(await unsaveExpert(kv, "learner-1", "gone")).toBe(false);
  expect(await unsaveExpert(kv, "learner-1", expertId)).toBe(true);
  expect((await kv.get(savedKey("learner-1"))).value).toBeNull();
});

Deno.test("the list is limited with a message to act on", async () => {
  await using kv = await openTestKv();
  const { expertId } = await bookableExpert(kv);
  const savedAt = new Date().toISOString();
  await kv.set(savedKey("learner-1"), {
    experts: Array.from(
      { length: MAX_SAVED_EXPERTS },
      (_, i) => ({ expertId: `e${i}`, savedAt }),
    ),
  });
  const refused = await saveExpert(kv, "learner-1", expertId).catch((e) => e);
  expect(refused).toBeInstanceOf(ValidationError);
  expect(refused.message).toMatch(/up to 100 experts/);
});

Deno.test("two saves at once both land", async () => {
  await using kv = await openTestKv();
  const experts = await Promise.all(
    [1, 2, 3, 4].map(() => bookableExpert(kv)),
  );
  await Promise.all(
    experts.map(({ expertId }) => saveExpert(kv, "learner-1", expertId)),
  );
  expect((await listSavedExperts(kv, "learner-1")).length).toBe(4);
});
