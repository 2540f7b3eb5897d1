/**
 * The cancellation and reschedule policy, as pure functions of a booking,
 * who acts, the time and the platform settings, so what a page shows before
 * someone cancels is exactly what cancelling then does.
 *
 *   learner cancels ≥ cancelFullRefundHours before the start → full refund
 *   learner cancels later, before the start → lateCancelRefundPercent back,
 *                                             the rest to the expert
 *   learner cancels after the start         → nothing back
 *   expert cancels, any time before the end → full refund (and it counts
 *                                             on the expert's record)
 *
 * A session booked with a package credit follows the same rules on the
 * credit's value (the package's price shared exactly over its sessions):
 * a full refund gives the credit back to the package (while the package is
 * active, else the value to the wallet); a late cancellation sends
 * lateCancelRefundPercent of the value to the wallet and the rest to the
 * expert, and the credit is spent; after the start the expert is paid the
 * value. One rule for both ways of paying, so the policy shown before
 * booking holds whatever paid for it.
 *
 * Either side may move a confirmed session until rescheduleMinHours before
 * its start, at most maxReschedules times.
 *
 * Each booking keeps the policy in force when it was made (`policyOf`): a
 * change to the settings applies to bookings made after it, as the settings
 * page says, never to a refund a learner was already promised.
 */
import type { Settings } from "@/services/settings/mod.ts";
import type { Booking, BookingPolicy, Party } from "./model.ts";

const HOUR_MS = 3_600_000;

export const CANCEL_RULES = [
  "full_refund",
  "late_cancellation",
  "after_start",
  "expert_cancelled",
] as const;
export type CancelRule = typeof CANCEL_RULES[number];

export interface CancelQuote {
  rule: CancelRule;
  /** Back to the learner's wallet. */
  refundMinor: number;
  /** To the expert, before commission. */
  expertMinor: number;
}

type PolicySettings = Pick<Settings, keyof BookingPolicy>;

/**
 * The policy `booking` follows: its own, or for a booking made before
 * bookings kept theirs, `settings` (the policy in force now).
 *
 * @example
 * const basis = { ...terms, policy: policyOf({}, await getSettings(kv)) };
 */
export function policyOf(
  booking: { policy?: BookingPolicy },
  settings: PolicySettings,
): BookingPolicy {
  return booking.policy ?? {
    cancelFullRefundHours: settings.cancelFullRefundHours,
    lateCancelRefundPercent: settings.lateCancelRefundPercent,
    rescheduleMinHours: settings.rescheduleMinHours,
    maxReschedules: settings.maxReschedules,
  };
}

/** What cancelling `booking` now, as `by`, would do with its price. */
export function cancellationQuote(
  booking: Pick<Booking, "priceMinor" | "start" | "policy">,
  by: Party,
  nowMs: number,
  settings: PolicySettings,
): CancelQuote {
  const policy = policyOf(booking, settings);
  const price = booking.priceMinor;
  const startMs = Date.parse(booking.start);
  if (by === "expert") {
    return { rule: "expert_cancelled", refundMinor: price, expertMinor: 0 };
  }
  if (nowMs <= startMs - policy.cancelFullRefundHours * HOUR_MS) {
    return { rule: "full_refund", refundMinor: price, expertMinor: 0 };
  }
  if (nowMs < startMs) {
    const refund = Math.round(price * policy.lateCancelRefundPercent / 100);
    return {
      rule: "late_cancellation",
      refundMinor: refund,
      expertMinor: price - refund,
    };
  }
  return { rule: "after_start", refundMinor: 0, expertMinor: price };
}

/** Why `booking` cannot be moved now, or null when it can. */
export function rescheduleRefusal(
  booking: Pick<Booking, "status" | "start" | "rescheduleCount" | "policy">,
  nowMs: number,
  settings: PolicySettings,
): string | null {
  const policy = policyOf(booking, settings);
  if (booking.status !== "confirmed") {
    return `This booking is ${booking.status}; only confirmed sessions can be moved.`;
  }
  if (booking.rescheduleCount >= policy.maxReschedules) {
    return `This session has been moved ${
      times(booking.rescheduleCount, "time")
    } already, the most allowed. Cancel it instead if the time does not suit.`;
  }
  if (
    nowMs > Date.parse(booking.start) - policy.rescheduleMinHours * HOUR_MS
  ) {
    return `Sessions can be moved until ${
      times(policy.rescheduleMinHours, "hour")
    } before they start. Cancel it instead if the time does not suit.`;
  }
  return null;
}

/** "1 hour", "2 hours". */
function times(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

/** Which side of `booking` the user is, or null when neither. */
export function partyOf(
  booking: Pick<Booking, "learnerId" | "expertId">,
  userId: string,
): Party | null {
  if (booking.learnerId === userId) return "learner";
  if (booking.expertId === userId) return "expert";
  return null;
}
