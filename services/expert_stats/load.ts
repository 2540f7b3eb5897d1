/**
 * Reading the records the figures are computed from: the expert's
 * sessions (the bookings feature's time-ordered schedule), the movements
 * of their pending earnings (the ledger, through the earnings feature) and
 * the monthly counters of their visible reviews. Every read is bounded; an expert busier than the
 * bounds sees the most recent records.
 */
import {
  type Booking,
  listBookings,
  listBookingsBetween,
  MAX_BOOKINGS_BETWEEN,
} from "@/services/bookings/mod.ts";
import { listEarningsEntries } from "@/services/earnings/mod.ts";
import {
  accountKind,
  type Entry,
  pendingEarningsAccount,
} from "@/services/ledger/mod.ts";
import { readMonthCounters } from "@/services/reviews/mod.ts";
import type { Page } from "@/services/platform/paging.ts";
import type {
  EarningMovement,
  MonthKey,
  RatingCounters,
  SessionRecord,
} from "./model.ts";

/** The most records of one kind a page of figures reads. */
export const MAX_RECORDS = 10_000;
const PAGE = 100;

export function toSessionRecord(booking: Booking): SessionRecord {
  return {
    id: booking.id,
    learnerId: booking.learnerId,
    offeringTitle: booking.offeringTitle,
    start: booking.start,
    end: booking.end,
    durationMinutes: booking.durationMinutes,
    status: booking.status,
    createdAt: booking.createdAt,
    priceMinor: booking.priceMinor,
    currency: booking.currency,
    expertEarningsMinor: booking.expertEarningsMinor,
  };
}

/** Reads pages until `enough` says stop, the list ends, or MAX_RECORDS. */
async function collect<T>(
  page: (cursor: string | undefined) => Promise<Page<T>>,
  enough: (item: T) => boolean = () => false,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const found = await page(cursor);
    for (const item of found.items) {
      if (enough(item)) return all;
      all.push(item);
    }
    cursor = found.nextCursor ?? undefined;
  } while (cursor && all.length < MAX_RECORDS);
  return all.slice(0, MAX_RECORDS);
}

/**
 * The expert's sessions that start in `[from, to)`, every status, in start
 * order. One read covers the whole period unless it meets the bookings
 * feature's cap on one range; then the next read starts where it stopped.
 */
export async function loadSessions(
  kv: Deno.Kv,
  expertId: string,
  from: Date,
  to: Date,
): Promise<SessionRecord[]> {
  const sessions: SessionRecord[] = [];
  const seen = new Set<string>();
  let start = from.getTime();
  while (start < to.getTime() && sessions.length < MAX_RECORDS) {
    const found = await listBookingsBetween(
      kv,
      expertId,
      "expert",
      new Date(start),
      to,
    );
    for (const booking of found) {
      if (seen.has(booking.id)) continue;
      seen.add(booking.id);
      sessions.push(toSessionRecord(booking));
    }
    if (found.length < MAX_BOOKINGS_BETWEEN) break;
    // The next read starts at the last start read (sessions starting at the
    // same moment may have been cut); one that cannot move on stops.
    const next = Date.parse(found[found.length - 1].start);
    if (next <= start) break;
    start = next;
  }
  return sessions.slice(0, MAX_RECORDS);
}

/** Every session of `userId` on `side`, in start order (the latest MAX_RECORDS). */
async function allSessionsOf(
  kv: Deno.Kv,
  userId: string,
  side: "learner" | "expert",
): Promise<Booking[]> {
  const [past, upcoming] = await Promise.all(
    (["past", "upcoming"] as const).map((when) =>
      collect((cursor) =>
        listBookings(kv, userId, { as: side, when, cursor, limit: PAGE })
      )
    ),
  );
  return [...past.reverse(), ...upcoming];
}

/** Every session the expert has had or has booked (the latest MAX_RECORDS). */
export async function loadAllSessions(
  kv: Deno.Kv,
  expertId: string,
): Promise<SessionRecord[]> {
  return (await allSessionsOf(kv, expertId, "expert")).map(toSessionRecord);
}

/**
 * One learner's sessions with the expert, read from the learner's side:
 * a learner has far fewer sessions than a busy expert.
 */
export async function loadSessionsBetween(
  kv: Deno.Kv,
  expertId: string,
  learnerId: string,
): Promise<SessionRecord[]> {
  return (await allSessionsOf(kv, learnerId, "learner"))
    .filter((booking) => booking.expertId === expertId)
    .map(toSessionRecord);
}

/**
 * One ledger entry as a movement of the expert's earnings, or null when it
 * is not earning (pending earnings becoming available).
 */
export function toEarningMovement(
  entry: Entry,
  expertId: string,
): EarningMovement | null {
  if (entry.kind === "earnings_available") return null;
  const account = pendingEarningsAccount(expertId);
  const mine = entry.lines.find((line) => line.account === account);
  if (!mine) return null;
  const sum = (kind: string) =>
    entry.lines.filter((line) => accountKind(line.account) === kind)
      .reduce((total, line) => total + line.amountMinor, 0);
  return {
    entryId: entry.id,
    at: entry.at,
    currency: entry.currency,
    amountMinor: mine.amountMinor,
    // A session's pay comes out of its escrow; a take-back goes to the wallet.
    grossMinor: 0 - sum("escrow") || 0,
    commissionMinor: sum("platform_revenue"),
    bookingId: entry.refs.bookingId ?? null,
    kind: mine.amountMinor > 0 ? "session" : "refund",
  };
}

/** The movements of the expert's earnings in `[from, to)`, oldest first. */
export async function loadEarningMovements(
  kv: Deno.Kv,
  expertId: string,
  from: Date,
  to: Date | null = null,
): Promise<EarningMovement[]> {
  const fromIso = from.toISOString();
  const entries = await collect(
    (cursor) =>
      listEarningsEntries(kv, expertId, "pending", { cursor, limit: PAGE }),
    (entry) => entry.at < fromIso,
  );
  return entries
    .filter((entry) => !to || Date.parse(entry.at) < to.getTime())
    .map((entry) => toEarningMovement(entry, expertId))
    .filter((movement) => movement !== null)
    .reverse();
}

/**
 * The monthly rating counters for `months` (whose names are read as UTC
 * months) and the edge reviews around them: two range reads, however many
 * reviews the expert has.
 */
export async function loadRatingCounters(
  kv: Deno.Kv,
  expertId: string,
  months: readonly MonthKey[],
): Promise<RatingCounters> {
  return await readMonthCounters(kv, expertId, months[0], months.at(-1)!);
}
