/**
 * A learner's goals with milestones: the goals come from onboarding, and
 * the learner adds milestones under each, ticks them off (or back on) and
 * removes them. A goal's progress is the share of its milestones ticked
 * off. Every change names the goal by id (goals.ts); a goal no longer
 * among the learner's answers is not found.
 */
import { getOnboarding, type LearnerProfile } from "@/services/learners/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { newId } from "@/services/platform/kv.ts";
import { goalIdOf, percentDone } from "./goals.ts";
import {
  addMilestoneSchema,
  GOAL_FULL_MESSAGE,
  type GoalProgress,
  MAX_MILESTONES_PER_GOAL,
  type Milestone,
} from "./model.ts";
import { changeMilestones, getMilestones } from "./store.ts";

const NO_SUCH_GOAL =
  "This goal is no longer among your goals. Reload the page to see them.";
const NO_SUCH_MILESTONE =
  "This milestone is no longer there. Reload the page to see the current list.";

/** The learner's goals in their order, each with its milestones and progress. */
export async function listGoalProgress(
  kv: Deno.Kv,
  userId: string,
  known?: { onboarding: LearnerProfile | null },
): Promise<GoalProgress[]> {
  const profile = known ? known.onboarding : await getOnboarding(kv, userId);
  if (!profile) return [];
  const ids = await Promise.all(
    profile.goals.map((goal) => goalIdOf(goal.text)),
  );
  const records = await getMilestones(kv, userId, ids);
  return profile.goals.map((goal, index) => {
    const { milestones } = records[index];
    const done = milestones.filter((milestone) => milestone.done).length;
    return {
      goalId: ids[index],
      text: goal.text,
      targetDate: goal.targetDate,
      milestones,
      done,
      total: milestones.length,
      percent: percentDone(done, milestones.length),
    };
  });
}

/** Throws NotFoundError unless `goalId` is one of the learner's goals now. */
async function requireGoal(
  kv: Deno.Kv,
  userId: string,
  goalId: string,
): Promise<void> {
  const profile = await getOnboarding(kv, userId);
  const ids = await Promise.all(
    (profile?.goals ?? []).map((goal) => goalIdOf(goal.text)),
  );
  if (!ids.includes(goalId)) throw new NotFoundError(NO_SUCH_GOAL);
}

/**
 * Adds a milestone at the end of a goal's list. ValidationError for empty
 * or too long text, or a goal already holding MAX_MILESTONES_PER_GOAL.
 */
export async function addMilestone(
  kv: Deno.Kv,
  userId: string,
  goalId: string,
  input: unknown,
): Promise<Milestone> {
  const { text } = parseInput(
    addMilestoneSchema,
    input,
    "Check the milestone.",
  );
  await requireGoal(kv, userId, goalId);
  const milestone: Milestone = {
    id: newId(),
    text,
    done: false,
    doneAt: null,
    createdAt: clockFor(kv).now().toISOString(),
  };
  return await changeMilestones(kv, userId, goalId, ({ milestones }) => {
    if (milestones.length >= MAX_MILESTONES_PER_GOAL) {
      throw new ValidationError(GOAL_FULL_MESSAGE, {
        text: [GOAL_FULL_MESSAGE],
      });
    }
    return {
      next: { milestones: [...milestones, milestone] },
      result: milestone,
    };
  });
}

/** Ticks a milestone off (`done`) or back on; the same state twice changes nothing. */
export async function setMilestoneDone(
  kv: Deno.Kv,
  userId: string,
  goalId: string,
  milestoneId: string,
  done: boolean,
): Promise<Milestone> {
  await requireGoal(kv, userId, goalId);
  const at = clockFor(kv).now().toISOString();
  return await changeMilestones(kv, userId, goalId, ({ milestones }) => {
    const found = milestones.find((milestone) => milestone.id === milestoneId);
    if (!found) throw new NotFoundError(NO_SUCH_MILESTONE);
    const changed: Milestone = found.done === done
      ? found
      : { ...found, done, doneAt: done ? at : null };
    return {
      next: {
        milestones: milestones.map((milestone) =>
          milestone.id === milestoneId ? changed : milestone
        ),
      },
      result: changed,
    };
  });
}

/** Removes a milestone from a goal. */
export async function removeMilestone(
  kv: Deno.Kv,
  userId: string,
  goalId: string,
  milestoneId: string,
): Promise<void> {
  await requireGoal(kv, userId, goalId);
  await changeMilestones(kv, userId, goalId, ({ milestones }) => {
    const kept = milestones.filter((milestone) => milestone.id !== milestoneId);
    if (kept.length === milestones.length) {
      throw new NotFoundError(NO_SUCH_MILESTONE);
    }
    return { next: { milestones: kept }, result: undefined };
  });
}
