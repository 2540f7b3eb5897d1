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
