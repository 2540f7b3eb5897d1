/**
 * Keeping linked calendars fresh in the background.
 *
 * A cron (every 5 minutes) lists the calendars whose due time has come —
 * 15 minutes after their last fetch — and claims each by moving its due
 * time 15 minutes on in a checked atomic, so two processes (each runs the
 * cron on the local backend) or two ticks never both queue it. Each claim
 * queues one `calendarRefreshJob`; the job skips a calendar fetched in the
 * last 14 minutes, so a message delivered twice fetches once. A calendar
 * is therefore fetched at most every 15 minutes (plus up to one cron
 * period).
 *
 * A fetch that fails is recorded on the calendar, not thrown: the queue's
 * retries are for unexpected errors (the database), while an unreachable
 * calendar simply waits for its next turn.
 */
import { z } from "zod";
import { clockFor } from "@/services/platform/clock.ts";
import { defineCron, defineJob, enqueue } from "@/services/platform/jobs.ts";
import { idSchema } from "@/services/platform/model.ts";
import { refreshCalendar } from "./calendars.ts";
import { REFRESH_INTERVAL_MS } from "./model.ts";
import { dueCalendarIds, updateCalendar } from "./store.ts";

/** Slack for cron and queue timing when deciding a fetch is too recent. */
const TIMING_SLACK_MS = 60_000;

/** Calendars claimed per cron run at most; the rest wait for the next. */
export const MAX_REFRESHES_PER_RUN = 500;

/** Queued refreshes are spread over this much time, not fired at once. */
const SPREAD_MS = 60_000;

/** Fetches one linked calendar again (guarded: no loopback, ever). */
export const calendarRefreshJob = defineJob({
  name: "calendars.refresh",
  payload: z.object({ calendarId: idSchema }),
  retry: [60_000, 600_000],
  async handler({ calendarId }, { kv }) {
    await refreshCalendar(kv, calendarId, {
      minIntervalMs: REFRESH_INTERVAL_MS - TIMING_SLACK_MS,
    });
  },
});

/**
 * Claims the calendars due for a refresh and queues a refresh job for
 * each, spread over `spreadMs` (default a minute) so a cron tick does not
 * fire them all at once. Returns how many were queued.
 */
export async function enqueueDueRefreshes(
  kv: Deno.Kv,
  options: { limit?: number; spreadMs?: number } = {},
): Promise<number> {
  const spreadMs = options.spreadMs ?? SPREAD_MS;
  const now = clockFor(kv).now().getTime();
  const ids = await dueCalendarIds(
    kv,
    now,
    options.limit ?? MAX_REFRESHES_PER_RUN,
  );
  let queued = 0;
  for (const calendarId of ids) {
    const claimed = await updateCalendar(
      kv,
      calendarId,
      (current) =>
        current.dueAt <= now
          ? { ...current, dueAt: now + REFRESH_INTERVAL_MS }
          : null, // another process claimed it first
    );
    if (!claimed) continue;
    await enqueue(kv, calendarRefreshJob, { calendarId }, {
      delay: Math.floor(Math.random() * spreadMs),
    });
    queued++;
  }
  return queued;
}

/** Every 5 minutes: queue the refreshes that are due. */
export const calendarRefreshCron = defineCron({
  name: "calendars-refresh",
  schedule: "*/5 * * * *",
  run: async (kv) => {
    await enqueueDueRefreshes(kv);
  },
});
