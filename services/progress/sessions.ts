/**
 * The sessions on a learner's home: the next few (with whether the call
 * can be joined now, by the calls feature's own join rule) and the last
 * few (with the learner's rating, or whether they may still rate it).
 */
import { type Booking, listBookings } from "@/services/bookings/mod.ts";
import { joinRefusal, joinWindow } from "@/services/calls/mod.ts";
import { getExperts } from "@/services/experts/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { bookingReviewState } from "@/services/reviews/mod.ts";

/** How many sessions of each kind the home shows. */
export const HOME_SESSIONS = 5;
/** How many bookings are read to find them (cancelled ones are skipped). */
const READ_AHEAD = 25;

export interface UpcomingSession {
  booking: Booking;
  expertName: string;
  /** The call can be joined now. */
  canJoin: boolean;
  /** When the call opens (UTC ISO), for "join from …". */
  joinOpensAt: string;
}

export interface PastSession {
  booking: Booking;
  expertName: string;
  /** The learner's stars, when they rated it (a hidden review still counts). */
  rating: number | null;
  /** The learner may rate it now. */
  canRate: boolean;
}

async function expertNames(
  kv: Deno.Kv,
  bookings: readonly Booking[],
): Promise<Map<string, string>> {
  const experts = await getExperts(
    kv,
    bookings.map((booking) => booking.expertId),
  );
  return new Map(
    bookings.map(({ expertId }) => [
      expertId,
      experts.get(expertId)?.name ?? "a former member",
    ]),
  );
}

/** The learner's next sessions (not cancelled), soonest first. */
export async function upcomingSessions(
  kv: Deno.Kv,
  learnerId: string,
): Promise<UpcomingSession[]> {
  const page = await listBookings(kv, learnerId, {
    as: "learner",
    when: "upcoming",
    limit: READ_AHEAD,
  });
  const bookings = page.items
    .filter((booking) => booking.status !== "cancelled")
    .slice(0, HOME_SESSIONS);
  const names = await expertNames(kv, bookings);
  const nowMs = clockFor(kv).now().getTime();
  return bookings.map((booking) => ({
    booking,
    expertName: names.get(booking.expertId)!,
    canJoin: joinRefusal(booking, learnerId, nowMs) === null,
    joinOpensAt: new Date(joinWindow(booking).opensAt).toISOString(),
  }));
}

/** The learner's last sessions that took place or were due to, latest first. */
export async function pastSessions(
  kv: Deno.Kv,
  learnerId: string,
): Promise<PastSession[]> {
  const page = await listBookings(kv, learnerId, {
    as: "learner",
    when: "past",
    limit: READ_AHEAD,
  });
  const bookings = page.items
    .filter((booking) => booking.status !== "cancelled")
    .slice(0, HOME_SESSIONS);
  const [names, reviews] = await Promise.all([
    expertNames(kv, bookings),
    Promise.all(
      bookings.map((booking) => bookingReviewState(kv, booking, learnerId)),
    ),
  ]);
  return bookings.map((booking, index) => ({
    booking,
    expertName: names.get(booking.expertId)!,
    rating: reviews[index].review?.rating ?? null,
    canRate: reviews[index].canWrite,
  }));
}
