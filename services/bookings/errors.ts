/**
 * The errors of booking that callers must tell apart: the time is taken
 * (409 slot_unavailable), the learner is busy then (409 learner_busy), the
 * start breaks one of the expert's rules (400 unbookable, with the rule's
 * reason code), the wallet is short (402 insufficient_funds, with how much
 * is missing) and a hold whose time was lost (409 hold_lapsed). The API maps
 * each to its status in api/money_errors.ts. Anything else a booking flow
 * refuses is a ValidationError, NotFoundError or ConflictError.
 */
import type { UnbookableReason } from "@/services/availability/mod.ts";
import { type Currency, formatMoney } from "@/services/platform/money.ts";

/** Someone else holds some of the time (a booking or a live hold); nothing changed. */
export class SlotUnavailableError extends Error {
  constructor(
    message =
      "That time was just taken by someone else; choose another one. Nothing was charged.",
  ) {
    super(message);
    this.name = "SlotUnavailableError";
  }
}

/** The learner already has a session (or a live hold) overlapping this time. */
export class LearnerBusyError extends Error {
  constructor(
    message =
      "You already have a session at that time; choose another one or cancel the other first.",
  ) {
    super(message);
    this.name = "LearnerBusyError";
  }
}

/** The start breaks one of the expert's rules (`reason` says which). */
export class UnbookableError extends Error {
  constructor(readonly reason: UnbookableReason, message: string) {
    super(message);
    this.name = "UnbookableError";
  }
}

/** The learner's wallet lacks `shortMinor` for the price; nothing changed. */
export class BookingFundsError extends Error {
  constructor(readonly shortMinor: number, readonly currency: Currency) {
    super(
      `Your wallet is ${
        formatMoney({ amountMinor: shortMinor, currency })
      } short for this session. Top up your credits and book again.`,
    );
    this.name = "BookingFundsError";
  }
}

/** The hold expired or its time was taken; any credits bought stay in the wallet. */
export class HoldLapsedError extends Error {
  constructor(
    message =
      "The time you held was lost: the hold expired before the payment completed. Any credits you bought are in your wallet; choose another time.",
  ) {
    super(message);
    this.name = "HoldLapsedError";
  }
}
