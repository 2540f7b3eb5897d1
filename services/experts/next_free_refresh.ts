/**
 * Keeping each expert's next free time (next_free_store.ts) current: a job
 * that computes one expert's and stores it, queued after every write that
 * can change it.
 *
 * Who queues it: saving availability, changing an offering, linking,
 * unlinking or refreshing an external calendar, and booking, holding,
 * cancelling, rescheduling or a hold lapsing — each with one call to
 * `queueNextFreeRefresh` after its commit — plus profile writes here (a
 * profile published or hidden), and the cron (next_free_cron.ts) for what
 * time alone makes stale.
 *
 * Why the computation is a provider: it needs the slot engine with the
 * bookings' claims and the calendars' busy times, and those features sit
 * above this one (they import experts, and queue this job). So this module
 * declares the slot (`nextFreeFinderProvider`) and runtime.ts binds the
 * finder that services/next_free builds from them; an unbound database
 * (a unit test without the runtime) fails the job with a clear message.
 */
import { z } from "zod";
import { clockFor } from "@/services/platform/clock.ts";
import { defineJob, enqueue } from "@/services/platform/jobs.ts";
import { idSchema } from "@/services/platform/model.ts";
import {
  defineProviderSlot,
  providerFor,
} from "@/services/platform/providers.ts";
import { type NextFreeFinding, storeNextFree } from "./next_free_store.ts";

/** Computes an expert's next free time as of now. */
export type NextFreeFinder = (
  kv: Deno.Kv,
  expertId: string,
) => Promise<NextFreeFinding>;

/** The finder slot; runtime.ts binds services/next_free's `findNextFree`. */
export const nextFreeFinderProvider = defineProviderSlot<NextFreeFinder>(
  "next free time finder",
  () => () => {
    throw new Error(
      "No next-free-time finder is bound to this database; runtime.ts binds it (services/next_free).",
    );
  },
);

/**
 * Computes one expert's next free time now and stores it, with the bound
 * finder unless given one (a seeding script without the runtime).
 */
export async function refreshNextFree(
  kv: Deno.Kv,
  expertId: string,
  finder: NextFreeFinder = providerFor(kv, nextFreeFinderProvider),
): Promise<NextFreeFinding> {
  const checkedAt = clockFor(kv).now().getTime();
  const finding = await finder(kv, expertId);
  await storeNextFree(kv, expertId, finding, checkedAt);
  return finding;
}

/** Recomputes one expert's next free time. */
export const nextFreeRefreshJob = defineJob({
  name: "experts.next_free.refresh",
  payload: z.object({ expertId: idSchema }),
  retry: [5_000, 60_000],
  async handler({ expertId }, { kv }) {
    await refreshNextFree(kv, expertId);
  },
});

/**
 * Queues a recomputation of the expert's next free time; call after a
 * write that may change it has committed. Never throws: the write already
 * happened, and the cron catches up within STALE_AFTER_MS anyway.
 */
export async function queueNextFreeRefresh(
  kv: Deno.Kv,
  expertId: string,
  options: { delay?: number } = {},
): Promise<void> {
  try {
    await enqueue(kv, nextFreeRefreshJob, { expertId }, options);
  } catch (error) {
    console.error(
      `Could not queue a next-free-time refresh for expert ${expertId}:`,
      error,
    );
  }
}
