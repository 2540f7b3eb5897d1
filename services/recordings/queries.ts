/**
 * Reading a booking's recordings, for its two parties only (an admin who
 * can see the booking still gets NotFoundError: recordings are the
 * parties' own).
 */
import { partyOf } from "@/services/calls/mod.ts";
import { NotFoundError } from "@/services/platform/errors.ts";
import type { Recording, RecordingBooking } from "./model.ts";
import { getRecordingEntry, recordingsOfBooking } from "./store.ts";

/** NotFoundError unless `userId` is one of `booking`'s parties. */
function refuseUnlessParty(booking: RecordingBooking, userId: string): void {
  if (partyOf(booking, userId) === null) {
    throw new NotFoundError("You have no booking with this id.");
  }
}

/** The booking's recordings, oldest first (those still recording included). */
export async function listRecordings(
  kv: Deno.Kv,
  booking: RecordingBooking,
  userId: string,
): Promise<Recording[]> {
  refuseUnlessParty(booking, userId);
  return await recordingsOfBooking(kv, booking.id);
}

/** One recording of the booking; NotFoundError for anything else. */
export async function getRecording(
  kv: Deno.Kv,
  booking: RecordingBooking,
  userId: string,
  recordingId: string,
): Promise<Recording> {
  refuseUnlessParty(booking, userId);
  const { recording } = await getRecordingEntry(kv, recordingId);
  if (!recording || recording.bookingId !== booking.id) {
    throw new NotFoundError("No such recording.");
  }
  return recording;
}
