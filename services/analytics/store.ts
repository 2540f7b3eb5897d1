/**
 * The analytics log in Deno KV: raw events that expire, and daily counters
 * that do not.
 *
 * KV keys
 *   ["analytics_events", eventId]                        → AnalyticsEvent
 *        eventId is a ULID of the event's time, so key order is time order
 *        and "everything before a date" is one key range. Written with
 *        expireIn = the analyticsRetentionDays setting; purgeAnalyticsBefore
 *        removes what the store has not expired yet (expiry is lazy).
 *   ["analytics_daily", type, subjectId | "-", "YYYY-MM-DD"] → Deno.KvU64
 *        events of one type on one UTC day: per subject (an expert's id), and
 *        under "-" for the whole site (every event of the type counts there,
 *        with or without a subject).
 *   ["analytics_daily_pages", "YYYY-MM-DD", path]        → Deno.KvU64
 *        page views per path and UTC day (the admin's top pages).
 *
 * Every counter moves with KV `sum` in the same atomic operation as the raw
 * event, so the roll-ups never need a recount and survive the raw events'
 * expiry. Counters hold no visitor or user ids.
 */
import { encodeTime } from "ulid";
import { now } from "@/services/platform/clock.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import { parseInput, ValidationError } from "@/services/platform/errors.ts";
import { getSettings } from "@/services/settings/mod.ts";
import {
  type AnalyticsEvent,
  type AnalyticsEventInput,
  analyticsEventInputSchema,
  type AnalyticsEventType,
  type DailyCount,
  MAX_RANGE_DAYS,
} from "./model.ts";

/** The roll-up subject that stands for the whole site. */
export const SITE_WIDE = "-";
const DAY_MS = 86_400_000;
/** Deletes per atomic operation when purging (KV allows 1000 mutations). */
const PURGE_BATCH = 500;

export const eventKey = (id: string): Deno.KvKey => ["analytics_events", id];
export const dailyKey = (
  type: AnalyticsEventType,
  subject: string,
  day: string,
): Deno.KvKey => ["analytics_daily", type, subject, day];
export const pageDailyKey = (day: string, path: string): Deno.KvKey => [
  "analytics_daily_pages",
  day,
  path,
];

/** The UTC calendar day of `date`, as YYYY-MM-DD. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Every UTC day from `from`'s through `to`'s, both included. */
export function daysBetween(from: Date, to: Date): string[] {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new ValidationError("The period needs valid dates.");
  }
  const first = Date.parse(dayOf(from));
  const last = Date.parse(dayOf(to));
  if (last < first) return [];
  const count = (last - first) / DAY_MS + 1;
  if (count > MAX_RANGE_DAYS) {
    throw new ValidationError(
      `Choose a period of at most ${MAX_RANGE_DAYS} days.`,
    );
  }
  // Written by hand, with one Date per month: every expert home lists a
  // year of days, and a Date and an ISO string per day cost more than the
  // rest of its figures.
  const days: string[] = [];
  const start = new Date(first);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth();
  let day = start.getUTCDate();
  let { prefix, length } = monthOf(year, month);
  for (let i = 0; i < count; i++) {
    days.push(prefix + (day < 10 ? "0" : "") + day);
    if (++day > length) {
      day = 1;
      if (++month === 12) [month, year] = [0, year + 1];
      ({ prefix, length } = monthOf(year, month));
    }
  }
  return days;
}

/** A UTC month's "YYYY-MM-" and its number of days (`month` from 0). */
function monthOf(year: number, month: number) {
  const firstDay = new Date(0);
  firstDay.setUTCFullYear(year, month, 1);
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month + 1, 0);
  return { prefix: dayOf(firstDay).slice(0, -2), length: lastDay.getUTCDate() };
}

const nextDay = (day: string) => dayOf(new Date(Date.parse(day) + DAY_MS));

/**
 * Logs one consented event and adds it to its daily counters, all in one
 * atomic commit. The raw event expires after the analytics retention
 * period; the counters stay.
 */
