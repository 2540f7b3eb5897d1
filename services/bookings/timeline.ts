/**
 * Every booking by time, whoever's: the sessions that start in a range (a
 * day's sessions for admins, a period's statistics and attendance) and the
 * bookings made in a range (the funnel's bookings paid), read through the
 * two time indexes (store.ts) so that a day costs that day's bookings, not
 * all of them. And the start-up migration that indexes the bookings made
 * before these indexes were.
 */
import type { MigrationResult } from "@/services/platform/startup.ts";
import type { Booking, BookingStatus } from "./model.ts";
import {
  BOOKINGS,
  BY_CREATED,
  BY_START,
  byCreatedKey,
  byStartKey,
  getBookings,
  readBooking,
} from "./store.ts";

/** How many index entries are loaded into bookings at a time. */
const CHUNK = 100;

type TimeIndex = typeof BY_START | typeof BY_CREATED;

/** The instant a booking sits at in `index`. */
function timeIn(index: TimeIndex, booking: Booking): number {
  return Date.parse(index === BY_START ? booking.start : booking.createdAt);
}

/**
 * The bookings `index` names in `[fromMs, toMs)`, in index order (time,
 * then id). An entry whose booking no longer sits at that time is stale
 * and skipped.
 */
async function* bookingsIn(
  kv: Deno.Kv,
  index: TimeIndex,
  fromMs: number,
  toMs: number,
): AsyncGenerator<Booking> {
  let chunk: { ms: number; id: string }[] = [];
  const load = async function* () {
    const bookings = await getBookings(kv, chunk.map((entry) => entry.id));
    const byId = new Map(bookings.map((booking) => [booking.id, booking]));
    for (const { ms, id } of chunk) {
      const booking = byId.get(id);
      if (booking && timeIn(index, booking) === ms) yield booking;
    }
    chunk = [];
  };
  for await (
    const entry of kv.list<string>({
      start: [index, fromMs],
      end: [index, toMs],
    }, { batchSize: 500 })
  ) {
    chunk.push({ ms: entry.key[1] as number, id: entry.key[2] as string });
    if (chunk.length === CHUNK) yield* load();
  }
  if (chunk.length > 0) yield* load();
}

/** What to keep of a time range: one status, and at most `limit`. */
export interface TimelineOptions {
  status?: BookingStatus;
  limit?: number;
}

async function collect(
  bookings: AsyncGenerator<Booking>,
  options: TimelineOptions,
): Promise<Booking[]> {
  const found: Booking[] = [];
  const limit = options.limit ?? Infinity;
  if (limit <= 0) return found;
  for await (const booking of bookings) {
    if (options.status && booking.status !== options.status) continue;
    found.push(booking);
    if (found.length >= limit) break;
  }
  return found;
}

/**
 * Every booking whose session starts in `[fromMs, toMs)`, every status
 * unless `status` is given, earliest start first (then by id), at most
 * `limit`.
 */
export function bookingsStartingBetween(
  kv: Deno.Kv,
  fromMs: number,
  toMs: number,
  options: TimelineOptions = {},
): Promise<Booking[]> {
  return collect(bookingsIn(kv, BY_START, fromMs, toMs), options);
}

/**
 * Every booking made in `[fromMs, toMs)` (by `createdAt`: when the
 * learner booked, a converted hold's included), oldest first, at most
 * `limit`.
 */
export function bookingsMadeBetween(
  kv: Deno.Kv,
  fromMs: number,
  toMs: number,
  options: TimelineOptions = {},
): Promise<Booking[]> {
  return collect(bookingsIn(kv, BY_CREATED, fromMs, toMs), options);
}

/**
 * How many bookings were made in `[fromMs, toMs)`, counted on the index
 * alone (a booking's `createdAt` never changes, so its entry never goes
 * stale).
 */
export async function countBookingsMadeBetween(
  kv: Deno.Kv,
  fromMs: number,
  toMs: number,
): Promise<number> {
  let count = 0;
  for await (
    const _ of kv.list({
      start: [BY_CREATED, fromMs],
      end: [BY_CREATED, toMs],
    }, { batchSize: 1000 })
  ) count++;
  return count;
}

/** Bookings checked side by side while backfilling. */
const BACKFILL_AT_ONCE = 50;

/**
 * Adds each booking's missing time-index entries, each in a commit checked
 * on the booking's version (a booking changed meanwhile is read again).
 * Idempotent: a booking whose entries exist is left alone, so a second
 * run migrates nothing. Runs at every start, so bookings written by a
 * process from before the indexes (during a rolling deploy) are indexed at
 * the next one.
 */
export async function backfillBookingTimeIndexes(
  kv: Deno.Kv,
): Promise<MigrationResult> {
  let migrated = 0;
  const unresolved: MigrationResult["unresolved"] = [];
  let group: Deno.KvEntry<unknown>[] = [];
  const flush = async () => {
    const results = await Promise.all(group.map((entry) => indexOne(entry)));
    migrated += results.filter(Boolean).length;
    group = [];
  };
  const indexOne = async (first: Deno.KvEntry<unknown>) => {
    let entry: Deno.KvEntryMaybe<unknown> = first;
    for (let attempt = 0; attempt < 5; attempt++) {
      const booking = readBooking(entry.value);
      if (!booking) return false;
      const [byStart, byCreated] = await kv.getMany([
        byStartKey(booking),
        byCreatedKey(booking),
      ]);
      if (byStart.versionstamp !== null && byCreated.versionstamp !== null) {
        return false;
      }
      const { ok } = await kv.atomic().check(entry)
        .set(byStartKey(booking), booking.id)
        .set(byCreatedKey(booking), booking.id)
        .commit();
      if (ok) return true;
      entry = await kv.get(entry.key);
    }
    unresolved.push({
      id: String(first.key[1]),
      problem: "kept changing while being indexed",
    });
    return false;
  };
  for await (
    const entry of kv.list({ prefix: [BOOKINGS] }, { batchSize: 500 })
  ) {
    if (!readBooking(entry.value)) {
      unresolved.push({ id: String(entry.key[1]), problem: "unreadable" });
      continue;
    }
    group.push(entry);
    if (group.length === BACKFILL_AT_ONCE) await flush();
  }
  if (group.length > 0) await flush();
  return { migrated, unresolved };
}
