/**
 * Funnels: how profile views turn into sessions. The first two steps come
 * from the consented analytics log (profile views, bookings opened); the
 * rest are records of their own features, read where they live, never
 * copied into the log: bookings paid (made) and completed from
 * services/bookings, reviews of the completed sessions from services/reviews.
 *
 * Every count covers one period, each by its own event's time: views and
 * bookings opened by their UTC day (`from`'s day through `to`'s), bookings
 * paid by when they were made, completed by when they were settled, and
 * reviews of the sessions completed in the period.
 *
 * The site's funnel reads only the bookings of the period, through the
 * bookings' time indexes: those made in it are counted, and the sessions
 * that may have completed in it are those starting from a week before it
 * to its end. One expert's reads their own schedule.
 */
import {
  adminListBookings,
  type AdminQuery,
  type Booking,
  bookingsStartingBetween,
  countBookingsMadeBetween,
} from "@/services/bookings/mod.ts";
import { reviewOfBooking } from "@/services/reviews/mod.ts";
import { totalCount } from "./store.ts";

export interface Funnel {
  profileViews: number;
  bookingsStarted: number;
  bookingsPaid: number;
  sessionsCompleted: number;
  reviewsLeft: number;
}

/**
 * The funnel's steps in order, with the words pages show for them (`short`
 * for a chart's axis).
 */
export const FUNNEL_STEPS: readonly {
  key: keyof Funnel;
  label: string;
  short: string;
}[] = [
  { key: "profileViews", label: "Profile views", short: "Views" },
  { key: "bookingsStarted", label: "Bookings started", short: "Started" },
  { key: "bookingsPaid", label: "Bookings paid", short: "Paid" },
  { key: "sessionsCompleted", label: "Sessions completed", short: "Completed" },
  { key: "reviewsLeft", label: "Reviews left", short: "Reviewed" },
];

const DAY_MS = 86_400_000;
/**
 * A session is settled after it ends (when its call's join window closes),
 * so sessions completed in the period started at most this long before it.
 */
const SETTLE_LOOKBACK_MS = 7 * DAY_MS;
const PAGE = 100;

/** One expert's funnel over a period (`to` inclusive, to the millisecond). */
export async function profileFunnel(
  kv: Deno.Kv,
  expertId: string,
  from: Date,
  to: Date,
): Promise<Funnel> {
  return await funnelOf(kv, { expertId }, from, to);
}

/** The whole site's funnel over a period. */
export async function siteFunnel(
  kv: Deno.Kv,
  from: Date,
  to: Date,
): Promise<Funnel> {
  return await funnelOf(kv, {}, from, to);
}

async function funnelOf(
  kv: Deno.Kv,
  filter: { expertId?: string },
  from: Date,
  to: Date,
): Promise<Funnel> {
  const subjectId = filter.expertId;
  const within = (iso: string | null) => {
    if (!iso) return false;
    const ms = Date.parse(iso);
    return ms >= from.getTime() && ms <= to.getTime();
  };
  const [profileViews, bookingsStarted, sessions] = await Promise.all([
    totalCount(kv, { type: "profile_view", subjectId, from, to }),
    totalCount(kv, { type: "booking_started", subjectId, from, to }),
    filter.expertId
      ? expertSessions(kv, filter.expertId, from, within)
      : siteSessions(kv, from, to),
  ]);
  const completed = sessions.completedCandidates.filter((booking) =>
    booking.status === "completed" && within(booking.completedAt)
  );
  const reviews = await Promise.all(
    completed.map((booking) => reviewOfBooking(kv, booking.id)),
  );
  return {
    profileViews,
    bookingsStarted,
    bookingsPaid: sessions.paid,
    sessionsCompleted: completed.length,
    reviewsLeft: reviews.filter((review) => review !== null).length,
  };
}

/**
 * The bookings side of a funnel: how many were made (paid) in the period,
 * and the bookings that may have completed in it (filtered by the caller).
 */
interface FunnelSessions {
  paid: number;
  completedCandidates: Booking[];
}

/**
 * The whole site's, from the bookings' time indexes: those made in the
 * period are counted on the index alone, and a session completed in it
 * started before its end and at most a week before its start.
 */
async function siteSessions(
  kv: Deno.Kv,
  from: Date,
  to: Date,
): Promise<FunnelSessions> {
  const endMs = to.getTime() + 1; // `to` counts
  const [paid, completedCandidates] = await Promise.all([
    countBookingsMadeBetween(kv, from.getTime(), endMs),
    bookingsStartingBetween(kv, from.getTime() - SETTLE_LOOKBACK_MS, endMs, {
      status: "completed",
    }),
  ]);
  return { paid, completedCandidates };
}

/**
 * One expert's, from their own schedule: every session of theirs starting
 * from a week before the period (a booking made in the period starts after
 * it was made; one completed in it started at most a week before).
 */
async function expertSessions(
  kv: Deno.Kv,
  expertId: string,
  from: Date,
  within: (iso: string | null) => boolean,
): Promise<FunnelSessions> {
  const query: AdminQuery = {
    expertId,
    from: new Date(from.getTime() - SETTLE_LOOKBACK_MS).toISOString(),
  };
  const bookings: Booking[] = [];
  let cursor: string | undefined;
  do {
    const page = await adminListBookings(kv, { ...query, cursor, limit: PAGE });
    bookings.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return {
    paid: bookings.filter((booking) => within(booking.createdAt)).length,
    completedCandidates: bookings,
  };
}

/** The share of `part` in `whole` as a percentage, or null without a whole. */
export function conversionPercent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}