export async function recordAnalyticsEvent(
  kv: Deno.Kv,
  input: AnalyticsEventInput,
): Promise<AnalyticsEvent> {
  const parsed = parseInput(
    analyticsEventInputSchema,
    input,
    "The analytics event is invalid.",
  );
  if ("subjectId" in parsed && parsed.subjectId === SITE_WIDE) {
    throw new ValidationError("The analytics event is invalid.", {
      subjectId: ["Give the id of an expert."],
    });
  }
  const { analyticsRetentionDays } = await getSettings(kv);
  const event: AnalyticsEvent = { ...parsed, id: newId(), time: now() };
  const day = dayOf(event.time);
  const one = new Deno.KvU64(1n);
  const op = kv.atomic()
    .set(eventKey(event.id), event, {
      expireIn: analyticsRetentionDays * DAY_MS,
    })
    .sum(dailyKey(event.type, SITE_WIDE, day), one.value);
  if (event.subjectId) {
    op.sum(dailyKey(event.type, event.subjectId, day), one.value);
  }
  if (event.type === "page_view" && event.path) {
    op.sum(pageDailyKey(day, event.path), one.value);
  }
  await withLockRetry(() => op.commit());
  return event;
}

/**
 * Events of `type` per UTC day from `from`'s day through `to`'s, every day
 * listed (zeros included), oldest first. Without `subjectId`, the whole
 * site's count.
 */
export async function dailyCounts(
  kv: Deno.Kv,
  query: {
    type: AnalyticsEventType;
    subjectId?: string;
    from: Date;
    to: Date;
  },
): Promise<DailyCount[]> {
  const days = daysBetween(query.from, query.to);
  if (days.length === 0) return [];
  const subject = query.subjectId ?? SITE_WIDE;
  const counts = new Map<string, number>();
  const entries = kv.list<Deno.KvU64>({
    start: dailyKey(query.type, subject, days[0]),
    end: dailyKey(query.type, subject, nextDay(days[days.length - 1])),
  });
  for await (const entry of entries) {
    counts.set(String(entry.key[3]), Number(entry.value.value));
  }
  return days.map((day) => ({ day, count: counts.get(day) ?? 0 }));
}

/** The sum of `dailyCounts` over its period. */
export async function totalCount(
  kv: Deno.Kv,
  query: Parameters<typeof dailyCounts>[1],
): Promise<number> {
  const days = await dailyCounts(kv, query);
  return days.reduce((sum, day) => sum + day.count, 0);
}

/** The most viewed paths over a period, most first (ties by path). */
export async function topPages(
  kv: Deno.Kv,
  query: { from: Date; to: Date; limit?: number },
): Promise<{ path: string; count: number }[]> {
  const days = daysBetween(query.from, query.to);
  if (days.length === 0) return [];
  const counts = new Map<string, number>();
  const entries = kv.list<Deno.KvU64>({
    start: ["analytics_daily_pages", days[0]],
    end: ["analytics_daily_pages", nextDay(days[days.length - 1])],
  });
  for await (const entry of entries) {
    const path = String(entry.key[2]);
    counts.set(path, (counts.get(path) ?? 0) + Number(entry.value.value));
  }
  return [...counts]
    .map(([path, count]) => ({ path, count }))
    .sort((a, b) => b.count - a.count || (a.path < b.path ? -1 : 1))
    .slice(0, query.limit ?? 10);
}

/**
 * Removes raw events from before `cutoff` that the store has not expired
 * yet, in batches; answers how many it removed. Counters are kept.
 */
export async function purgeAnalyticsBefore(
  kv: Deno.Kv,
  cutoff: Date,
): Promise<number> {
  // An id starts with its time in 10 characters; a bare time prefix sorts
  // before every id of that millisecond, so the range ends just at cutoff.
  const end = eventKey(encodeTime(Math.max(0, cutoff.getTime()), 10));
  let removed = 0;
  while (true) {
    const keys: Deno.KvKey[] = [];
    for await (
      const entry of kv.list({ prefix: ["analytics_events"], end }, {
        limit: PURGE_BATCH,
      })
    ) keys.push(entry.key);
    if (keys.length === 0) return removed;
    const op = kv.atomic();
    for (const key of keys) op.delete(key);
    await withLockRetry(() => op.commit());
    removed += keys.length;
  }
}

/** Raw events of a period, oldest first (tests and the admin's checks). */
export async function listAnalyticsEvents(
  kv: Deno.Kv,
  range: { from?: Date; to?: Date } = {},
): Promise<AnalyticsEvent[]> {
  const events: AnalyticsEvent[] = [];
  const start = range.from
    ? eventKey(encodeTime(range.from.getTime(), 10))
    : undefined;
  const end = range.to
    ? eventKey(encodeTime(range.to.getTime() + 1, 10))
    : undefined;
  const selector = start && end
    ? { start, end }
    : start
    ? { prefix: ["analytics_events"], start }
    : end
    ? { prefix: ["analytics_events"], end }
    : { prefix: ["analytics_events"] };
  for await (const entry of kv.list<AnalyticsEvent>(selector)) {
    events.push(entry.value);
  }
  return events;
}
