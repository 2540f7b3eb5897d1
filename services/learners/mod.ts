/**
 * The learners feature's public entry: everything outside services/learners/
 * imports from here.
 */
export {
  type LearnerProfile,
  learnerProfileSchema,
  type Level,
  LEVELS,
  type OnboardingInput,
  onboardingSchema,
} from "./model.ts";
export { getOnboarding, saveOnboarding } from "./onboarding.ts";
export {
  bayesianRating,
  goalWords,
  type Recommendation,
  recommendExperts,
} from "./recommendations.ts";
export {
  ASSESSMENT_LENGTH,
  assessmentStatements,
  levelFromAnswers,
} from "./assessment.ts";
export {
  clearOnboardingDraft,
  getOnboardingDraft,
  ONBOARDING_STEPS,
  type OnboardingDraft,
  type OnboardingStep,
  saveOnboardingDraft,
} from "./draft.ts";
