/**
 * The recordings feature's public entry: everything outside
 * services/recordings/ imports from here. A booking's call may be recorded
 * when the expert offers recording on the offering and the learner agreed
 * when booking (policy.ts). Peer-to-peer, the expert's browser records and
 * uploads chunks (browser.ts); on LiveKit, a room-composite egress records
 * into S3 (egress.ts; the LiveKit webhook route hands it each verified
 * event through `observeCallEvent`). Recordings are listed and streamed to the booking's
 * two parties only (queries.ts, stream.ts) and deleted after the retention
 * period or with an account (retention.ts). KV keys: store.ts.
 *
 * Hooks for other features:
 * - the retention cron: `purgeRecordingsBefore(kv, cutoff)` with
 *   `recordingRetentionDays` from services/settings;
 * - deleting an account: `deleteRecordingsOfUser(kv, userId)`;
 * - runtime.ts: list `recordingIdleJob`; bind `recordingEgressProvider`
 *   when LiveKit and S3 storage are configured.
 */
export {
  BROWSER_CONTENT_TYPE,
  EGRESS_CONTENT_TYPE,
  IDLE_FINISH_MS,
  MAX_CHUNK_BYTES,
  MAX_CHUNKS,
  type Recording,
  type RecordingBooking,
  recordingSchema,
  type RecordingSource,
  type RecordingStatus,
} from "./model.ts";
export {
  type RecordingRefusalReason,
  RecordingRefusedError,
} from "./errors.ts";
export { recordingAllowed, refuseUnlessRecorder } from "./policy.ts";
export {
  addRecordingChunk,
  type ChunkReceipt,
  finishBrowserRecording,
  finishRecording,
  recordingIdleJob,
  startBrowserRecording,
} from "./browser.ts";
export {
  observeCallEvent,
  type PartyBookingLookup,
  recordEgressEnded,
  type RecordingEgress,
  recordingEgressFor,
  recordingEgressProvider,
  startEgressIfReady,
} from "./egress.ts";
export { getRecording, listRecordings } from "./queries.ts";
export { parseRange, type RangeRequest, recordingResponse } from "./stream.ts";
export {
  deleteRecording,
  deleteRecordingsOfUser,
  purgeRecordingsBefore,
} from "./retention.ts";
