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
 */
import {
  adminListBookings,
  type AdminQuery,
  type Booking,
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

/** The funnel's steps in order, with the words pages show for them. */
export const FUNNEL_STEPS: readonly { key: keyof Funnel; label: string }[] = [
  { key: "profileViews", label: "Profile views" },
  { key: "bookingsStarted", label: "Bookings started" },
  { key: "bookingsPaid", label: "Bookings paid" },
  { key: "sessionsCompleted", label: "Sessions completed" },
  { key: "reviewsLeft", label: "Reviews left" },
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
  const [profileViews, bookingsStarted, bookings] = await Promise.all([
    totalCount(kv, { type: "profile_view", subjectId, from, to }),
    totalCount(kv, { type: "booking_started", subjectId, from, to }),
    bookingsOf(kv, filter, from),
  ]);
  const within = (iso: string | null) => {
    if (!iso) return false;
    const ms = Date.parse(iso);
    return ms >= from.getTime() && ms <= to.getTime();
  };
  const completed = bookings.filter((booking) =>
    booking.status === "completed" && within(booking.completedAt)
  );
  const reviews = await Promise.all(
    completed.map((booking) => reviewOfBooking(kv, booking.id)),
  );
  return {
    profileViews,
    bookingsStarted,
    bookingsPaid: bookings.filter((booking) => within(booking.createdAt))
      .length,
    sessionsCompleted: completed.length,
    reviewsLeft: reviews.filter((review) => review !== null).length,
  };
}

/**
 * The bookings that may count in a period starting at `from`: every one
 * starting from a week before it (a booking made in the period starts
 * after it was made; one completed in it started at most a week before).
 */
async function bookingsOf(
  kv: Deno.Kv,
  filter: { expertId?: string },
  from: Date,
): Promise<Booking[]> {
  const query: AdminQuery = {
    ...filter,
    from: new Date(from.getTime() - SETTLE_LOOKBACK_MS).toISOString(),
  };
  const bookings: Booking[] = [];
  let cursor: string | undefined;
  do {
    const page = await adminListBookings(kv, { ...query, cursor, limit: PAGE });
    bookings.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return bookings;
}

/** The share of `part` in `whole` as a percentage, or null without a whole. */
export function conversionPercent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}
