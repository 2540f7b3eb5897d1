/**
 * The progress feature's public entry: everything outside
 * services/progress/ imports from here. A learner's home (home.ts) puts
 * together their next and last sessions (sessions.ts: the calls feature's
 * join rule, the reviews feature's rating window), their onboarding goals
 * with milestones to tick off (milestones.ts, goals.ts; KV keys in
 * store.ts), the numbers of their learning from completed sessions
 * (learning.ts, the pure rules in stats.ts, the streak defined there) and
 * "book again" suggestions after good sessions (suggestions.ts).
 */
export {
  addMilestoneSchema,
  GOAL_FULL_MESSAGE,
  type GoalProgress,
  goalProgressSchema,
  learningStatsSchema,
  MAX_MILESTONE_TEXT,
  MAX_MILESTONES_PER_GOAL,
  type Milestone,
  milestoneChangeSchema,
  milestoneSchema,
} from "./model.ts";
export { goalIdOf } from "./goals.ts";
export {
  addMilestone,
  listGoalProgress,
  removeMilestone,
  setMilestoneDone,
} from "./milestones.ts";
export {
  type CategoryHours,
  type LearningStats,
  type MonthHours,
  roundHours,
  STATS_MONTHS,
  type Streak,
} from "./stats.ts";
export {
  completedSessions,
  learnerStats,
  learnerStatsNow,
} from "./learning.ts";
export {
  HOME_SESSIONS,
  type PastSession,
  type UpcomingSession,
} from "./sessions.ts";
export { type BookAgain, GOOD_RATING, MAX_SUGGESTIONS } from "./suggestions.ts";
export { HOME_SAVED_EXPERTS, type LearnerHome, learnerHome } from "./home.ts";
