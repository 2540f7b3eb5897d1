/**
 * What a learner's progress is made of: milestones under the goals they
 * set in onboarding (each ticked off or not), and the numbers of their
 * learning computed from completed sessions. The zod schemas are the one
 * statement of the stored and accepted shapes; the types are inferred.
 */
import { z } from "zod";
import { idSchema } from "@/services/platform/model.ts";
import { singleLine } from "@/services/platform/plain_text.ts";

/** The most milestones one goal holds: enough steps to plan, few enough to see. */
export const MAX_MILESTONES_PER_GOAL = 20;
/** The longest milestone text, the same as a goal's. */
export const MAX_MILESTONE_TEXT = 200;

export const milestoneTextSchema = singleLine(1, MAX_MILESTONE_TEXT);

export const milestoneSchema = z.object({
  id: idSchema,
  text: z.string().max(MAX_MILESTONE_TEXT),
  done: z.boolean(),
  doneAt: z.iso.datetime().nullable().describe("When it was ticked off."),
  createdAt: z.iso.datetime(),
}).meta({ id: "Milestone" });
export type Milestone = z.infer<typeof milestoneSchema>;

/** One goal's milestones in the order they were added: the stored record. */
export const goalMilestonesSchema = z.object({
  milestones: z.array(milestoneSchema).max(MAX_MILESTONES_PER_GOAL),
});
export type GoalMilestones = z.infer<typeof goalMilestonesSchema>;

/** What a learner sends to add a milestone. */
export const addMilestoneSchema = z.strictObject({
  text: milestoneTextSchema,
});

/** A goal from onboarding with its milestones and how far along it is. */
export interface GoalProgress {
  /** Stable while the goal's words stay the same (see goals.ts). */
  goalId: string;
  text: string;
  targetDate: string | null;
  milestones: Milestone[];
  done: number;
  total: number;
  /** Whole percent of milestones ticked off; 0 without milestones. */
  percent: number;
}

/** The refusal when a goal is full, in words the learner can act on. */
export const GOAL_FULL_MESSAGE =
  `A goal can have up to ${MAX_MILESTONES_PER_GOAL} milestones. Remove or combine some first.`;

/** A goal with its milestones, as the API answers it (GoalProgress). */
export const goalProgressSchema = z.object({
  goalId: z.string().describe(
    "The goal's id: a hash of its words, stable while they stay the same.",
  ),
  text: z.string(),
  targetDate: z.iso.date().nullable(),
  milestones: z.array(milestoneSchema),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  percent: z.number().int().min(0).max(100).describe(
    "Whole percent of milestones ticked off; 0 without milestones.",
  ),
}).meta({ id: "GoalProgress" });

/** What a learner sends to tick a milestone off or back on. */
export const milestoneChangeSchema = z.strictObject({
  done: z.boolean("Say true (done) or false (not done)."),
});

/** The learning numbers, as the API answers them (LearningStats in stats.ts). */
export const learningStatsSchema = z.object({
  months: z.array(z.object({
    month: z.string().describe(
      'A calendar month on the learner\'s clock, "2026-03".',
    ),
    hours: z.number().nonnegative(),
  })).describe("The last 12 months, oldest first."),
  categories: z.array(z.object({
    categoryId: z.string().nullable().describe(
      "The category of the session's expert (their first); null when unknown.",
    ),
    hours: z.number().nonnegative(),
    sessions: z.number().int().nonnegative(),
  })).describe("Most hours first."),
  sessionsCompleted: z.number().int().nonnegative(),
  hoursCompleted: z.number().nonnegative(),
  streak: z.object({
    current: z.number().int().nonnegative(),
    longest: z.number().int().nonnegative(),
    thisWeek: z.boolean(),
  }).describe(
    "Consecutive calendar weeks (Monday to Sunday, the learner's clock) with a completed session; a week under way does not break it.",
  ),
}).meta({ id: "LearningStats" });
