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
