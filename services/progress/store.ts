/**
 * Milestones in Deno KV.
 *
 * KV keys
 *   ["learner_milestones", userId, goalId] → GoalMilestones   { milestones: Milestone[] } in the order added
 *
 * One record per goal holds all its milestones (at most
 * MAX_MILESTONES_PER_GOAL short texts, a few KiB): the home reads a
 * learner's goals in one getMany, and every change rewrites the record in
 * an atomic commit checked on its versionstamp, so the limit holds and two
 * tabs ticking at once never lose each other's change. goalId: goals.ts.
 */
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { type GoalMilestones, goalMilestonesSchema } from "./model.ts";

export function milestonesKey(userId: string, goalId: string): Deno.KvKey {
  return ["learner_milestones", userId, goalId];
}

const EMPTY: GoalMilestones = { milestones: [] };

/** A stored value as milestones; an unknown shape reads as none. */
export function readMilestones(value: unknown): GoalMilestones {
  const parsed = goalMilestonesSchema.safeParse(value);
  return parsed.success ? parsed.data : EMPTY;
}

/** Each goal's milestones, in the order of `goalIds`. */
export async function getMilestones(
  kv: Deno.Kv,
  userId: string,
  goalIds: readonly string[],
): Promise<GoalMilestones[]> {
  if (goalIds.length === 0) return [];
  const entries = await kv.getMany(
    goalIds.map((goalId) => milestonesKey(userId, goalId)),
  );
  return entries.map((entry) => readMilestones(entry.value));
}

/**
 * Applies `change` to one goal's milestones in a checked write, retried
 * when another write got there first; `change` may throw to refuse.
 */
export async function changeMilestones<T>(
  kv: Deno.Kv,
  userId: string,
  goalId: string,
  change: (current: GoalMilestones) => { next: GoalMilestones; result: T },
): Promise<T> {
  return await untilCommitted(async () => {
    const entry = await kv.get(milestonesKey(userId, goalId));
    const { next, result } = change(readMilestones(entry.value));
    const op = kv.atomic().check(entry);
    if (next.milestones.length === 0) op.delete(entry.key);
    else op.set(entry.key, next);
    return (await op.commit()).ok ? result : RETRY;
  }, {
    conflictMessage:
      "Your milestones changed at the same time. Please try again.",
  });
}
