/**
 * Holds: the learner's time kept for ten minutes while they pay the
 * difference at checkout, and what becomes of it.
 *
 * A hold converts into a booking (same id) as soon as the wallet covers the
 * price: when the learner comes back from checkout (`confirmHold`), or in
 * the background (`settleHold`, run by the due-work cron every minute and by
 * a job queued for the moment the hold expires). Credits arrive only through
 * the processor's event (services/wallet), so conversion is a booking commit
 * like any other: the price moves from the wallet into escrow, idempotent by
 * the booking id, and nothing is ever charged twice.
 *
 * The rule for a late payment: a hold converts if the wallet covers the
 * price while the hold is live, or if its top-up was paid before the hold
 * expired (a conversion that runs a little late still honours it, provided
 * nobody took the time meanwhile). Otherwise it lapses: the credits stay in
 * the wallet, and the learner is told by email that the time was lost.
 */
import { z } from "zod";
import { clockFor } from "@/services/platform/clock.ts";
import { NotFoundError } from "@/services/platform/errors.ts";
import { defineJob } from "@/services/platform/jobs.ts";
import { idSchema } from "@/services/platform/model.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { InsufficientFundsError } from "@/services/ledger/mod.ts";
import { getSettings, type Settings } from "@/services/settings/mod.ts";
import { getOwnTopUp } from "@/services/wallet/mod.ts";
import { queueNextFreeRefresh } from "@/services/experts/mod.ts";
import type { Booking, Hold } from "./model.ts";
import { policyOf } from "./policy.ts";
import { attemptBooking, type BookingBasis } from "./commit.ts";
import {
  HoldLapsedError,
  LearnerBusyError,
  SlotUnavailableError,
  UnbookableError,
} from "./errors.ts";
import {
  cellKey,
  expertCellsOf,
  getBookingEntry,
  getHoldEntry,
  holdKey,
  learnerCellsOf,
  OPEN_HOLDS_PREFIX,
  openHoldKey,
  readCells,
} from "./store.ts";
import { sendHoldLapsed } from "./emails.ts";
import { notifyBooking } from "./notifications.ts";

export type HoldOutcome =
  | { status: "converted"; booking: Booking }
  | { status: "lapsed"; reason: string }
  | { status: "open"; hold: Hold };

const EXPIRED_UNPAID =
  "The hold expired before the payment completed, so the time was released. Any credits you bought are in your wallet; choose another time.";
const TIME_TAKEN =
  "The time you held is no longer available. Any credits you bought are in your wallet; choose another time.";
const CHECKOUT_FAILED =
  "The payment could not be started, so the time was released.";
const WALLET_SHORT =
  "Your wallet no longer covers the price, so the time was released. Choose another time when you are ready.";

/**
 * The booking a hold converts into: the terms the learner booked under,
 * what they were told included (reminder hours, the policy). A hold made
 * before holds kept those takes them from `settings`.
 */
function basisOf(hold: Hold, settings: Settings): BookingBasis {
  return {
    id: hold.id,
    learnerId: hold.learnerId,
    expertId: hold.expertId,
    offeringId: hold.offeringId,
    offeringTitle: hold.offeringTitle,
    durationMinutes: hold.durationMinutes,
    priceMinor: hold.priceMinor,
    currency: hold.currency,
    commissionPercent: hold.commissionPercent,
    policy: policyOf(hold, settings),
    reminderHoursBefore: hold.reminderHoursBefore ??
      settings.reminderHoursBefore,
    learnerTimeZone: hold.learnerTimeZone,
    note: hold.note,
    ...(hold.recordingConsent ? { recordingConsent: true } : {}),
    createdAt: hold.createdAt,
  };
}

