/**
 * LiveKit recordings: when calls run on LiveKit and the configuration has
 * S3-compatible storage, the server records a booking's call with a
 * room-composite egress (both participants' video and audio in one MP4)
 * written straight into the bucket the file store reads, at the
 * recording's file key. It starts once both parties are in the room
 * (LiveKit's participant_joined webhook) and LiveKit's egress_ended
 * webhook marks the recording ready (or failed): `observeCallEvent`, which
 * the one LiveKit webhook route calls once the calls feature has applied
 * the event.
 *
 * The LiveKit side sits behind `RecordingEgress` (realtime/livekit.ts's
 * `liveKitEgress` implements it with the SDK's EgressClient); runtime.ts
 * binds it when LiveKit and S3 are both configured, else there is none and
 * nothing is started here.
 */
import {
  type CallEvent,
  getAttendance,
  roomName,
} from "@/services/calls/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { newId } from "@/services/platform/kv.ts";
import {
  defineProviderSlot,
  providerFor,
} from "@/services/platform/providers.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  EGRESS_CONTENT_TYPE,
  type Recording,
  type RecordingBooking,
  recordingFileKey,
} from "./model.ts";
import { recordingAllowed } from "./policy.ts";
import {
  egressKey,
  egressOfBookingKey,
  getRecordingEntry,
  stageNewRecording,
} from "./store.ts";

/** What the server needs of a media server to record a room. */
export interface RecordingEgress {
  /** Starts recording `room` (all participants composed) into `fileKey`; the egress id. */
  start(room: string, fileKey: string): Promise<string>;
  /** Ends an egress (a cancelled booking); ending one already over is not an error. */
  stop(egressId: string): Promise<void>;
}

/** The egress slot: none unless runtime.ts binds LiveKit's. */
export const recordingEgressProvider = defineProviderSlot<
  RecordingEgress | null
>("recording egress", () => null);

/** The egress bound to `kv`, or null when the server does not record rooms. */
export function recordingEgressFor(kv: Deno.Kv): RecordingEgress | null {
  return providerFor(kv, recordingEgressProvider);
}

/**
 * Starts the egress of `booking`'s call when recording is allowed, an
 * egress is configured, both parties are in the room and none was started
 * for this room yet. Returns the new recording, else null.
 */
export async function startEgressIfReady(
  kv: Deno.Kv,
  booking: RecordingBooking,
): Promise<Recording | null> {
  const egress = recordingEgressFor(kv);
  if (!egress || !recordingAllowed(booking)) return null;
  const attendance = await getAttendance(kv, booking);
  if (!attendance.participants.every((p) => p.present)) return null;
  // Claim the booking's egress first, so concurrent events start one.
  const claim = await kv.get(egressOfBookingKey(booking.id));
  if (claim.versionstamp !== null) return null;
  const id = newId();
  const claimed = await kv.atomic().check(claim)
    .set(claim.key, `pending:${id}`).commit();
  if (!claimed.ok) return null;
  const fileKey = recordingFileKey(booking.id, id, "egress");
  let egressId: string;
  try {
    egressId = await egress.start(roomName(booking.id), fileKey);
  } catch (error) {
    await kv.delete(claim.key);
    throw error;
  }
  const at = clockFor(kv).now().toISOString();
  const recording: Recording = {
    id,
    bookingId: booking.id,
    learnerId: booking.learnerId,
    expertId: booking.expertId,
    source: "egress",
    status: "recording",
    fileKey,
    contentType: EGRESS_CONTENT_TYPE,
    chunks: 0,
    sizeBytes: 0,
    durationMs: null,
    egressId,
    startedAt: at,
    lastActivityAt: at,
    endedAt: null,
    error: null,
  };
  const op = kv.atomic().set(claim.key, egressId);
  stageNewRecording(op, recording);
  await op.commit();
  return recording;
}

type EgressEnded = Extract<CallEvent, { kind: "egress_ended" }>;

/**
 * Marks the recording of LiveKit's finished egress ready (a file was
 * written, no error) or failed, and frees the booking's egress claim so a
 * later room (the parties rejoining) is recorded again. Egresses this
 * server did not start are ignored. Returns the recording, or null.
 */
export async function recordEgressEnded(
  kv: Deno.Kv,
  event: EgressEnded,
): Promise<Recording | null> {
  const { recording: ended } = event;
  return await untilCommitted(async () => {
    const ref = await kv.get<string>(egressKey(ended.egressId));
    if (typeof ref.value !== "string") return null;
    const { entry, recording } = await getRecordingEntry(kv, ref.value);
    if (!recording) return null;
    if (recording.status !== "recording") return recording;
    const file = ended.files[0];
    const ok = !ended.error && file !== undefined;
    const updated: Recording = {
      ...recording,
      status: ok ? "ready" : "failed",
      sizeBytes: file ? Math.round(file.sizeBytes) : 0,
      durationMs: file ? Math.round(file.durationMs) : null,
      endedAt: ended.endedAt,
      lastActivityAt: ended.endedAt,
      error: ok ? null : (ended.error ?? "LiveKit wrote no file."),
    };
    const claim = await kv.get(egressOfBookingKey(recording.bookingId));
    const op = kv.atomic().check(entry).set(entry.key, updated);
    if (claim.value === ended.egressId) op.check(claim).delete(claim.key);
    return (await op.commit()).ok ? updated : RETRY;
  });
}

/** The booking `userId` joined the call of, when they are one of its parties. */
export type PartyBookingLookup = (
  bookingId: string,
  userId: string,
) => Promise<RecordingBooking | null>;

/**
 * What a verified media-server event means for recordings: a party joining
 * may start the room's egress (once both are in), a finished egress
 * completes its recording. The LiveKit webhook route calls this after the
 * calls feature applied the event (attendance first, so "both are in" sees
 * this join), on every delivery: both steps are idempotent, and a delivery
 * that failed here is delivered again by LiveKit.
 */
export async function observeCallEvent(
  kv: Deno.Kv,
  event: CallEvent,
  bookingOf: PartyBookingLookup,
): Promise<void> {
  if (event.kind === "egress_ended") {
    await recordEgressEnded(kv, event);
  } else if (event.kind === "participant_joined") {
    const booking = await bookingOf(event.bookingId, event.userId);
    if (booking) await startEgressIfReady(kv, booking);
  }
}
