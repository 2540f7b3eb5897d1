/**
 * Booking a session: a learner picks an offering and a start, and either
 * gets a confirmed booking paid from their wallet, or (with `hold`, when the
 * wallet is short) a hold on the time and a checkout for the difference.
 *
 * The commit itself is commit.ts's; this module checks what is being
 * booked (the offerings feature's `loadBookable`), fixes the terms (price,
 * currency, the commission and reminder hours in force, both time zones,
 * the note) and runs the commit until the time is really taken or really
 * theirs.
 */
import type { RequestMeta } from "@/services/platform/audit.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { parseInput, ValidationError } from "@/services/platform/errors.ts";
import { queueNextFreeRefresh } from "@/services/experts/mod.ts";
import { enqueue } from "@/services/platform/jobs.ts";
import { newId } from "@/services/platform/kv.ts";
import { type Currency, minorUnitExponent } from "@/services/platform/money.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  getBalance,
  InsufficientFundsError,
  walletAccount,
} from "@/services/ledger/mod.ts";
import type { PaymentProvider } from "@/services/payments/mod.ts";
import { getSettings } from "@/services/settings/mod.ts";
import { loadBookable } from "@/services/offerings/mod.ts";
import { bookablePackage, nextCreditValue } from "@/services/packages/mod.ts";
import { startTopUp } from "@/services/wallet/mod.ts";
import { notifyBooking } from "./notifications.ts";
import { attemptBooking, attemptHold, type BookingBasis } from "./commit.ts";
import {
  BookingFundsError,
  LearnerBusyError,
  SlotUnavailableError,
} from "./errors.ts";
import { abandonHold, confirmHold, holdSettleJob } from "./holds.ts";
import {
  type Booking,
  type BookingRequest,
  bookingRequestSchema,
  type CellClaim,
  type Hold,
  HOLD_MS,
} from "./model.ts";
import { policyOf } from "./policy.ts";
import { CELL_MS, cellKey, getHoldEntry, holdKey } from "./store.ts";

/** The learner booking: who, and the zone they see times in. */
export interface Learner {
  id: string;
  timeZone: string;
  /** Needed to open a checkout for a hold. */
  email?: string;
}

/** What a hold needs to open a checkout for the difference. */
export interface HoldCheckout {
  payments: PaymentProvider;
  /** The site's origin, for the checkout's return address. */
  baseUrl: string;
  meta: Pick<RequestMeta, "ip" | "userAgent">;
}

export type BookingOutcome =
  | { booking: Booking }
  | {
    hold: Hold;
    checkoutUrl: string;
    shortMinor: number;
    currency: Currency;
  };

export const SLOT_BUSY_MESSAGE =
  "Many people are booking this expert right now; try again in a moment.";

/**
 * The learner's own live hold on exactly this session, if they book it
 * again (back from checkout in another tab, say): booking it converts the
 * hold instead of competing with it.
 */
async function ownLiveHold(
  kv: Deno.Kv,
  learnerId: string,
  offeringId: string,
  start: string,
): Promise<string | null> {
  const startMs = Date.parse(start);
  const cell = Math.floor(startMs / CELL_MS) * CELL_MS;
  const claim = (await kv.get<CellClaim>(
    cellKey("learner_cells", learnerId, cell),
  )).value;
  if (!claim || claim.until === undefined) return null;
  if (claim.until <= clockFor(kv).now().getTime()) return null;
  const found = await getHoldEntry(kv, claim.id);
  const hold = found?.hold;
  return hold && hold.status === "open" && hold.learnerId === learnerId &&
      hold.offeringId === offeringId && Date.parse(hold.start) === startMs
    ? hold.id
    : null;
}

/**
 * Books `request.offeringId` at `request.start` for `learner`, paid from
 * the wallet or, with `packageId`, with one credit of that package (its
 * session length and the credit's value are the booking's; nothing is
 * held or charged to the wallet). Throws ValidationError (bad input, an
 * offering that cannot be booked, a package that is not the learner's or
 * not for this offering), UnbookableError (the start breaks the expert's
 * rules), SlotUnavailableError, LearnerBusyError, BookingFundsError
 * (wallet short, no hold asked) or ConflictError (the package has no
 * credit left, or the retries ran out).
 */
