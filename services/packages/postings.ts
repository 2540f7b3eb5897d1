/**
 * The money a package moves, as ledger postings that join the package's or
 * the booking's own atomic commit, each idempotent by its key:
 *
 *   buy      learner's wallet → the package's escrow (the whole price)
 *   use      package escrow → the booking's escrow (one credit's value)
 *   return   the booking's escrow → package escrow (a booking cancelled in
 *            time gives its credit back)
 *   refund   package escrow → learner's wallet (cancelling the package)
 *
 * Buying counts as sessions paid and refunding as a refund, as they do for
 * single bookings. A credit moving between escrows is money staying put
 * (no one is paid, no one is refunded), so it is an `escrow_transfer`,
 * which the finance summary does not count, with a memo.
 */
import {
  escrowAccount,
  type PostingInput,
  walletAccount,
} from "@/services/ledger/mod.ts";
import type { Package } from "./model.ts";

type Money = Pick<Package, "id" | "learnerId" | "currency">;

export function buyPosting(pkg: Money & { priceMinor: number }): PostingInput {
  return {
    idempotencyKey: `package:${pkg.id}:buy`,
    currency: pkg.currency,
    kind: "booking_reserve",
    lines: [
      { account: walletAccount(pkg.learnerId), amountMinor: -pkg.priceMinor },
      { account: escrowAccount(pkg.id), amountMinor: pkg.priceMinor },
    ],
    refs: { packageId: pkg.id, userId: pkg.learnerId },
    memo: "Package of sessions bought",
  };
}

/** Idempotent by the booking: a booking reserves once, by wallet or by credit. */
export function creditUsePosting(
  pkg: Money,
  bookingId: string,
  valueMinor: number,
): PostingInput {
  return {
    idempotencyKey: `booking:${bookingId}:reserve`,
    currency: pkg.currency,
    kind: "escrow_transfer",
    lines: [
      { account: escrowAccount(pkg.id), amountMinor: -valueMinor },
      { account: escrowAccount(bookingId), amountMinor: valueMinor },
    ],
    refs: { packageId: pkg.id, bookingId, userId: pkg.learnerId },
    memo: "Package credit used for a booking",
  };
}

/** Keyed like a cancellation's refund to the wallet: only one of them happens. */
export function creditReturnPosting(
  pkg: Money,
  bookingId: string,
  valueMinor: number,
): PostingInput {
  return {
    idempotencyKey: `booking:${bookingId}:refund:cancel`,
    currency: pkg.currency,
    kind: "escrow_transfer",
    lines: [
      { account: escrowAccount(bookingId), amountMinor: -valueMinor },
      { account: escrowAccount(pkg.id), amountMinor: valueMinor },
    ],
    refs: { packageId: pkg.id, bookingId, userId: pkg.learnerId },
    memo: "Package credit returned by a cancelled booking",
  };
}

export function refundPosting(
  pkg: Money,
  amountMinor: number,
): PostingInput {
  return {
    idempotencyKey: `package:${pkg.id}:refund`,
    currency: pkg.currency,
    kind: "booking_refund",
    lines: [
      { account: escrowAccount(pkg.id), amountMinor: -amountMinor },
      { account: walletAccount(pkg.learnerId), amountMinor },
    ],
    refs: { packageId: pkg.id, userId: pkg.learnerId },
    memo: "Unused package credits refunded",
  };
}
