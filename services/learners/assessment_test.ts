import { expect } from "expect";
import {
  ASSESSMENT_LENGTH,
  assessmentStatements,
  levelFromAnswers,
} from "./assessment.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  clearOnboardingDraft,
  getOnboardingDraft,
  saveOnboardingDraft,
} from "./draft.ts";
import { ValidationError } from "@/services/platform/errors.ts";

Deno.test("the self-assessment names the topic and reaches a level step by step", () => {
  expect(assessmentStatements("Piano")).toHaveLength(ASSESSMENT_LENGTH);
  expect(assessmentStatements("Piano")[0]).toContain("Piano");
  expect(levelFromAnswers([])).toBe("beginner");
  expect(levelFromAnswers([true, false, false, false])).toBe("intermediate");
  expect(levelFromAnswers([true, true, true, false])).toBe("advanced");
  // Advanced answers without the basics stay at beginner.
  expect(levelFromAnswers([false, false, true, true])).toBe("beginner");
});

Deno.test("an onboarding draft resumes at its step and keeps earlier answers", async () => {
  await using kv = await openTestKv();
  expect(await getOnboardingDraft(kv, "u1")).toBeNull();
  await saveOnboardingDraft(kv, "u1", {
    step: "interests",
    goals: [{ text: "Play jazz standards", targetDate: null }],
  });
  const draft = await saveOnboardingDraft(kv, "u1", {
    step: "levels",
    interests: ["piano"],
  });
  expect(draft.goals[0].text).toBe("Play jazz standards");
  expect((await getOnboardingDraft(kv, "u1"))?.step).toBe("levels");
  await expect(saveOnboardingDraft(kv, "u1", { step: "levels", interests: [] }))
    .rejects.toBeInstanceOf(ValidationError);
  await clearOnboardingDraft(kv, "u1");
  expect(await getOnboardingDraft(kv, "u1")).toBeNull();
});
