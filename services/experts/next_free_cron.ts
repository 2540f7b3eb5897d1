/**
 * What time alone makes stale: every minute, a cron claims the experts
 * whose next free time is due (it has passed, or was computed more than
 * STALE_AFTER_MS ago; see next_free_store.ts) and listed experts that have
 * none stored yet (data from before this index, or just published), and
 * queues one refresh job for each. At most MAX_REFRESHES_PER_RUN per tick,
 * most overdue first, spread over the minute so the queue is not flooded;
 * a backlog drains over the next ticks.
 *
 * Claiming moves each record's due time on in a checked atomic, so the
 * crons of several processes never queue one expert twice.
 */
import { clockFor } from "@/services/platform/clock.ts";
import { defineCron } from "@/services/platform/jobs.ts";
import { currentCatalog } from "./catalog.ts";
import { queueNextFreeRefresh } from "./next_free_refresh.ts";
import { claimNextFreeRefresh, dueNextFreeIds } from "./next_free_store.ts";

/** Refreshes queued per tick at most; the rest wait for the next. */
export const MAX_REFRESHES_PER_RUN = 500;

/** Queued refreshes are spread over this much time, not fired at once. */
const SPREAD_MS = 50_000;

/**
 * Claims up to `limit` stale or missing next free times and queues their
 * refreshes. Returns the ids queued.
 */
export async function queueStaleNextFree(
  kv: Deno.Kv,
  options: { limit?: number; spreadMs?: number } = {},
): Promise<string[]> {
  const limit = options.limit ?? MAX_REFRESHES_PER_RUN;
  const spreadMs = options.spreadMs ?? SPREAD_MS;
  const now = clockFor(kv).now().getTime();
  const due = await dueNextFreeIds(kv, now, limit);
  const missing = due.length < limit
    ? (await currentCatalog(kv)).withoutNextFree(limit - due.length)
    : [];
  const queued: string[] = [];
  for (const expertId of new Set([...due, ...missing])) {
    if (!await claimNextFreeRefresh(kv, expertId, now)) continue;
    await queueNextFreeRefresh(kv, expertId, {
      delay: Math.floor(Math.random() * spreadMs),
    });
    queued.push(expertId);
  }
  return queued;
}

/** Up to `limit` listed experts whose next free time was never stored. */
export async function expertsWithoutNextFree(
  kv: Deno.Kv,
  limit: number,
): Promise<string[]> {
  return (await currentCatalog(kv)).withoutNextFree(limit);
}

/** Every minute: queue the next free times that time has made stale. */
export const nextFreeCron = defineCron({
  name: "experts-next-free",
  schedule: "* * * * *",
  run: async (kv) => {
    await queueStaleNextFree(kv);
  },
});
