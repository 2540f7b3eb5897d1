/**
 * When a call may be recorded: the expert offers recording on the offering
 * and the learner agreed when booking it (the booking then carries
 * `recordingConsent: true`; the booking flow stores consent only for an
 * offering that offers recording). Only the expert's side records, and
 * only while the call may be joined. Pure, so the API, the call page and
 * the tests apply the same rule.
 */
import { joinRefusal, partyOf } from "@/services/calls/mod.ts";
import { RecordingRefusedError } from "./errors.ts";
import type { RecordingBooking } from "./model.ts";

/** Whether `booking`'s call may be recorded at all. */
export function recordingAllowed(booking: RecordingBooking): boolean {
  return booking.recordingConsent === true && booking.status !== "cancelled";
}

/** Throws RecordingRefusedError unless `userId` may record `booking`'s call now. */
export function refuseUnlessRecorder(
  booking: RecordingBooking,
  userId: string,
  nowMs: number,
  options: { inWindow?: boolean } = { inWindow: true },
): void {
  if (partyOf(booking, userId) !== "expert") {
    throw new RecordingRefusedError(
      "expert_only",
      "Only the booking's expert records its call.",
    );
  }
  if (!recordingAllowed(booking)) {
    throw new RecordingRefusedError(
      "not_consented",
      "This session may not be recorded: recording needs the offering to offer it and the learner to agree when booking.",
    );
  }
  if (options.inWindow !== false && joinRefusal(booking, userId, nowMs)) {
    throw new RecordingRefusedError(
      "outside_window",
      "Recording is only possible while the call is open (10 minutes before the start until 15 minutes after the end).",
    );
  }
}
