/**
 * A varied booking history for the tests of everything that reads bookings
 * by time (the admins' day of sessions, the statistics, the funnel): two
 * experts, sessions over several days made on different days, two at the
 * very same start, one moved, one cancelled, settled ones of every kind,
 * one made late at night, one still ahead. Made through the real flows on a fake clock, so the
 * bookings' indexes are whatever the real writes leave.
 */
import {
  type Booking,
  bookSession,
  cancelBooking,
  processDueWork,
  rescheduleBooking,
} from "@/services/bookings/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import {
  attendCall,
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "./bookings.ts";

/** When the history starts; its sessions run over the next week. */
export const HISTORY_START = new Date("2030-03-04T08:00:00Z");

export interface BookingHistory {
  /** Every booking as it is at the end, by id. */
  bookings: Map<string, Booking>;
  experts: string[];
}

/**
 * Makes the history in `kv`, moving `clock` (left a day after the last
 * session ended).
 */
export async function makeBookingHistory(
  kv: Deno.Kv,
  clock: ReturnType<typeof useFakeClock>,
): Promise<BookingHistory> {
  clock.set(HISTORY_START);
  const a = await bookableExpert(kv);
  const b = await bookableExpert(kv);
  const bookings = new Map<string, Booking>();
  const book = async (
    expert: typeof a,
    start: string,
  ): Promise<Booking> => {
    const outcome = await bookSession(kv, await fundedLearner(kv), {
      offeringId: expert.offering.id,
      start,
    });
    if (!("booking" in outcome)) throw new Error("the booking failed");
    bookings.set(outcome.booking.id, outcome.booking);
    return outcome.booking;
  };
  const now = HISTORY_START;
  const first = await book(a, daysAhead(now, 1, 10));
  await book(b, daysAhead(now, 1, 10));
  const learnerAbsent = await book(a, daysAhead(now, 1, 14));
  const toMove = await book(a, daysAhead(now, 2, 9));
  const toCancel = await book(b, daysAhead(now, 3, 11));
  await rescheduleBooking(kv, toMove.learnerId, toMove.id, {
    start: daysAhead(now, 1, 16),
  });
  await cancelBooking(kv, toCancel.learnerId, toCancel.id);
  // A day later, more are made, one late at night (UTC).
  clock.set(new Date(now.getTime() + 86_400_000 - 60_000));
  await book(b, daysAhead(now, 1, 23, 45));
  clock.set(new Date(now.getTime() + 86_400_000 + 3_600_000));
  const later = await book(a, daysAhead(now, 4, 8));
  await book(b, daysAhead(now, 5, 16));
  await book(b, daysAhead(now, 20, 12));
  // Settled once their calls close: two held (completed), one the learner
  // missed (no-show), the rest refunded (the expert never came); the last
  // is still ahead.
  await attendCall(kv, clock, first);
  await attendCall(kv, clock, later);
  await attendCall(kv, clock, learnerAbsent, ["expert"]);
  for (const day of [2, 3, 4, 5, 6, 7]) {
    clock.set(new Date(now.getTime() + day * 86_400_000));
    await processDueWork(kv);
  }
  for (const id of bookings.keys()) {
    const stored = (await kv.get<Booking>(["bookings", id])).value;
    if (!stored) throw new Error(`booking ${id} is gone`);
    bookings.set(id, stored);
  }
  return { bookings, experts: [a.expertId, b.expertId] };
}
