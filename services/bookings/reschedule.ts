/**
 * Moving a booking to another time, by either side, per the policy
 * (policy.ts). One atomic operation claims the new time (cells on both
 * calendars, the new day's count, the availability it was judged against)
 * and frees the old; the booking keeps its id, its price and its money, and
 * its completion and reminders move with it (at the hours it was booked
 * with). Never two bookings, never none: either the whole move commits or
 * nothing changes.
 *
 * The new time is judged like a new booking's, except that the booking's
 * own cells count as free (a session may move by a quarter hour into time
 * it already holds) and it is not counted twice on its own day.
 */
import { z } from "zod";
import { instantSchema, localDateOf } from "@/services/availability/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { getSettings } from "@/services/settings/mod.ts";
import type { Booking } from "./model.ts";
import { addClaim, freeCells, planClaim, uncountDay } from "./claim.ts";
import { timingOf } from "./commit.ts";
import { notifyBooking } from "./notifications.ts";
import { partyOf, rescheduleRefusal } from "./policy.ts";
import { reminderHoursOf, rescheduleReminders } from "./reminders.ts";
import {
  addBookingEvent,
  expertCellsOf,
  getBookingEntry,
  learnerCellsOf,
  scheduleCompletion,
  unscheduleCompletion,
  writeBooking,
} from "./store.ts";

export const rescheduleRequestSchema = z.strictObject({
  start: instantSchema.optional().describe(
    "Required: the new start, an ISO instant from the slots list. (Checked after the booking is found, so another user's booking id is a 404 whatever the body.)",
  ),
});
export type RescheduleRequest = z.input<typeof rescheduleRequestSchema>;

/**
 * Moves the booking to `request.start` as `userId` (its learner or expert;
 * anyone else gets NotFoundError). ConflictError when the policy forbids
 * it; the new start is refused like a new booking's (UnbookableError,
 * SlotUnavailableError, LearnerBusyError).
 */
export async function rescheduleBooking(
  kv: Deno.Kv,
  userId: string,
  bookingId: string,
  request: RescheduleRequest,
): Promise<Booking> {
  const settings = await getSettings(kv);
  let previousStart = "";
  const moved = await untilCommitted(async () => {
    const found = await getBookingEntry(kv, bookingId);
    if (!found || !partyOf(found.booking, userId)) {
      throw new NotFoundError("You have no booking with this id.");
    }
    const { start } = parseInput(
      rescheduleRequestSchema,
      request,
      "The new time is invalid.",
    );
    if (start === undefined) {
      throw new ValidationError("The new time is invalid.", {
        start: ["Choose the new start time."],
      });
    }
    const { booking, entry } = found;
    const now = clockFor(kv).now();
    const refusal = rescheduleRefusal(booking, now.getTime(), settings);
    if (refusal) throw new ConflictError(refusal);
    if (Date.parse(start) === Date.parse(booking.start)) {
      throw new ValidationError("The new time is invalid.", {
        start: ["That is the session's current time; choose another one."],
      });
    }
    const oldDate = localDateOf(booking.start, booking.expertTimeZone);
    const plan = await planClaim(kv, {
      expertId: booking.expertId,
      learnerId: booking.learnerId,
      durationMinutes: booking.durationMinutes,
      start,
      nowMs: now.getTime(),
      own: new Set([booking.id]),
      movingFromDate: oldDate,
    });
    const at = now.toISOString();
    const next: Booking = {
      ...booking,
      ...timingOf(plan),
      // Its reminder hours stay those it was booked with.
      reminderHoursBefore: await reminderHoursOf(kv, booking, settings),
      rescheduleCount: booking.rescheduleCount + 1,
      updatedAt: at,
    };
    const op = kv.atomic().check(entry);
    const otherDay = plan.localDate !== oldDate;
    addClaim(op, plan, { id: booking.id }, {
      nowMs: now.getTime(),
      countDay: otherDay,
    });
    if (otherDay) await uncountDay(kv, op, booking.expertId, oldDate);
    freeCells(
      op,
      "booking_cells",
      booking.expertId,
      expertCellsOf(booking),
      new Set(plan.expertCells),
    );
    freeCells(
      op,
      "learner_cells",
      booking.learnerId,
      learnerCellsOf(booking),
      new Set(plan.learnerCells),
    );
    writeBooking(op, next, booking);
    unscheduleCompletion(op, booking);
    scheduleCompletion(op, next);
    rescheduleReminders(op, booking, next, now.getTime());
    addBookingEvent(op, {
      bookingId: booking.id,
      at,
      type: "rescheduled",
      actorId: userId,
      details: { from: booking.start, to: next.start },
    });
    if (!(await op.commit()).ok) return RETRY;
    previousStart = booking.start;
    return next;
  }, {
    conflictMessage:
      "The booking changed while you were moving it; reload it and try again.",
  });
  await notifyBooking(kv, moved, { kind: "rescheduled", previousStart });
  return moved;
}
