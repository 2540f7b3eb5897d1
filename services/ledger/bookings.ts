/**
 * The movements a paid session makes, as postings a booking adds to its own
 * atomic commit (claiming the time and reserving the money happen together
 * or not at all). Each is idempotent by the booking's id and step.
 *
 *   reserve   learner's wallet → the booking's escrow
 *   complete  escrow → expert's pending earnings, commission → platform revenue
 *   release   pending earnings → available earnings (after the dispute window)
 *   refund    escrow → learner's wallet (all or part, before completion)
 *
 * The commission is worked out once, when the session completes, at the
 * rate the booking recorded when it was made.
 *
 * @example
 * ```ts
 * const prepared = await preparePostings(kv, [
 *   reserveForBooking({ bookingId, learnerId, amountMinor: 6_000, currency: "USD" }),
 * ]);
 * ```
 */
import type { Currency } from "@/services/platform/money.ts";
import {
  availableEarningsAccount,
  escrowAccount,
  pendingEarningsAccount,
  PLATFORM_REVENUE,
  type PostingInput,
  walletAccount,
} from "./model.ts";

interface BookingMoney {
  bookingId: string;
  currency: Currency;
}

/** The platform's share of `amountMinor` at `percent`, rounded to the nearest minor unit. */
export function commissionOf(amountMinor: number, percent: number): number {
  return Math.round(amountMinor * percent / 100);
}

export function reserveForBooking(
  booking: BookingMoney & { learnerId: string; amountMinor: number },
): PostingInput {
  return {
    idempotencyKey: `booking:${booking.bookingId}:reserve`,
    currency: booking.currency,
    kind: "booking_reserve",
    lines: [
      {
        account: walletAccount(booking.learnerId),
        amountMinor: -booking.amountMinor,
      },
      {
        account: escrowAccount(booking.bookingId),
        amountMinor: booking.amountMinor,
      },
    ],
    refs: { bookingId: booking.bookingId, userId: booking.learnerId },
  };
}

/**
 * Moves what is left in escrow to the expert's pending earnings, less the
 * commission. `escrowMinor` is the escrow balance (the price less any part
 * refunded before).
 */
export function completeBooking(
  booking: BookingMoney & {
    expertId: string;
    escrowMinor: number;
    commissionPercent: number;
  },
): PostingInput {
  const commission = commissionOf(
    booking.escrowMinor,
    booking.commissionPercent,
  );
  const lines = [
    {
      account: escrowAccount(booking.bookingId),
      amountMinor: -booking.escrowMinor,
    },
    {
      account: pendingEarningsAccount(booking.expertId),
      amountMinor: booking.escrowMinor - commission,
    },
    { account: PLATFORM_REVENUE, amountMinor: commission },
  ].filter((line) => line.amountMinor !== 0);
  return {
    idempotencyKey: `booking:${booking.bookingId}:complete`,
    currency: booking.currency,
    kind: "booking_release",
    lines,
    refs: { bookingId: booking.bookingId, userId: booking.expertId },
  };
}

export function releaseEarnings(
  booking: BookingMoney & { expertId: string; amountMinor: number },
): PostingInput {
  return {
    idempotencyKey: `booking:${booking.bookingId}:release`,
    currency: booking.currency,
    kind: "earnings_available",
    lines: [
      {
        account: pendingEarningsAccount(booking.expertId),
        amountMinor: -booking.amountMinor,
      },
      {
        account: availableEarningsAccount(booking.expertId),
        amountMinor: booking.amountMinor,
      },
    ],
    refs: { bookingId: booking.bookingId, userId: booking.expertId },
  };
}

/** Returns `amountMinor` of the escrow to the learner; `step` names why (cancel, dispute…). */
export function refundFromEscrow(
  booking: BookingMoney & {
    learnerId: string;
    amountMinor: number;
    step: string;
  },
): PostingInput {
  return {
    idempotencyKey: `booking:${booking.bookingId}:refund:${booking.step}`,
    currency: booking.currency,
    kind: "booking_refund",
    lines: [
      {
        account: escrowAccount(booking.bookingId),
        amountMinor: -booking.amountMinor,
      },
      {
        account: walletAccount(booking.learnerId),
        amountMinor: booking.amountMinor,
      },
    ],
    refs: { bookingId: booking.bookingId, userId: booking.learnerId },
  };
}
