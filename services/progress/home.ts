/**
 * Everything a learner's home shows, read in one call: the next and last
 * sessions, goals with milestones, the learning stats, saved experts and
 * "book again" suggestions.
 */
import {
  listSavedExperts,
  type SavedExpertView,
} from "@/services/saved_experts/mod.ts";
import type { LearnerProfile } from "@/services/learners/mod.ts";
import type { GoalProgress } from "./model.ts";
import { listGoalProgress } from "./milestones.ts";
import { completedSessions, learnerStats } from "./learning.ts";
import {
  type PastSession,
  pastSessions,
  type UpcomingSession,
  upcomingSessions,
} from "./sessions.ts";
import type { LearningStats } from "./stats.ts";
import { type BookAgain, bookAgainSuggestions } from "./suggestions.ts";

export interface LearnerHome {
  upcoming: UpcomingSession[];
  past: PastSession[];
  goals: GoalProgress[];
  stats: LearningStats;
  saved: SavedExpertView[];
  bookAgain: BookAgain[];
}

/** How many saved experts the home lists (the saved-experts page has all). */
export const HOME_SAVED_EXPERTS = 6;

/**
 * The home of `learner` (their id and IANA time zone). A caller that has
 * just read the learner's onboarding answers passes them as `known`.
 */
export async function learnerHome(
  kv: Deno.Kv,
  learner: { id: string; timeZone: string },
  known?: { onboarding: LearnerProfile | null },
): Promise<LearnerHome> {
  const [upcoming, past, goals, completed, saved] = await Promise.all([
    upcomingSessions(kv, learner.id),
    pastSessions(kv, learner.id),
    listGoalProgress(kv, learner.id, known),
    completedSessions(kv, learner.id, learner.timeZone),
    listSavedExperts(kv, learner.id),
  ]);
  const booked = new Set(upcoming.map(({ booking }) => booking.expertId));
  const [stats, bookAgain] = await Promise.all([
    learnerStats(kv, completed, learner.timeZone),
    bookAgainSuggestions(kv, completed, booked),
  ]);
  return {
    upcoming,
    past,
    goals,
    stats,
    saved: saved.slice(0, HOME_SAVED_EXPERTS),
    bookAgain,
  };
}
