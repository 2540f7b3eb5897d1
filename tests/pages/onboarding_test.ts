/**
 * Learner onboarding over HTTP, step by step: the dashboard's prompt, each
 * step refusing bad input beside its field with everything typed kept,
 * resuming where the learner left, skipping, and the dashboard's goals and
 * reasons after the review.
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

const STEP = "/dashboard/onboarding?step=";

/** The field's error paragraph, as the form components write it. */
function errorBeside(html: string, id: string): string | undefined {
  return new RegExp(`<p id="${id}-error"[^>]*>(.*?)</p>`, "s").exec(html)?.[1]
    .replace(/<[^>]+>/g, "").trim();
}

Deno.test("onboarding steps refuse bad input beside the field and keep what was typed", async () => {
  await using app = await createAppWithCategories();
  const learner = await signUp(app, "learner");

  // Goals: a too-short goal beside its own row, the others kept.
  const goals = await postForm(learner, `${STEP}goals`, {
    action: "continue",
    "goal-0": "Learn to run user interviews",
    "goal-0-date": "2099-01-01",
    "goal-2": "Hi",
  });
  expect(goals.status).toBe(400);
  const goalsHtml = await goals.text();
  expect(errorBeside(goalsHtml, "goal-2")).toBeTruthy();
  expect(errorBeside(goalsHtml, "goal-0")).toBeUndefined();
  expect(goalsHtml).toContain('value="Learn to run user interviews"');
  expect(goalsHtml).toContain('value="2099-01-01"');
  expect(goalsHtml).toContain('value="Hi"');
  expect(goalsHtml).toContain('aria-current="step"');
  expect(goalsHtml).toContain("Step 1 of 4");
  // A past date, beside the date.
  const past = await postForm(learner, `${STEP}goals`, {
    action: "continue",
    "goal-0": "Learn to run user interviews",
    "goal-0-date": "2001-01-01",
  });
  expect(past.status).toBe(400);
  expect(errorBeside(await past.text(), "goal-0-date")).toContain(
    "today or a later",
  );
  // No goal at all.
  const none = await postForm(learner, `${STEP}goals`, { action: "continue" });
  expect(none.status).toBe(400);
  expect(errorBeside(await none.text(), "goals")).toBe(
    "Add at least one goal.",
  );

  const saved = await postForm(learner, `${STEP}goals`, {
    action: "continue",
    "goal-0": "Learn to run user interviews",
  });
  expect(saved.status).toBe(303);
  expect(saved.headers.get("location")).toBe(`${STEP}interests`);

  // Interests: chips grouped under each area's heading.
  const interests = await page(learner, `${STEP}interests`);
  expect(interests.text).toContain("Step 2 of 4");
  expect(interests.text).toMatch(/<h3[^>]*>.*Design/s);
  expect(interests.text).toContain('name="interests" value="ux-research"');
  const noInterest = await postForm(learner, `${STEP}interests`, {
    action: "continue",
  });
  expect(noInterest.status).toBe(400);
  expect(errorBeside(await noInterest.text(), "interests")).toBe(
    "Choose at least one interest.",
  );
  const unknown = await postForm(learner, `${STEP}interests`, {
    action: "continue",
    interests: ["design", "astrology"],
  });
  expect(unknown.status).toBe(400);
  const unknownHtml = await unknown.text();
  expect(errorBeside(unknownHtml, "interests")).toContain("astrology");
  // The valid choice stays ticked.
  expect(unknownHtml).toMatch(/value="design"\s+checked/);
  expect(
    (await postForm(learner, `${STEP}interests`, {
      action: "continue",
      interests: ["design", "piano"],
    })).headers.get("location"),
  ).toBe(`${STEP}levels`);

  // Levels: the statements per interest, and a level refused beside its field.
  const levels = await page(learner, `${STEP}levels`);
  expect(levels.text).toContain("I have already practised Piano");
  expect(levels.text).toContain("Let my answers decide");
  const badLevel = await postForm(learner, `${STEP}levels`, {
    action: "continue",
    "level-design": "guru",
    "level-piano": "answers",
    "answer-piano-0": "yes",
    "answer-piano-1": "yes",
  });
  expect(badLevel.status).toBe(400);
  const badLevelHtml = await badLevel.text();
  expect(errorBeside(badLevelHtml, "level-design")).toContain("Choose a level");
  expect(badLevelHtml).toMatch(/id="answer-piano-1"[^>]*checked/);
  expect(
    (await postForm(learner, `${STEP}levels`, {
      action: "continue",
      "level-design": "beginner",
      "level-piano": "answers",
      "answer-piano-0": "yes",
      "answer-piano-1": "yes",
    })).headers.get("location"),
  ).toBe(`${STEP}review`);

  const review = await page(learner, `${STEP}review`);
  expect(review.text).toContain("Step 4 of 4");
  expect(review.text).toContain("Piano</span>: Intermediate");
  expect(review.text).toContain("(from your answers)");
  expect(review.text).toContain("Design</span>: Beginner");
});

