/**
 * Fixtures for the learner's home: a learner who finished onboarding with
 * given goals, and sessions held at a chosen time in the past (booked on a
 * clock set a day before, attended, and completed by the bookings
 * feature's own background work), so the home's numbers come from real
 * bookings.
 */
import {
  type Booking,
  bookSession,
  getBookingFor,
  processDueWork,
} from "@/services/bookings/mod.ts";
import { saveOnboarding } from "@/services/learners/mod.ts";
import type { Offering } from "@/services/offerings/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import {
  attendCall,
  bookableExpert,
  CATEGORY_ID,
  fundLearner,
} from "./bookings.ts";

const DAY_MS = 86_400_000;

/** Saves finished onboarding answers with `goals` for `learnerId`. */
export async function onboardedLearner(
  kv: Deno.Kv,
  learnerId: string,
  goals: string[] = ["Play a Chopin nocturne"],
): Promise<void> {
  // The booking fixtures' category is the interest.
  await bookableExpert(kv);
  await saveOnboarding(kv, learnerId, {
    goals: goals.map((text) => ({ text })),
    interests: [CATEGORY_ID],
    levels: { [CATEGORY_ID]: "beginner" },
  });
}

/**
 * A session of `offering` for `learner` that started at `start` (in the
 * past), joined by `attended` (both by default: completed; the expert
 * alone: the learner's no-show) and settled by the background work.
 */
export async function heldSessionAt(
  kv: Deno.Kv,
  learner: { id: string; timeZone: string },
  offering: Offering,
  start: string,
  { attended = ["learner", "expert"] }: {
    attended?: readonly ("learner" | "expert")[];
  } = {},
): Promise<Booking> {
  await fundLearner(kv, learner.id, offering.priceMinor, offering.currency);
  let booked: Booking;
  {
    // deno-lint-ignore react-rules-of-hooks -- a fake clock, not a Preact hook
    using clock = useFakeClock(new Date(Date.parse(start) - DAY_MS));
    const outcome = await bookSession(kv, learner, {
      offeringId: offering.id,
      expertId: offering.expertId,
      start,
    });
    if (!("booking" in outcome)) throw new Error("the test booking failed");
    booked = outcome.booking;
    await attendCall(kv, clock, booked, attended);
  }
  await processDueWork(kv);
  return (await getBookingFor(
    kv,
    { id: learner.id, role: "learner" },
    booked.id,
  )).booking;
}
