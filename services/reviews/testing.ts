/**
 * Test fixtures for the reviews feature: completed sessions made through the
 * bookings feature's own flows (booked on a fake clock, then completed by
 * its background work), and the learner accounts that review them.
 */
import { ensureAccount } from "@/services/auth/mod.ts";
import {
  type Booking,
  bookSession,
  getBookingFor,
  processDueWork,
} from "@/services/bookings/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  attendCall,
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";

const HOUR_MS = 3_600_000;

/** The fake "now" these tests start from. */
export const NOW = new Date("2030-03-04T08:00:00Z");

/**
 * `count` sessions of one expert, each with its own learner, booked for
 * tomorrow (hour after hour from 10:00 UTC) and completed: the clock given
 * is moved past the last one's end. The first learner has an account
 * ("Lea Learner") so emails reach someone.
 */
export async function completedSessions(
  kv: Deno.Kv,
  clock: { set(date: Date): void },
  count = 1,
  options: { expertId?: string } = {},
): Promise<{ expertId: string; bookings: Booking[] }> {
  const { offering, expertId } = await bookableExpert(kv, {
    id: options.expertId,
  });
  const bookings: Booking[] = [];
  const start = clockFor(kv).now();
  for (let i = 0; i < count; i++) {
    const learner = await fundedLearner(kv, 100_00);
    if (i === 0) {
      await ensureAccount(kv, {
        id: learner.id,
        email: `lea-${learner.id.toLowerCase()}@example.com`,
        password: "lighthouse keeper 42",
        name: "Lea Learner",
        role: "learner",
        timeZone: learner.timeZone,
        source: "test",
      });
    }
    const outcome = await bookSession(kv, learner, {
      offeringId: offering.id,
      start: daysAhead(start, 1, 10 + i),
    });
    if (!("booking" in outcome)) throw new Error("the test booking failed");
    bookings.push(outcome.booking);
  }
  // Completion pays only for sessions both people attended.
  for (const booking of bookings) await attendCall(kv, clock, booking);
  const lastEnd = Date.parse(bookings.at(-1)!.end);
  clock.set(new Date(lastEnd + HOUR_MS));
  await processDueWork(kv);
  const completed = await Promise.all(
    bookings.map(async (booking) =>
      (await getBookingFor(
        kv,
        { id: booking.learnerId, role: "learner" },
        booking.id,
      )).booking
    ),
  );
  if (completed.some((booking) => booking.status !== "completed")) {
    throw new Error("the test sessions did not complete");
  }
  return { expertId, bookings: completed };
}
