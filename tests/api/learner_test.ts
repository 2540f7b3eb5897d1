/**
 * Learner onboarding and recommendations over HTTP. Every answer is checked
 * against the OpenAPI document.
 */
import { expect } from "expect";
import { signUp } from "@/tests/support/auth.ts";
import { approvedExpert, withCategories } from "./support.ts";

Deno.test("learner onboarding is validated, editable, and drives recommendations", async () => {
  const { app, admin } = await withCategories();
  await using _app = app;
  const expert = await approvedExpert(app, admin);
  const learner = await signUp(app, "learner");

  expect((await learner.api("GET", "/api/learner/onboarding")).body)
    .toEqual({ onboarding: null });

  const answers = {
    goals: [{ text: "Build my first recommendation system" }],
    interests: ["machine-learning"],
    levels: { "machine-learning": "beginner" },
  };
  const invalid: Record<string, unknown>[] = [
    { ...answers, interests: ["astrology"], levels: { astrology: "beginner" } },
    { ...answers, levels: {} },
    { ...answers, levels: { "machine-learning": "guru" } },
    { ...answers, goals: [] },
    { ...answers, goals: [{ text: "Old goal", targetDate: "2001-01-01" }] },
    { goals: answers.goals },
  ];
  for (const body of invalid) {
    const answer = await learner.api("PUT", "/api/learner/onboarding", body);
    expect({ body, status: answer.status }).toEqual({ body, status: 400 });
  }
  expect((await learner.api("GET", "/api/learner/onboarding")).body.onboarding)
    .toBeNull();

  const saved = await learner.api("PUT", "/api/learner/onboarding", answers);
  expect(saved.status).toBe(200);
  expect(saved.body.onboarding).toMatchObject({
    goals: [{ text: answers.goals[0].text, targetDate: null }],
    interests: ["machine-learning"],
    levels: { "machine-learning": "beginner" },
  });
  const recommended = await learner.api("GET", "/api/learner/recommendations");
  expect(recommended.status).toBe(200);
  expect(
    recommended.body.recommendations.map((r: { expert: { id: string } }) =>
      r.expert.id
    ),
  ).toEqual([expert.user!.id]);

  // Editable later; an interest with no experts recommends none of them.
  const edited = await learner.api("PUT", "/api/learner/onboarding", {
    goals: [{ text: "Design a logo", targetDate: "2099-12-31" }],
    interests: ["design"],
    levels: { design: "advanced" },
  });
  expect(edited.status).toBe(200);
  const none = await learner.api("GET", "/api/learner/recommendations");
  expect(none.body.recommendations).toEqual([]);
  expect(
    (await learner.api("GET", "/api/learner/recommendations?limit=0")).status,
  ).toBe(400);

  // Learner routes are for learners.
  expect((await expert.api("GET", "/api/learner/recommendations")).status)
    .toBe(403);
  expect(
    (await app.client().api("PUT", "/api/learner/onboarding", answers))
      .status,
  ).toBe(401);
});
