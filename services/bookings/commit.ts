/**
 * The booking commit, the heart of booking: one Deno KV atomic operation
 * that claims the expert's time (every cell the session and its buffers
 * cover), the learner's time, one more session on the expert's day, checks
 * the availability it was judged against, moves the price from the
 * learner's wallet into the booking's escrow (the ledger's own balance
 * check), and writes the booking with its indexes and its due completion.
 * All of it commits, or none of it does.
 *
 * A hold is the same claim without the money and the day count, with an
 * expiry on its cells. Each attempt here starts from fresh reads and
 * returns RETRY when its commit's checks failed; the caller loops
 * (`untilCommitted`), and the next attempt's reads find out whether the
 * time is really gone (SlotUnavailableError) or was only touched.
 *
 * The reservation is idempotent by booking id (`booking:<id>:reserve`), so
 * a retry can never charge twice. A booking paid with a package credit
 * reserves from the package instead of the wallet: the same commit takes
 * one credit (checked on the package's versionstamp) and moves its value
 * into the booking's escrow (services/packages `prepareCreditUse`); the
 * booking's price is that value.
 */
import { clockFor } from "@/services/platform/clock.ts";
import { nextFreeRefreshJob } from "@/services/experts/mod.ts";
import type { JobMessage } from "@/services/platform/jobs.ts";
import { newId } from "@/services/platform/kv.ts";
import { RETRY } from "@/services/platform/retry.ts";
import {
  InsufficientFundsError,
  preparePostings,
  reserveForBooking,
} from "@/services/ledger/mod.ts";
import type { Currency } from "@/services/platform/money.ts";
import { prepareCreditUse } from "@/services/packages/mod.ts";
import {
  type Booking,
  type BookingPolicy,
  type Hold,
  HOLD_MS,
} from "./model.ts";
import { addClaim, type ClaimPlan, planClaim } from "./claim.ts";
import { scheduleReminders } from "./reminders.ts";
import {
  addBookingEvent,
  bookingKey,
  getBookingEntry,
  holdKey,
  openHoldKey,
  scheduleCompletion,
  writeBooking,
} from "./store.ts";

/** What a booking is made of before its time is claimed. */
export interface BookingBasis {
  id: string;
  learnerId: string;
  expertId: string;
  offeringId: string;
  offeringTitle: string;
  durationMinutes: number;
  priceMinor: number;
  currency: Currency;
  commissionPercent: number;
  /** The cancellation and reschedule policy in force when the learner booked. */
  policy: BookingPolicy;
  /** The reminder hours in force when the learner booked. */
  reminderHoursBefore: number[];
  learnerTimeZone: string;
  note: string;
  /** The learner agreed to recording (an offering that offers it). */
  recordingConsent?: boolean;
  createdAt: string;
  /** Pay with a credit of this package instead of the wallet. */
  packageId?: string;
}

/** The price's reservation: from the wallet, or one credit of the package. */
async function prepareReservation(
  kv: Deno.Kv,
  basis: BookingBasis,
  nowMs: number,
) {
  if (basis.packageId === undefined) {
    const prepared = await preparePostings(kv, [
      reserveForBooking({
        bookingId: basis.id,
        learnerId: basis.learnerId,
        amountMinor: basis.priceMinor,
        currency: basis.currency,
      }),
    ]);
    return { prepared, priceMinor: basis.priceMinor, credit: null };
  }
  const credit = await prepareCreditUse(kv, {
    learnerId: basis.learnerId,
    packageId: basis.packageId,
    offeringId: basis.offeringId,
    bookingId: basis.id,
    at: new Date(nowMs).toISOString(),
  });
  const prepared = await preparePostings(kv, [credit.posting]);
  return { prepared, priceMinor: credit.valueMinor, credit };
}

/** The time fields a plan fixes on a booking or hold. */
export function timingOf(plan: ClaimPlan) {
  return {
    start: plan.start,
    end: plan.end,
    bufferBeforeMinutes: plan.bufferBeforeMinutes,
    bufferAfterMinutes: plan.bufferAfterMinutes,
    expertTimeZone: plan.expertTimeZone,
  };
}

/**
 * Queues the refresh of the expert's next free time in the booking's own
 * commit: a separate enqueue after it would be a second commit on every
 * booking's path, and one lost if the process stopped in between.
 */
export function queueNextFreeIn(
  op: Deno.AtomicOperation,
  expertId: string,
): void {
  const job = nextFreeRefreshJob;
  const message: JobMessage = {
    job: job.name,
    id: newId(),
    payload: { expertId },
  };
  op.enqueue(message, {
    backoffSchedule: [...job.retry],
    keysIfUndelivered: [["job_failed", job.name, message.id]],
  });
}

