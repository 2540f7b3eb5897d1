/**
 * What attendance means for a booking once its call has closed. Pure, so
 * the completion step and the tests apply one rule:
 *
 *   both joined            → completes normally (the expert is paid)
 *   the learner never did  → `no_show`; the expert is still paid
 *   the expert never did   → the learner gets everything back, and it
 *                            counts on the expert's record (also when
 *                            neither joined: showing up is the expert's job)
 */
import type { Attendance, CallBooking } from "./model.ts";

export type AttendanceVerdict = "attended" | "learner_absent" | "expert_absent";

export interface AttendanceOutcome {
  verdict: AttendanceVerdict;
  /** The status the booking should take. */
  status: "completed" | "no_show" | "cancelled";
  /** Whether the escrow goes to the expert (less commission) as on completion. */
  payExpert: boolean;
  /** Whether the learner gets the whole price back instead. */
  refundLearnerInFull: boolean;
  /** Whether it counts against the expert (as an expert's cancellation does). */
  countsAgainstExpert: boolean;
}

/** The outcome of a call given whether each party ever joined it. */
export function attendanceOutcome(
  joined: { learner: boolean; expert: boolean },
): AttendanceOutcome {
  if (!joined.expert) {
    return {
      verdict: "expert_absent",
      status: "cancelled",
      payExpert: false,
      refundLearnerInFull: true,
      countsAgainstExpert: true,
    };
  }
  if (!joined.learner) {
    return {
      verdict: "learner_absent",
      status: "no_show",
      payExpert: true,
      refundLearnerInFull: false,
      countsAgainstExpert: false,
    };
  }
  return {
    verdict: "attended",
    status: "completed",
    payExpert: true,
    refundLearnerInFull: false,
    countsAgainstExpert: false,
  };
}

/** Whether each party of `booking` ever joined, from its attendance records. */
export function whoJoined(
  booking: Pick<CallBooking, "learnerId" | "expertId">,
  records: readonly Attendance[],
): { learner: boolean; expert: boolean } {
  const joined = (userId: string) =>
    records.some((record) =>
      record.userId === userId && record.firstJoinedAt !== null
    );
  return {
    learner: joined(booking.learnerId),
    expert: joined(booking.expertId),
  };
}