/** True when the hold's top-up was paid before the hold expired. */
async function paidInTime(kv: Deno.Kv, hold: Hold): Promise<boolean> {
  if (hold.topUpId === null) return false;
  try {
    const topUp = await getOwnTopUp(kv, hold.learnerId, hold.topUpId);
    return topUp.paidAt !== null && topUp.paidAt <= hold.expiresAt;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/**
 * Marks the hold lapsed and frees the cells it still holds (only those
 * still naming it, each checked: an expired hold's cell may already be
 * someone else's). Returns false when something changed meanwhile.
 */
async function lapse(
  kv: Deno.Kv,
  hold: Hold,
  entry: Deno.KvEntry<unknown>,
  reason: string,
): Promise<boolean> {
  const op = kv.atomic().check(entry)
    .set(
      holdKey(hold.id),
      {
        ...hold,
        status: "lapsed",
        lapsedReason: reason,
      } satisfies Hold,
    )
    .delete(openHoldKey(hold.id));
  for (
    const [owner, personId, cells] of [
      ["booking_cells", hold.expertId, expertCellsOf(hold)],
      ["learner_cells", hold.learnerId, learnerCellsOf(hold)],
    ] as const
  ) {
    const read = await readCells(
      kv,
      owner,
      personId,
      cells[0],
      cells[cells.length - 1] + 1,
    );
    for (const [cell, claim] of read) {
      if (claim.value.id === hold.id) {
        op.check(claim).delete(cellKey(owner, personId, cell));
      }
    }
  }
  return (await op.commit()).ok;
}

/**
 * Converts the hold if it can, lapses it if it never will, or leaves it
 * open (still live, wallet still short). Safe to run any number of times,
 * from any process: every step is checked against the hold's version.
 */
export async function settleHold(
  kv: Deno.Kv,
  holdId: string,
): Promise<HoldOutcome> {
  let lapsedNow: { hold: Hold; reason: string } | null = null;
  let convertedNow: Booking | null = null;
  const outcome = await untilCommitted<HoldOutcome>(async () => {
    const found = await getHoldEntry(kv, holdId);
    if (!found) throw new NotFoundError("There is no such hold.");
    const { hold, entry } = found;
    if (hold.status === "converted") {
      const booking = await getBookingEntry(kv, hold.id);
      if (booking) return { status: "converted", booking: booking.booking };
    }
    if (hold.status === "lapsed") {
      return { status: "lapsed", reason: hold.lapsedReason ?? EXPIRED_UNPAID };
    }
    const nowMs = clockFor(kv).now().getTime();
    const live = nowMs < Date.parse(hold.expiresAt);
    const giveUp = async (reason: string) => {
      if (!await lapse(kv, hold, entry, reason)) return RETRY;
      lapsedNow = { hold, reason };
      await queueNextFreeRefresh(kv, hold.expertId);
      return { status: "lapsed" as const, reason };
    };
    if (!live && !await paidInTime(kv, hold)) {
      return await giveUp(EXPIRED_UNPAID);
    }
    try {
      const basis = basisOf(hold, await getSettings(kv));
      const booking = await attemptBooking(kv, basis, hold.start, {
        rulesNowMs: Date.parse(hold.createdAt),
        converting: { hold, entry },
      });
      if (booking === RETRY) return RETRY;
      convertedNow = booking;
      return { status: "converted", booking };
    } catch (error) {
      if (error instanceof InsufficientFundsError) {
        return live ? { status: "open", hold } : await giveUp(WALLET_SHORT);
      }
      if (
        error instanceof SlotUnavailableError ||
        error instanceof LearnerBusyError || error instanceof UnbookableError
      ) {
        return await giveUp(TIME_TAKEN);
      }
      throw error;
    }
  }, {
    conflictMessage:
      "Your booking is being confirmed at this moment; reload the page in a few seconds.",
  });
  if (lapsedNow) {
    const { hold, reason } = lapsedNow;
    await sendHoldLapsed(kv, hold, reason);
  }
  if (convertedNow) {
    // The booking's commit queued the next-free refresh.
    await notifyBooking(kv, convertedNow, { kind: "booked" }, {
      refreshQueued: true,
    });
  }
  return outcome;
}

/**
 * Lets an open hold go at once, without an email: its checkout never
 * started, and the learner was told so by the error they got.
 */
export async function abandonHold(kv: Deno.Kv, holdId: string): Promise<void> {
  await untilCommitted(async () => {
    const found = await getHoldEntry(kv, holdId);
    if (!found || found.hold.status !== "open") return true;
    return await lapse(kv, found.hold, found.entry, CHECKOUT_FAILED)
      ? true
      : RETRY;
  });
}

/** One of the learner's own holds; anyone else's is "not found". */
export async function getOwnHold(
  kv: Deno.Kv,
  learnerId: string,
  holdId: string,
): Promise<Hold> {
  const found = await getHoldEntry(kv, holdId);
  if (!found || found.hold.learnerId !== learnerId) {
    throw new NotFoundError("You have no hold with this id.");
  }
  return found.hold;
}

/**
 * The learner is back from checkout: the booking if the hold converted (or
 * converts now). HoldLapsedError when the time was lost; BookingFundsError
 * is not thrown here: a hold still waiting for its payment is returned as
 * `{ status: "open" }`.
 */
export async function confirmHold(
  kv: Deno.Kv,
  learnerId: string,
  holdId: string,
): Promise<HoldOutcome & { status: "converted" | "open" }> {
  await getOwnHold(kv, learnerId, holdId);
  const outcome = await settleHold(kv, holdId);
  if (outcome.status === "lapsed") throw new HoldLapsedError(outcome.reason);
  return outcome;
}

/** The ids of holds not yet converted or lapsed. */
export async function openHoldIds(kv: Deno.Kv, limit = 500): Promise<string[]> {
  const ids: string[] = [];
  for await (
    const entry of kv.list<string>({ prefix: OPEN_HOLDS_PREFIX }, { limit })
  ) {
    ids.push(entry.value);
  }
  return ids;
}

/** Settles one hold (queued for the moment it expires, and by the cron). */
export const holdSettleJob = defineJob({
  name: "bookings.settle_hold",
  payload: z.object({ holdId: idSchema }),
  async handler({ holdId }, { kv }) {
    await settleHold(kv, holdId).catch((error) => {
      if (!(error instanceof NotFoundError)) throw error;
    });
  },
});