Deno.test("onboarding resumes at the first unfinished step; later steps wait; Back and Skip keep answers", async () => {
  await using app = await createAppWithCategories();
  const learner = await signUp(app, "learner");
  // A step not reached yet sends the learner to where they are.
  const early = await learner.request(`${STEP}review`);
  expect(early.status).toBe(303);
  expect(early.headers.get("location")).toBe(`${STEP}goals`);

  await postForm(learner, `${STEP}goals`, {
    action: "continue",
    "goal-0": "Sketch every day",
  });
  // Back from interests saves the chips ticked meanwhile.
  const back = await postForm(learner, `${STEP}interests`, {
    action: "back",
    interests: ["design"],
  });
  expect(back.headers.get("location")).toBe(`${STEP}goals`);

  // Coming back later: the first unfinished step, with what was entered.
  const resumed = await page(learner, "/dashboard/onboarding");
  expect(resumed.text).toContain("Step 3 of 4");
  expect(resumed.text).toContain("I have already practised Design");
  expect((await page(learner, `${STEP}goals`)).text).toContain(
    'value="Sketch every day"',
  );

  // Skip: to the dashboard, which asks to finish from that step.
  const skip = await postForm(learner, `${STEP}levels`, {
    action: "skip",
    "level-design": "advanced",
  });
  expect(skip.headers.get("location")).toBe("/dashboard?skipped=1");
  const dashboard = await page(learner, "/dashboard?skipped=1");
  expect(dashboard.text).toContain("Finish telling us what you want to learn");
  // Back to the step they left, though its answers are all there.
  expect(dashboard.text).toContain("step 3 of 4");
  expect(dashboard.text).not.toContain("Recommended for you");
  const again = await page(learner, "/dashboard/onboarding");
  expect(again.text).toContain("Welcome back");
  expect(again.text).toContain("Step 3 of 4");
  expect(again.text).toMatch(/value="advanced"\s+checked/);
});

Deno.test("after the review the dashboard shows the goals and why each expert is recommended", async () => {
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
  const fresh = await page(learner, "/dashboard");
  expect(fresh.text).toContain("Tell us what you want to learn");
  expect(fresh.text).toContain('href="/dashboard/onboarding"');

  await postForm(learner, `${STEP}goals`, {
    action: "continue",
    "goal-0": "Learn to run user interviews",
    "goal-0-date": "2099-05-01",
  });
  await postForm(learner, `${STEP}interests`, {
    action: "continue",
    interests: "design",
  });
  await postForm(learner, `${STEP}levels`, {
    action: "continue",
    "level-design": "answers",
  });
  const finished = await postForm(learner, `${STEP}review`, {
    action: "continue",
  });
  expect(finished.headers.get("location")).toBe("/dashboard?onboarded=1");

  const after = await page(learner, "/dashboard");
  expect(after.text).toContain("Your goals");
  expect(after.text).toContain("Learn to run user interviews");
  expect(after.text).toContain("Design (beginner)");
  expect(after.text).toContain("Recommended for you");
  expect(after.text).toContain("Why we suggest Sam Mentor:");
  expect(after.text).toContain(
    "Because you want to learn Design at beginner level.",
  );
  // Editing later starts from the saved answers, at the review.
  const edit = await page(learner, "/dashboard/onboarding");
  expect(edit.text).toContain("Check your answers");
  expect(edit.text).toContain("Learn to run user interviews");
  expect(edit.text).toContain("Finish later");
});