export async function bookSession(
  kv: Deno.Kv,
  learner: Learner,
  request: BookingRequest,
  checkout?: HoldCheckout,
): Promise<BookingOutcome> {
  const input = parseInput(
    bookingRequestSchema,
    request,
    "The booking is invalid.",
  );
  if (input.hold && (!checkout || !learner.email)) {
    throw new ValidationError("The booking is invalid.", {
      hold: ["Holding a time needs a checkout; book from the website."],
    });
  }
  const [{ offering, expert }, settings, paidWith] = await Promise.all([
    loadBookable(kv, learner.id, input.offeringId, input.expertId),
    getSettings(kv),
    input.packageId === undefined ? null : bookablePackage(
      kv,
      learner.id,
      input.packageId,
      input.offeringId,
    ),
  ]);
  const pkg = paidWith?.pkg;
  const basis: BookingBasis = {
    id: newId(),
    learnerId: learner.id,
    expertId: expert.id,
    offeringId: offering.id,
    offeringTitle: offering.title,
    durationMinutes: pkg?.durationMinutes ?? offering.durationMinutes,
    // With a credit, the commit prices it (the credit's value).
    priceMinor: pkg ? nextCreditValue(pkg) : offering.priceMinor,
    currency: pkg?.currency ?? offering.currency,
    commissionPercent: settings.commissionPercent,
    policy: policyOf({}, settings),
    reminderHoursBefore: settings.reminderHoursBefore,
    learnerTimeZone: learner.timeZone,
    note: input.note ?? "",
    ...(input.recordingConsent && offering.recordingOffered
      ? { recordingConsent: true }
      : {}),
    createdAt: clockFor(kv).now().toISOString(),
    ...(pkg ? { packageId: pkg.id } : {}),
  };
  let outcome: { booking: Booking } | { hold: Hold; shortMinor: number };
  try {
    outcome = await commitBookingOrHold(
      kv,
      basis,
      input.start,
      input.hold && !pkg,
    );
  } catch (error) {
    if (
      !(error instanceof SlotUnavailableError ||
        error instanceof LearnerBusyError)
    ) throw error;
    // Taken, perhaps by the learner's own hold on this very session.
    const ownHold = await ownLiveHold(kv, learner.id, offering.id, input.start);
    if (!ownHold) throw error;
    return await convertOwnHold(kv, learner.id, ownHold);
  }
  if ("booking" in outcome) {
    await notifyBooking(kv, outcome.booking, { kind: "booked" }, {
      refreshQueued: true,
    });
    return outcome;
  }
  return await openCheckout(kv, learner, outcome, checkout!, settings);
}

/** Converts the learner's own live hold, or says how short the wallet still is. */
async function convertOwnHold(
  kv: Deno.Kv,
  learnerId: string,
  holdId: string,
): Promise<BookingOutcome> {
  const outcome = await confirmHold(kv, learnerId, holdId);
  if (outcome.status === "converted") return { booking: outcome.booking };
  const { priceMinor, currency } = outcome.hold;
  const balance = await getBalance(kv, walletAccount(learnerId), currency);
  throw new BookingFundsError(Math.max(1, priceMinor - balance), currency);
}

/** The booking commit, retried; with `hold`, a short wallet holds the time instead. */
function commitBookingOrHold(
  kv: Deno.Kv,
  basis: BookingBasis,
  start: string,
  hold: boolean | undefined,
): Promise<{ booking: Booking } | { hold: Hold; shortMinor: number }> {
  return untilCommitted(async () => {
    try {
      const booking = await attemptBooking(kv, basis, start);
      return booking === RETRY ? RETRY : { booking };
    } catch (error) {
      if (!(error instanceof InsufficientFundsError)) throw error;
      if (!hold) {
        throw new BookingFundsError(error.shortMinor, basis.currency);
      }
      const held = await attemptHold(kv, basis, start);
      return held === RETRY
        ? RETRY
        : { hold: held, shortMinor: error.shortMinor };
    }
  }, { conflictMessage: SLOT_BUSY_MESSAGE });
}

/**
 * Starts the top-up for a new hold (at least the smallest custom top-up)
 * and remembers it on the hold. If the checkout cannot start, the hold is
 * released at once and the error rethrown.
 */
async function openCheckout(
  kv: Deno.Kv,
  learner: Learner,
  held: { hold: Hold; shortMinor: number },
  checkout: HoldCheckout,
  settings: Awaited<ReturnType<typeof getSettings>>,
): Promise<BookingOutcome> {
  const { hold, shortMinor } = held;
  const smallest = settings.customTopUpMin *
    10 ** minorUnitExponent(hold.currency);
  let started;
  try {
    started = await startTopUp(kv, checkout.payments, {
      learner: { id: learner.id, email: learner.email! },
      request: {
        amountMinor: Math.max(shortMinor, smallest),
        currency: hold.currency,
      },
      baseUrl: checkout.baseUrl,
      meta: checkout.meta,
      returnPath: `/bookings/${hold.id}`,
    });
  } catch (error) {
    await abandonHold(kv, hold.id);
    throw error;
  }
  const saved = await untilCommitted(async () => {
    const found = await getHoldEntry(kv, hold.id);
    if (!found) return hold;
    const next: Hold = { ...found.hold, topUpId: started.topUp.id };
    const { ok } = await kv.atomic().check(found.entry)
      .set(holdKey(hold.id), next).commit();
    return ok ? next : RETRY;
  });
  // Settle it the moment it expires, so its time is released and the
  // learner told without waiting for the next cron tick.
  await enqueue(kv, holdSettleJob, { holdId: hold.id }, {
    delay: HOLD_MS + 5_000,
  });
  await queueNextFreeRefresh(kv, hold.expertId);
  return {
    hold: saved,
    checkoutUrl: started.checkoutUrl,
    shortMinor,
    currency: hold.currency,
  };
}
