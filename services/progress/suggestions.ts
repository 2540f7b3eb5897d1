/**
 * "Book again": experts of the learner's recent completed sessions that
 * went well, to book another with. An expert qualifies when the learner's
 * latest rating of them is 4 stars or more, or when the learner has not
 * rated them at all (a completed session without a low rating). Experts
 * already booked again (an upcoming session) and experts no longer listed
 * are left out.
 */
import type { Booking } from "@/services/bookings/mod.ts";
import { type ExpertProfile, getExperts } from "@/services/experts/mod.ts";
import { reviewOfBooking } from "@/services/reviews/mod.ts";

/** The lowest rating that counts as a good session. */
export const GOOD_RATING = 4;
/** How many suggestions the home shows. */
export const MAX_SUGGESTIONS = 3;
/** How many of the latest completed sessions are looked at. */
const RECENT_SESSIONS = 20;

export interface BookAgain {
  expert: ExpertProfile;
  /** The latest completed session with them. */
  lastSession: Booking;
  /** Completed sessions with them in the sessions given. */
  sessions: number;
  /** The learner's latest rating of them; null when never rated. */
  rating: number | null;
}

/**
 * Suggestions from `completed` (the learner's completed sessions, any
 * order), skipping experts in `booked` (ids with an upcoming session).
 */
export async function bookAgainSuggestions(
  kv: Deno.Kv,
  completed: readonly Booking[],
  booked: ReadonlySet<string>,
): Promise<BookAgain[]> {
  const recent = [...completed]
    .sort((a, b) => b.start.localeCompare(a.start))
    .slice(0, RECENT_SESSIONS);
  const reviews = await Promise.all(
    recent.map((booking) => reviewOfBooking(kv, booking.id)),
  );
  // Latest first, so the first session and rating seen per expert are the latest.
  const byExpert = new Map<string, Omit<BookAgain, "expert">>();
  recent.forEach((booking, index) => {
    const found = byExpert.get(booking.expertId);
    const rating = reviews[index]?.rating ?? null;
    if (!found) {
      byExpert.set(booking.expertId, {
        lastSession: booking,
        sessions: 1,
        rating,
      });
      return;
    }
    found.sessions += 1;
    found.rating ??= rating;
  });
  const candidates = [...byExpert.entries()].filter(([expertId, found]) =>
    !booked.has(expertId) &&
    (found.rating === null || found.rating >= GOOD_RATING)
  ).slice(0, MAX_SUGGESTIONS * 2);
  const experts = await getExperts(
    kv,
    candidates.map(([expertId]) => expertId),
  );
  return candidates.flatMap(([expertId, found]) => {
    const expert = experts.get(expertId);
    return expert?.published && !expert.hiddenWhileSuspended
      ? [{ ...found, expert }]
      : [];
  }).slice(0, MAX_SUGGESTIONS);
}
