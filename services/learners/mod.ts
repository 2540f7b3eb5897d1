/**
 * The learners feature's public entry: everything outside services/learners/
 * imports from here.
 */
export {
  assessmentsSchema,
  goalListSchema,
  interestListSchema,
  type LearnerProfile,
  learnerProfileSchema,
  type Level,
  LEVEL_CHOICES,
  type LevelChoice,
  LEVELS,
  MAX_GOALS,
  MAX_INTERESTS,
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
  LEVEL_DESCRIPTIONS,
  levelFromAnswers,
} from "./assessment.ts";
export {
  clearOnboardingDraft,
  type DraftChange,
  draftChangeSchema,
  finishOnboarding,
  getOnboardingAndProgress,
  getOnboardingDraft,
  getOnboardingProgress,
  ONBOARDING_STEPS,
  type OnboardingDraft,
  onboardingDraftSchema,
  type OnboardingProgress,
  type OnboardingStep,
  resolveLevel,
  saveOnboardingDraft,
  skipOnboarding,
} from "./draft.ts";
