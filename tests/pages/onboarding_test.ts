/**
 * Learner onboarding over HTTP: the prompt on the dashboard, refused input
 * kept beside its field, then recommendations.
 */
import { expect } from "expect";
import { signInAdmin, signUp } from "@/tests/support/auth.ts";
import {
  createAppWithCategories,
  expertWithSteps,
  page,
  postForm,
  submitForReview,
} from "./page_helpers.ts";

Deno.test("learner onboarding: prompt, errors keep input, then recommendations", async () => {
  await using app = await createAppWithCategories();
  // A published expert in Design to recommend, through the real flow.
  const expert = await expertWithSteps(app, "Sam Mentor");
  await submitForReview(expert);
  const admin = await signInAdmin(app, { twoFactor: true });
  await postForm(admin, `/admin/applications/${expert.user!.id}`, {
    decision: "approve",
    note: "",
  });

  const learner = await signUp(app, "learner");
  const dashboard = await page(learner, "/dashboard");
  expect(dashboard.text).toContain("/dashboard/onboarding");
  expect(dashboard.text).not.toContain("Recommended for you");

  const form = await page(learner, "/dashboard/onboarding");
  expect(form.status).toBe(200);

  const bad = await postForm(learner, "/dashboard/onboarding", {
    "goal-0": "Learn to run user interviews",
    "goal-0-date": "2001-01-01",
  });
  expect(bad.status).toBe(400);
  const badText = await bad.text();
  expect(badText).toContain('value="Learn to run user interviews"');
  expect(badText).toContain("Choose at least one interest");

  const saved = await postForm(learner, "/dashboard/onboarding", {
    "goal-0": "Learn to run user interviews",
    "goal-0-date": "",
    "level-design": "beginner",
  });
  expect(saved.status).toBe(303);
  const after = await page(learner, "/dashboard");
  expect(after.text).toContain("Recommended for you");
  expect(after.text).toContain("Sam Mentor");
  // The dashboard shows the goals, and why each expert is recommended.
  expect(after.text).toContain("Your goals");
  expect(after.text).toContain("Learn to run user interviews");
  expect(after.text).toContain("Why we suggest Sam Mentor:");
  expect(after.text).toMatch(/Teaches Design, which you chose as an interest/);
  // Editing later shows the saved answers.
  expect((await page(learner, "/dashboard/onboarding")).text).toContain(
    'value="Learn to run user interviews"',
  );
});
