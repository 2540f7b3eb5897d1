/**
 * The join rule: a booking's two parties may join its call from
 * JOIN_EARLY_MINUTES before the start until JOIN_LATE_MINUTES after the
 * end; nobody else may, and a cancelled booking has no call. Pure, so the
 * API, the call page and the tests apply the very same rule.
 */
import {
  type CallBooking,
  type CallParty,
  JOIN_EARLY_MINUTES,
  JOIN_LATE_MINUTES,
} from "./model.ts";

const MINUTE_MS = 60_000;

/** Which side of the booking `userId` is, or null for anyone else. */
export function partyOf(
  booking: Pick<CallBooking, "learnerId" | "expertId">,
  userId: string,
): CallParty | null {
  if (userId === booking.learnerId) return "learner";
  if (userId === booking.expertId) return "expert";
  return null;
}

/** When the call may be joined: epoch ms, `opensAt` inclusive, `closesAt` exclusive. */
export function joinWindow(
  booking: Pick<CallBooking, "start" | "end">,
): { opensAt: number; closesAt: number } {
  return {
    opensAt: Date.parse(booking.start) - JOIN_EARLY_MINUTES * MINUTE_MS,
    closesAt: Date.parse(booking.end) + JOIN_LATE_MINUTES * MINUTE_MS,
  };
}

export type JoinRefusalReason =
  | "not_a_party"
  | "cancelled"
  | "too_early"
  | "closed";

/** Why someone may not join, in words they can act on. */
export interface JoinRefusal {
  reason: JoinRefusalReason;
  message: string;
}

/** Why `userId` may not join `booking`'s call at `nowMs`, or null when they may. */
export function joinRefusal(
  booking: CallBooking,
  userId: string,
  nowMs: number,
): JoinRefusal | null {
  if (partyOf(booking, userId) === null) {
    return {
      reason: "not_a_party",
      message: "Only the booking's learner and expert can join its call.",
    };
  }
  if (booking.status === "cancelled") {
    return {
      reason: "cancelled",
      message: "This booking was cancelled, so its call cannot be joined.",
    };
  }
  const { opensAt, closesAt } = joinWindow(booking);
  if (nowMs < opensAt) {
    return {
      reason: "too_early",
      message:
        `The call opens ${JOIN_EARLY_MINUTES} minutes before the session, at ${
          new Date(opensAt).toISOString()
        }.`,
    };
  }
  if (nowMs >= closesAt) {
    return {
      reason: "closed",
      message:
        `The call closed ${JOIN_LATE_MINUTES} minutes after the session ended.`,
    };
  }
  return null;
}
