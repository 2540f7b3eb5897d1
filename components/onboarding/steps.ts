/**
 * The learner onboarding's steps as the pages name and address them. One
 * page, /dashboard/onboarding, shows one step at a time (`?step=`); without
 * a step it shows where the learner resumes.
 */
import {
  ONBOARDING_STEPS,
  type OnboardingStep,
} from "@/services/learners/mod.ts";

export const ONBOARDING_PATH = "/dashboard/onboarding";

export const STEP_LABELS: Record<OnboardingStep, string> = {
  goals: "Your goals",
  interests: "Your interests",
  levels: "Your level",
  review: "Review",
};

/** The step's page. */
export function onboardingHref(step: OnboardingStep): string {
  return `${ONBOARDING_PATH}?step=${step}`;
}

/** 1-based position, for "Step 2 of 4". */
export function stepNumber(step: OnboardingStep): number {
  return ONBOARDING_STEPS.indexOf(step) + 1;
}

/** The step before, or null on the first. */
export function previousStep(step: OnboardingStep): OnboardingStep | null {
  return ONBOARDING_STEPS[ONBOARDING_STEPS.indexOf(step) - 1] ?? null;
}

/** The step after (the review is the last). */
export function followingStep(step: OnboardingStep): OnboardingStep {
  const index = ONBOARDING_STEPS.indexOf(step);
  return ONBOARDING_STEPS[Math.min(index + 1, ONBOARDING_STEPS.length - 1)];
}

/** Whether `step` names a step (the query string is anyone's). */
export function isOnboardingStep(step: unknown): step is OnboardingStep {
  return (ONBOARDING_STEPS as readonly unknown[]).includes(step);
}
