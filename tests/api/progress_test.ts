/**
 * The progress API end to end, every answer checked against the OpenAPI
 * document: goals from onboarding with milestones added, ticked off and
 * removed; stats from completed sessions; refusals a caller can act on.
 */
import { expect } from "expect";
import { signUp } from "@/tests/support/auth.ts";
import { bookableExpert, daysAhead } from "@/tests/support/bookings.ts";
import { heldSessionAt, onboardedLearner } from "@/tests/support/progress.ts";
import { createCheckedAuthApp } from "./support.ts";

const DAY_MS = 86_400_000;

Deno.test("a learner's goals take milestones; the numbers come from held sessions", async () => {
  await using app = await createCheckedAuthApp();
  const learner = await signUp(app, "learner");
  const user = learner.user!;
  await onboardedLearner(app.kv, user.id, ["Speak Spanish", "Read novels"]);
  const { offering } = await bookableExpert(app.kv);
  await heldSessionAt(
    app.kv,
    user,
    offering,
    daysAhead(new Date(Date.now() - 3 * DAY_MS), 0, 9),
  );

  const before = await learner.api("GET", "/api/learner/progress");
  expect(before.status).toBe(200);
  expect(before.body.goals.map((g: { text: string }) => g.text)).toEqual([
    "Speak Spanish",
    "Read novels",
  ]);
  expect(before.body.stats.sessionsCompleted).toBe(1);
  expect(before.body.stats.hoursCompleted).toBe(1);
  expect(before.body.stats.months).toHaveLength(12);

  const goalId = before.body.goals[0].goalId;
  const path = `/api/learner/goals/${goalId}/milestones`;
  const added = await learner.api("POST", path, { text: "Order food" });
  expect(added.status).toBe(201);
  const id = added.body.milestone.id;
  const ticked = await learner.api("PATCH", `${path}/${id}`, { done: true });
  expect(ticked.status).toBe(200);
  expect(ticked.body.milestone.done).toBe(true);
  const after = await learner.api("GET", "/api/learner/progress");
  expect(after.body.goals[0]).toMatchObject({
    done: 1,
    total: 1,
    percent: 100,
  });

  expect((await learner.api("DELETE", `${path}/${id}`)).status).toBe(204);
  expect((await learner.api("DELETE", `${path}/${id}`)).status).toBe(404);

  const empty = await learner.api("POST", path, { text: "" });
  expect(empty.status).toBe(400);
  const noDone = await learner.api("PATCH", `${path}/${id}`, {});
  expect(noDone.status).toBe(400);
  const other = await signUp(app, "learner");
  const notTheirs = await other.api("POST", path, { text: "Mine now" });
  expect(notTheirs.status).toBe(404);
  expect(notTheirs.body.message).toMatch(/no longer among your goals/);
});