/** A converting hold, checked in the same commit as its booking. */
export interface Converting {
  hold: Hold;
  entry: Deno.KvEntry<unknown>;
}

/**
 * One attempt at booking `basis` at `start`. Throws what planning refuses
 * and InsufficientFundsError (the ledger's) when the wallet is short.
 */
export async function attemptBooking(
  kv: Deno.Kv,
  basis: BookingBasis,
  start: string,
  options: { rulesNowMs?: number; converting?: Converting } = {},
): Promise<Booking | typeof RETRY> {
  const nowMs = clockFor(kv).now().getTime();
  if (basis.packageId !== undefined) {
    // An earlier attempt committed after all (its answer was lost): its
    // credit is spent, so the package would now refuse or price it anew.
    const done = await getBookingEntry(kv, basis.id);
    if (done) return done.booking;
  }
  // The time and the money are read side by side; a refusal of the time
  // (409, 400) is reported before a short wallet (402).
  const [planned, reserved] = await Promise.allSettled([
    planClaim(kv, {
      expertId: basis.expertId,
      learnerId: basis.learnerId,
      durationMinutes: basis.durationMinutes,
      start,
      nowMs,
      rulesNowMs: options.rulesNowMs,
      own: options.converting
        ? new Set([options.converting.hold.id])
        : undefined,
    }),
    prepareReservation(kv, basis, nowMs),
  ]);
  if (planned.status === "rejected") throw planned.reason;
  if (reserved.status === "rejected") {
    // Paying with a credit, the package's escrow can only look short when
    // another booking took a credit between reading the package and its
    // balance: read both again (the package then says what is left).
    if (
      basis.packageId !== undefined &&
      reserved.reason instanceof InsufficientFundsError
    ) return RETRY;
    throw reserved.reason;
  }
  const plan = planned.value;
  const { prepared, priceMinor, credit } = reserved.value;
  if (prepared.recorded) {
    // An earlier attempt committed after all (its answer was lost).
    const found = await getBookingEntry(kv, basis.id);
    if (found) return found.booking;
  }
  const at = new Date(nowMs).toISOString();
  const { packageId: _packageId, ...terms } = basis;
  const booking: Booking = {
    ...terms,
    ...timingOf(plan),
    priceMinor,
    ...(credit ? { packageId: credit.pkg.id } : {}),
    status: "confirmed",
    rescheduleCount: 0,
    cancellation: null,
    completedAt: null,
    expertEarningsMinor: null,
    releaseAt: null,
    releasedAt: null,
    dispute: null,
    updatedAt: at,
  };
  const op = kv.atomic().check({
    key: bookingKey(basis.id),
    versionstamp: null,
  });
  addClaim(op, plan, { id: basis.id }, { nowMs, countDay: true });
  writeBooking(op, booking, null);
  scheduleCompletion(op, booking);
  scheduleReminders(op, booking, nowMs);
  addBookingEvent(op, {
    bookingId: booking.id,
    at,
    type: "booked",
    actorId: basis.learnerId,
    details: { start: booking.start },
  });
  const converting = options.converting;
  if (converting) {
    op.check(converting.entry)
      .set(
        holdKey(converting.hold.id),
        {
          ...converting.hold,
          status: "converted",
        } satisfies Hold,
      )
      .delete(openHoldKey(converting.hold.id));
  }
  prepared.addTo(op);
  credit?.addTo(op);
  queueNextFreeIn(op, booking.expertId);
  return (await op.commit()).ok ? booking : RETRY;
}

/** One attempt at holding `basis`'s time at `start` for HOLD_MS. */
export async function attemptHold(
  kv: Deno.Kv,
  basis: BookingBasis,
  start: string,
): Promise<Hold | typeof RETRY> {
  const nowMs = clockFor(kv).now().getTime();
  const plan = await planClaim(kv, {
    expertId: basis.expertId,
    learnerId: basis.learnerId,
    durationMinutes: basis.durationMinutes,
    start,
    nowMs,
  });
  const until = nowMs + HOLD_MS;
  const hold: Hold = {
    ...basis,
    ...timingOf(plan),
    status: "open",
    expiresAt: new Date(until).toISOString(),
    topUpId: null,
    lapsedReason: null,
  };
  const op = kv.atomic().check({ key: holdKey(basis.id), versionstamp: null });
  addClaim(op, plan, { id: basis.id, until }, { nowMs, countDay: false });
  op.set(holdKey(hold.id), hold).set(openHoldKey(hold.id), hold.id);
  return (await op.commit()).ok ? hold : RETRY;
}
