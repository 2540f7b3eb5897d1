/**
 * The learner onboarding draft over HTTP: saved part by part, resumed at
 * the first unfinished step, read back and sent back unchanged, and
 * removed when the finished answers are saved. Every answer is checked
 * against the OpenAPI document.
 */
import { expect } from "expect";
import { signUp } from "@/tests/support/auth.ts";
import { approvedExpert, withCategories } from "./support.ts";

Deno.test("the onboarding draft saves part by part and resumes where the learner stopped", async () => {
  const { app, admin } = await withCategories();
  await using _app = app;
  await approvedExpert(app, admin);
  const learner = await signUp(app, "learner");
  const path = "/api/learner/onboarding/draft";

  expect((await learner.api("GET", path)).body).toMatchObject({
    draft: null,
    progress: { status: "new", step: "goals" },
  });

  // Goals first; empty interests are fine until the end.
  const first = await learner.api("PUT", path, {
    goals: [{ text: "Train my first model" }],
    interests: [],
  });
  expect(first.status).toBe(200);
  expect(first.body.progress).toMatchObject({
    status: "in_progress",
    step: "interests",
  });

  const refused = [
    { interests: ["astrology"] },
    { goals: [{ text: "Old", targetDate: "2001-01-01" }] },
    { levels: { design: "beginner" } },
    { interests: ["design"], levels: { design: "guru" } },
    { assessments: { design: [true] } },
    { surprise: true },
  ];
  for (const body of refused) {
    const answer = await learner.api("PUT", path, body);
    expect({ body, status: answer.status }).toEqual({ body, status: 400 });
  }

  const second = await learner.api("PUT", path, {
    interests: ["machine-learning"],
    levels: { "machine-learning": "answers" },
    assessments: { "machine-learning": [true, true, false, false] },
  });
  expect(second.body.progress.step).toBe("review");

  // What GET answers, PUT takes back unchanged.
  const read = await learner.api("GET", path);
  const resent = await learner.api("PUT", path, read.body.draft);
  expect(resent.status).toBe(200);
  const { updatedAt: _a, ...before } = read.body.draft;
  const { updatedAt: _b, ...after } = resent.body.draft;
  expect(after).toEqual(before);
  expect(after.goals).toEqual([
    { text: "Train my first model", targetDate: null },
  ]);

  // Saving the finished answers removes the draft; they keep the assessment.
  const saved = await learner.api("PUT", "/api/learner/onboarding", {
    goals: after.goals,
    interests: after.interests,
    levels: { "machine-learning": "intermediate" },
    assessments: after.assessments,
  });
  expect(saved.status).toBe(200);
  expect(saved.body.onboarding.assessments).toEqual(after.assessments);
  expect((await learner.api("GET", path)).body).toMatchObject({
    draft: null,
    progress: { status: "finished", step: "review" },
  });

  // Each recommendation says why.
  const recommended = await learner.api("GET", "/api/learner/recommendations");
  expect(recommended.body.recommendations[0].reason).toBe(
    "Because you want to learn Machine Learning at intermediate level",
  );
  expect(recommended.body.recommendations[0].reasons[0]).toBe(
    recommended.body.recommendations[0].reason,
  );

  expect((await app.client().api("GET", path)).status).toBe(401);
});
