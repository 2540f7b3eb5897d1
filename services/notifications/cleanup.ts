/**
 * Removing notifications after 90 days, for users who never come back to
 * their list (reading it removes their own first): an hourly cron queues
 * the job, which walks the expiry index up to now in bounded batches.
 */
import { defineCron, defineJob, enqueue } from "@/services/platform/jobs.ts";
import { z } from "zod";
import { recount, removeExpired, usersWithExpired } from "./store.ts";

/** Index entries looked at per run; a job that filled it queues another. */
const BATCH = 200;

/** Removes what is due; returns how many notifications went. */
export async function removeExpiredNotifications(
  kv: Deno.Kv,
): Promise<{ removed: number; more: boolean }> {
  const { users, stale } = await usersWithExpired(kv, BATCH);
  let removed = 0;
  for (const userId of users) {
    removed += await removeExpired(kv, userId, BATCH);
  }
  if (stale.length > 0) {
    for (const key of stale) await kv.delete(key);
    // KV dropped records on its own: only a recount knows the true number.
    for (const userId of new Set(stale.map((key) => key[2] as string))) {
      await recount(kv, userId);
    }
  }
  return { removed, more: removed + stale.length >= BATCH };
}

export const notificationCleanupJob = defineJob({
  name: "notifications.cleanup",
  payload: z.object({}),
  handler: async (_payload, { kv }) => {
    const { more } = await removeExpiredNotifications(kv);
    if (more) await enqueue(kv, notificationCleanupJob, {});
  },
});

export const notificationCleanupCron = defineCron({
  name: "notifications cleanup",
  schedule: "17 * * * *",
  run: async (kv) => {
    await enqueue(kv, notificationCleanupJob, {});
  },
});
