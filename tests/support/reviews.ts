/**
 * Fixtures for tests that need sessions already held: a booking made on a
 * clock set a few days back and completed by the bookings feature's own
 * background work, so the review window is open now. Also a review of one.
 */
import {
  type Booking,
  bookSession,
  getBookingFor,
  processDueWork,
} from "@/services/bookings/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { listOfferings, type Offering } from "@/services/offerings/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { type Review, writeReview } from "@/services/reviews/mod.ts";
import {
  attendCall,
  bookableExpert,
  daysAhead,
  fundedLearner,
  fundLearner,
} from "./bookings.ts";

const DAY_MS = 86_400_000;
let nextHour = 0;

/**
 * A completed session that `owner` is a party of: as its learner (with a
 * new expert) or as its expert (with a new learner). It ended about two
 * days ago, so it can be reviewed for twelve more days.
 */
export async function completedBookingOf(
  kv: Deno.Kv,
  owner: { id: string; role: string; timeZone: string },
): Promise<Booking> {
  let offering: Offering;
  let learner = { id: owner.id, timeZone: owner.timeZone };
  if (owner.role === "expert") {
    offering = await getExpert(kv, owner.id)
      ? (await listOfferings(kv, owner.id))[0]
      : (await bookableExpert(kv, { id: owner.id })).offering;
    learner = await fundedLearner(kv, 0);
  } else offering = (await bookableExpert(kv)).offering;
  return await heldSession(kv, offering, learner);
}

/**
 * A session of `offering` that `learner` booked and both attended, about
 * three days ago, completed by the bookings feature's background work;
 * each call two hours after the last (twelve a day), so none overlap.
 */
export async function heldSession(
  kv: Deno.Kv,
  offering: Offering,
  learner: { id: string; timeZone: string },
): Promise<Booking> {
  await fundLearner(kv, learner.id, offering.priceMinor, offering.currency);
  const hour = nextHour++;
  let booked: Booking;
  {
    // deno-lint-ignore react-rules-of-hooks -- a fake clock, not a Preact hook
    using clock = useFakeClock(new Date(Date.now() - 4 * DAY_MS));
    const outcome = await bookSession(kv, learner, {
      offeringId: offering.id,
      expertId: offering.expertId,
      start: daysAhead(
        new Date(Date.now() - 4 * DAY_MS + Math.floor(hour / 12) * DAY_MS),
        1,
        (hour % 12) * 2,
      ),
    });
    if (!("booking" in outcome)) throw new Error("the test booking failed");
    booked = outcome.booking;
    // Completion pays only for sessions both people attended.
    await attendCall(kv, clock, booked);
  }
  await processDueWork(kv);
  const { booking } = await getBookingFor(
    kv,
    { id: learner.id, role: "learner" },
    booked.id,
  );
  if (booking.status !== "completed") {
    throw new Error(`the test session is ${booking.status}, not completed`);
  }
  return booking;
}

/** A review of a completed session `owner` is a party of (as either side). */
export async function reviewOf(
  kv: Deno.Kv,
  owner: { id: string; role: string; timeZone: string },
  rating = 4,
): Promise<Review> {
  const booking = await completedBookingOf(kv, owner);
  return await writeReview(kv, booking.learnerId, booking.id, {
    rating,
    text: "A clear, useful hour.",
  });
}
