/**
 * External calendars in Deno KV.
 *
 * KV keys
 *   ["calendars", calendarId]                     → StoredCalendar   the link:
 *                                         sealed address, its host, label,
 *                                         last fetch, status,
 *                                         ETag/Last-Modified, next due time
 *   ["calendar_busy", calendarId]                 → number[]   busy ranges as
 *                                         epoch ms pairs (start, end, …),
 *                                         sorted and merged, at most
 *                                         MAX_BUSY_RANGES (≈36 KB), kept apart
 *                                         so listing links never loads them
 *   ["calendars_by_expert", expertId, calendarId] → null   the expert's links
 *   ["calendars_version", expertId]               → { changedAt }   rewritten
 *                                         by every add and remove, so the
 *                                         count and duplicate checks of an add
 *                                         cannot race another add
 *   ["calendars_due", dueAtMs, calendarId]        → null   when the background
 *                                         refresh next wants the calendar; the
 *                                         cron lists keys up to now. Exactly
 *                                         one per calendar, the one its
 *                                         record's `dueAt` names, moved in the
 *                                         same atomic as the record
 *
 * calendarIds are ULIDs.
 */
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  type ExternalCalendar,
  type StoredCalendar,
  storedCalendarSchema,
  toExternalCalendar,
} from "./model.ts";

export const CALENDARS = "calendars";
export const calendarKey = (id: string): Deno.KvKey => [CALENDARS, id];
export const busyKey = (id: string): Deno.KvKey => ["calendar_busy", id];
const byExpertKey = (expertId: string, id: string): Deno.KvKey => [
  "calendars_by_expert",
  expertId,
  id,
];
export const versionKey = (expertId: string): Deno.KvKey => [
  "calendars_version",
  expertId,
];
const dueKey = (dueAt: number, id: string): Deno.KvKey => [
  "calendars_due",
  dueAt,
  id,
];

/** A stored record read back, or null when it is missing or malformed. */
function readStored(value: unknown): StoredCalendar | null {
  const parsed = storedCalendarSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** One calendar link with its versionstamp, for a checked write. */
export async function getStoredCalendar(
  kv: Deno.Kv,
  id: string,
): Promise<
  { calendar: StoredCalendar; entry: Deno.KvEntryMaybe<unknown> } | null
> {
  const entry = await kv.get(calendarKey(id));
  const calendar = readStored(entry.value);
  return calendar ? { calendar, entry } : null;
}

/** The expert's calendar links as stored, oldest first. */
export async function listStoredCalendars(
  kv: Deno.Kv,
  expertId: string,
): Promise<StoredCalendar[]> {
  const ids: string[] = [];
  for await (
    const entry of kv.list({ prefix: ["calendars_by_expert", expertId] })
  ) {
    ids.push(String(entry.key[2]));
  }
  if (ids.length === 0) return [];
  const entries = await kv.getMany(ids.map(calendarKey));
  return entries.map((entry) => readStored(entry.value))
    .filter((calendar) => calendar !== null);
}

/** The expert's calendar links, address masked. */
export async function listCalendars(
  kv: Deno.Kv,
  expertId: string,
): Promise<ExternalCalendar[]> {
  return (await listStoredCalendars(kv, expertId)).map(toExternalCalendar);
}

/** The stored busy pairs of each of the expert's calendars. */
export async function readBusyPairs(
  kv: Deno.Kv,
  expertId: string,
): Promise<number[][]> {
  const calendars = await listStoredCalendars(kv, expertId);
  if (calendars.length === 0) return [];
  const entries = await kv.getMany<number[][]>(
    calendars.map((calendar) => busyKey(calendar.id)),
  );
  return entries.map((entry) => Array.isArray(entry.value) ? entry.value : [])
    .map((pairs) => pairs.filter((value) => typeof value === "number"));
}

/**
 * Stages a new link: the record, its busy ranges, the expert index, its due
 * key, and the expert's version (which the caller checked).
 */
export function stageInsert(
  op: Deno.AtomicOperation,
  calendar: StoredCalendar,
  busy: number[],
): Deno.AtomicOperation {
  return op
    .check({ key: calendarKey(calendar.id), versionstamp: null })
    .set(calendarKey(calendar.id), calendar)
    .set(busyKey(calendar.id), busy)
    .set(byExpertKey(calendar.expertId, calendar.id), null)
    .set(dueKey(calendar.dueAt, calendar.id), null)
    .set(versionKey(calendar.expertId), { changedAt: calendar.createdAt });
}

/**
 * Writes `build(current)` over the calendar `id` with a checked atomic,
 * moving its due key and, when `busy` is given, replacing its busy ranges.
 * Retries on a concurrent write; null when the calendar no longer exists
 * or `build` returns null (nothing to change).
 */
export async function updateCalendar(
  kv: Deno.Kv,
  id: string,
  build: (current: StoredCalendar) => StoredCalendar | null,
  busy?: number[],
): Promise<StoredCalendar | null> {
  return await untilCommitted(async () => {
    const found = await getStoredCalendar(kv, id);
    if (!found) return null;
    const next = build(found.calendar);
    if (!next) return null;
    const op = kv.atomic().check(found.entry)
      .set(calendarKey(id), next)
      .delete(dueKey(found.calendar.dueAt, id))
      .set(dueKey(next.dueAt, id), null);
    if (busy) op.set(busyKey(id), busy);
    return (await op.commit()).ok ? next : RETRY;
  }, {
    conflictMessage: "The calendar changed at the same time; try again.",
  });
}

/** Stages the removal of a link and everything kept for it. */
export function stageRemove(
  op: Deno.AtomicOperation,
  calendar: StoredCalendar,
  at: string,
): Deno.AtomicOperation {
  return op
    .delete(calendarKey(calendar.id))
    .delete(busyKey(calendar.id))
    .delete(byExpertKey(calendar.expertId, calendar.id))
    .delete(dueKey(calendar.dueAt, calendar.id))
    .set(versionKey(calendar.expertId), { changedAt: at });
}

/** Ids of calendars whose refresh is due at `now` (epoch ms), oldest first. */
export async function dueCalendarIds(
  kv: Deno.Kv,
  now: number,
  limit: number,
): Promise<string[]> {
  const ids: string[] = [];
  const entries = kv.list(
    { start: ["calendars_due"], end: ["calendars_due", now + 1] },
    { limit },
  );
  for await (const entry of entries) ids.push(String(entry.key[2]));
  return ids;
}
