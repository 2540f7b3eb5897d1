/**
 * Milestones under onboarding goals: added in order, ticked off and back,
 * removed; progress is the share ticked off; limits and unknown goals are
 * refused with messages to act on; concurrent adds never break the limit.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { onboardedLearner } from "@/tests/support/progress.ts";
import { NotFoundError, ValidationError } from "@/services/platform/errors.ts";
import {
  addMilestone,
  goalIdOf,
  listGoalProgress,
  MAX_MILESTONES_PER_GOAL,
  removeMilestone,
  setMilestoneDone,
} from "./mod.ts";

Deno.test("milestones are added, ticked off and removed; progress follows", async () => {
  await using kv = await openTestKv();
  await onboardedLearner(kv, "l1", ["Play a Chopin nocturne", "Read music"]);
  const [goal, other] = await listGoalProgress(kv, "l1");
  expect(goal).toMatchObject({ total: 0, percent: 0, targetDate: null });
  const first = await addMilestone(kv, "l1", goal.goalId, {
    text: "  Learn the left hand  ",
  });
  expect(first.text).toBe("Learn the left hand");
  const second = await addMilestone(kv, "l1", goal.goalId, { text: "Pedal" });
  await addMilestone(kv, "l1", goal.goalId, { text: "Play it slowly" });
  const ticked = await setMilestoneDone(kv, "l1", goal.goalId, first.id, true);
  expect(ticked.doneAt).not.toBeNull();
  let [after, untouched] = await listGoalProgress(kv, "l1");
  expect(after).toMatchObject({ done: 1, total: 3, percent: 33 });
  expect(after.milestones.map((m) => m.text)).toEqual([
    "Learn the left hand",
    "Pedal",
    "Play it slowly",
  ]);
  expect(untouched).toMatchObject({ goalId: other.goalId, total: 0 });

  await setMilestoneDone(kv, "l1", goal.goalId, second.id, true);
  await setMilestoneDone(kv, "l1", goal.goalId, first.id, false);
  await removeMilestone(kv, "l1", goal.goalId, second.id);
  [after] = await listGoalProgress(kv, "l1");
  expect(after).toMatchObject({ done: 0, total: 2, percent: 0 });
  await expect(removeMilestone(kv, "l1", goal.goalId, second.id)).rejects
    .toBeInstanceOf(NotFoundError);
});

Deno.test("a goal is known by its words: reordering keeps its milestones", async () => {
  await using kv = await openTestKv();
  await onboardedLearner(kv, "l1", ["Read music", "Play a Chopin nocturne"]);
  const goalId = await goalIdOf("Play a Chopin nocturne");
  await addMilestone(kv, "l1", goalId, { text: "Left hand" });
  await onboardedLearner(kv, "l1", ["play a  Chopin nocturne", "Read music"]);
  const [goal] = await listGoalProgress(kv, "l1");
  expect(goal.goalId).toBe(goalId);
  expect(goal.total).toBe(1);
});

Deno.test("bad text, a full goal and someone else's goal are refused", async () => {
  await using kv = await openTestKv();
  await onboardedLearner(kv, "l1");
  const [{ goalId }] = await listGoalProgress(kv, "l1");
  const empty = await addMilestone(kv, "l1", goalId, { text: "  " })
    .catch((e) => e);
  expect(empty).toBeInstanceOf(ValidationError);
  expect(empty.fieldErrors.text).toEqual(["This can't be empty."]);
  const long = await addMilestone(kv, "l1", goalId, { text: "x".repeat(201) })
    .catch((e) => e);
  expect(long.fieldErrors.text).toEqual(["Use at most 200 characters."]);
  await expect(addMilestone(kv, "l2", goalId, { text: "Mine" })).rejects
    .toBeInstanceOf(NotFoundError);
  await expect(setMilestoneDone(kv, "l1", goalId, "nope", true)).rejects
    .toBeInstanceOf(NotFoundError);

  // Adds racing for the last places never exceed the limit.
  const results = await Promise.allSettled(
    Array.from(
      { length: MAX_MILESTONES_PER_GOAL + 3 },
      (_, i) => addMilestone(kv, "l1", goalId, { text: `Step ${i}` }),
    ),
  );
  const refused = results.filter((r) => r.status === "rejected");
  expect(refused.length).toBe(3);
  expect((refused[0] as PromiseRejectedResult).reason.message).toMatch(
    /up to 20 milestones/,
  );
  const [goal] = await listGoalProgress(kv, "l1");
  expect(goal.total).toBe(MAX_MILESTONES_PER_GOAL);
});
