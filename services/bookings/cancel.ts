/**
 * Cancelling a booking, by either side, per the policy (policy.ts): in one
 * atomic operation the booking becomes `cancelled`, its cells on both
 * calendars and its place in the expert's day are freed, its completion is
 * unscheduled, and the escrow is settled: the refund back to the learner's
 * wallet and, for a late cancellation, the rest to the expert at the
 * commission the booking recorded (available at once: there is no session
 * to dispute). An expert's cancellation is also counted on their record.
 *
 * A session booked with a package credit is settled the same way on its
 * credit's value, except that a full refund (in time, or the expert
 * cancelling) gives the credit back to the package, while the package is
 * active, instead of the money to the wallet.
 */
import { z } from "zod";
import { localDateOf } from "@/services/availability/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
} from "@/services/platform/errors.ts";
import { multiLine } from "@/services/platform/plain_text.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  commissionOf,
  completeBooking,
  type PostingInput,
  preparePostings,
  refundFromEscrow,
  releaseEarnings,
} from "@/services/ledger/mod.ts";
import { getSettings } from "@/services/settings/mod.ts";
import {
  type PackageStep,
  prepareCreditReturn,
} from "@/services/packages/mod.ts";
import { endCall } from "@/services/calls/mod.ts";
import type { Booking, Party } from "./model.ts";
import { freeCells, uncountDay } from "./claim.ts";
import { notifyBooking } from "./notifications.ts";
import { cancellationQuote, partyOf } from "./policy.ts";
import { unscheduleReminders } from "./reminders.ts";
import {
  addBookingEvent,
  expertCellsOf,
  getBookingEntry,
  learnerCellsOf,
  recordExpertCancellation,
  unscheduleCompletion,
  writeBooking,
} from "./store.ts";

export const cancelRequestSchema = z.strictObject({
  reason: multiLine(0, 500).optional().describe(
    "Why, in a sentence, for the other side.",
  ),
});
export type CancelRequest = z.input<typeof cancelRequestSchema>;

/** The ledger postings that settle a cancelled booking's escrow. */
export function cancellationPostings(
  booking: Booking,
  refundMinor: number,
  expertMinor: number,
): PostingInput[] {
  const money = { bookingId: booking.id, currency: booking.currency };
  const postings: PostingInput[] = [];
  if (refundMinor > 0) {
    postings.push(refundFromEscrow({
      ...money,
      learnerId: booking.learnerId,
      amountMinor: refundMinor,
      step: "cancel",
    }));
  }
  if (expertMinor > 0) {
    postings.push(completeBooking({
      ...money,
      expertId: booking.expertId,
      escrowMinor: expertMinor,
      commissionPercent: booking.commissionPercent,
    }));
    const net = expertMinor -
      commissionOf(expertMinor, booking.commissionPercent);
    if (net > 0) {
      postings.push(releaseEarnings({
        ...money,
        expertId: booking.expertId,
        amountMinor: net,
      }));
    }
  }
  return postings;
}

/**
 * The credit a package booking gives back when cancelled with a full
 * refund, or null: a partial refund (the credit is spent, the money
 * settles as for any booking), a wallet booking, or a package no longer
 * active (the refund then goes to the wallet).
 */
function creditBack(
  kv: Deno.Kv,
  booking: Booking,
  refundMinor: number,
  at: string,
): Promise<PackageStep | null> | null {
  if (booking.packageId === undefined) return null;
  if (refundMinor !== booking.priceMinor) return null;
  return prepareCreditReturn(kv, {
    id: booking.id,
    packageId: booking.packageId,
    priceMinor: booking.priceMinor,
    at,
  });
}

/** How a cancellation settles, and who asked for it. */
export interface CancellationTerms {
  by: Party;
  /** Who did it; null for the platform (an expert who never joined the call). */
  actorId: string | null;
  reason: string;
  at: string;
  refundMinor: number;
  expertMinor: number;
  /** The policy rule applied, for the booking's history. */
  rule: string;
}

