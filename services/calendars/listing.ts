/**
 * What the expert's calendars page and API show and do per link: each
 * calendar with how many busy times it holds in the next 60 days, and a
 * refresh on request that keeps to the same 15-minute rule as the
 * background (the calendar servers are not ours to hammer).
 */
import { clockFor } from "@/services/platform/clock.ts";
import { NotFoundError } from "@/services/platform/errors.ts";
import { refreshCalendar, type RefreshOptions } from "./calendars.ts";
import {
  BUSY_COUNT_DAYS,
  type ExternalCalendar,
  refreshableAtMs,
  RefreshTooSoonError,
  toExternalCalendar,
} from "./model.ts";
import { busyKey, getStoredCalendar, listStoredCalendars } from "./store.ts";

/** A linked calendar with its busy times ahead counted. */
export interface CalendarOverview extends ExternalCalendar {
  /** Busy stretches (overlapping events merged) in the next 60 days. */
  upcomingBusyCount: number;
}

/** Busy pairs (start, end, …) overlapping [from, to). */
function countOverlapping(pairs: unknown, from: number, to: number): number {
  if (!Array.isArray(pairs)) return 0;
  let count = 0;
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    if (pairs[i] < to && pairs[i + 1] > from) count++;
  }
  return count;
}

/** The expert's calendars, oldest first, each with its busy times ahead. */
export async function calendarOverview(
  kv: Deno.Kv,
  expertId: string,
): Promise<CalendarOverview[]> {
  const stored = await listStoredCalendars(kv, expertId);
  if (stored.length === 0) return [];
  const now = clockFor(kv).now().getTime();
  const until = now + BUSY_COUNT_DAYS * 86_400_000;
  const busy = await kv.getMany(stored.map((calendar) => busyKey(calendar.id)));
  return stored.map((calendar, i) => ({
    ...toExternalCalendar(calendar),
    upcomingBusyCount: countOverlapping(busy[i].value, now, until),
  }));
}

/**
 * Reads one of the expert's calendars again now. NotFoundError when it is
 * not theirs; RefreshTooSoonError within 15 minutes of the last fetch.
 * The outcome (new busy times, or the problem in plain words) is recorded
 * on the link and returned.
 */
export async function refreshCalendarNow(
  kv: Deno.Kv,
  expertId: string,
  calendarId: string,
  options: RefreshOptions = {},
): Promise<CalendarOverview> {
  const found = await getStoredCalendar(kv, calendarId);
  if (!found || found.calendar.expertId !== expertId) {
    throw new NotFoundError("That calendar is not linked.");
  }
  const wait = refreshableAtMs(found.calendar) - clockFor(kv).now().getTime();
  if (wait > 0) throw new RefreshTooSoonError(Math.ceil(wait / 1000));
  await refreshCalendar(kv, calendarId, options);
  const overview = (await calendarOverview(kv, expertId))
    .find((calendar) => calendar.id === calendarId);
  if (!overview) throw new NotFoundError("That calendar is not linked.");
  return overview;
}