/**
 * Adds to `op` (which already checks the booking's entry) everything
 * cancelling `booking` does, as the module comment says, and returns the
 * booking as it will be. The one rule for a learner's or an expert's
 * cancellation and for an expert who never joined the call (completion.ts).
 */
export async function stageCancellation(
  kv: Deno.Kv,
  op: Deno.AtomicOperation,
  booking: Booking,
  terms: CancellationTerms,
): Promise<Booking> {
  const { by, at } = terms;
  const credit = await creditBack(kv, booking, terms.refundMinor, at);
  const prepared = await preparePostings(
    kv,
    credit ? [credit.posting] : cancellationPostings(
      booking,
      terms.refundMinor,
      terms.expertMinor,
    ),
  );
  const next: Booking = {
    ...booking,
    status: "cancelled",
    cancellation: {
      by,
      at,
      reason: terms.reason,
      refundMinor: terms.refundMinor,
      expertMinor: terms.expertMinor,
      ...(booking.packageId === undefined
        ? {}
        : { refundedTo: credit ? "package" : "wallet" }),
    },
    updatedAt: at,
  };
  writeBooking(op, next, booking);
  freeCells(op, "booking_cells", booking.expertId, expertCellsOf(booking));
  freeCells(op, "learner_cells", booking.learnerId, learnerCellsOf(booking));
  await uncountDay(
    kv,
    op,
    booking.expertId,
    localDateOf(booking.start, booking.expertTimeZone),
  );
  unscheduleCompletion(op, booking);
  unscheduleReminders(op, booking);
  if (by === "expert") recordExpertCancellation(op, booking, at);
  addBookingEvent(op, {
    bookingId: booking.id,
    at,
    type: "cancelled",
    actorId: terms.actorId,
    details: {
      by,
      rule: terms.rule,
      refundMinor: String(terms.refundMinor),
      expertMinor: String(terms.expertMinor),
    },
  });
  prepared.addTo(op);
  credit?.addTo(op);
  return next;
}

/**
 * Cancels the booking as `userId` (its learner or its expert; anyone else
 * gets NotFoundError). ConflictError when it is not confirmed or its
 * session has ended. Returns the booking and what went back to the learner.
 */
export async function cancelBooking(
  kv: Deno.Kv,
  userId: string,
  bookingId: string,
  request: CancelRequest = {},
): Promise<{ booking: Booking; refundMinor: number }> {
  const input = parseInput(
    cancelRequestSchema,
    request,
    "The cancellation is invalid.",
  );
  const settings = await getSettings(kv);
  const cancelled = await untilCommitted(async () => {
    const found = await getBookingEntry(kv, bookingId);
    const by = found && partyOf(found.booking, userId);
    if (!found || !by) {
      throw new NotFoundError("You have no booking with this id.");
    }
    const { booking, entry } = found;
    if (booking.status !== "confirmed") {
      throw new ConflictError(
        `This booking is already ${booking.status}; there is nothing to cancel.`,
      );
    }
    const now = clockFor(kv).now();
    if (now.getTime() >= Date.parse(booking.end)) {
      throw new ConflictError(
        "This session has ended, so it can no longer be cancelled. If something went wrong, report a problem with it instead.",
      );
    }
    const quote = cancellationQuote(booking, by, now.getTime(), settings);
    const op = kv.atomic().check(entry);
    const next = await stageCancellation(kv, op, booking, {
      by,
      actorId: userId,
      reason: input.reason ?? "",
      at: now.toISOString(),
      ...quote,
    });
    if (!(await op.commit()).ok) return RETRY;
    return { booking: next, refundMinor: quote.refundMinor };
  }, {
    conflictMessage:
      "The booking changed while you were cancelling it; reload it and try again.",
  });
  try {
    // The call ends with the booking: nobody may stay in it.
    await endCall(kv, bookingId);
  } catch (error) {
    console.error(`Could not end the call of booking ${bookingId}:`, error);
  }
  await notifyBooking(kv, cancelled.booking, { kind: "cancelled" });
  return cancelled;
}
