/**
 * The calls feature's public entry: everything outside services/calls/
 * imports from here. A booking's two parties join its video call from 10
 * minutes before the start until 15 minutes after the end (window.ts);
 * the call runs peer-to-peer by default or on LiveKit when configured
 * (media.ts: a provider slot; the LiveKit adapter is realtime/livekit.ts);
 * attendance is recorded from peer-to-peer heartbeats or LiveKit webhooks
 * (attendance.ts, presence.ts, events.ts) and decides how the booking ends
 * (outcome.ts); a finished LiveKit recording is the recordings feature's
 * to keep. Peer-to-peer browsers find each other through signals
 * relayed over the event stream (signal.ts). KV keys: store.ts.
 *
 * Hooks for other features:
 * - completing a booking: `attendanceOutcomeFor(kv, booking)` once the
 *   window has closed (`final`);
 * - cancelling a booking: `endCall(kv, bookingId)`;
 * - suspending an account: `removeFromCalls(kv, userId)`.
 */
export {
  type Attendance,
  attendanceSchema,
  type CallAccess,
  type CallBooking,
  type CallEvent,
  type CallMode,
  type CallParty,
  type CallSession,
  type EgressReport,
  egressReportSchema,
  HEARTBEAT_SECONDS,
  type IceServer,
  iceServerSchema,
  JOIN_EARLY_MINUTES,
  JOIN_LATE_MINUTES,
  STALE_AFTER_MS,
} from "./model.ts";
export {
  type JoinRefusal,
  joinRefusal,
  type JoinRefusalReason,
  joinWindow,
  partyOf,
} from "./window.ts";
export {
  type AttendanceOutcome,
  attendanceOutcome,
  type AttendanceVerdict,
  whoJoined,
} from "./outcome.ts";
export {
  type IceServerList,
  iceServersFor,
  parseIceServers,
  TURN_CREDENTIAL_TTL_SECONDS,
  turnCredentials,
} from "./ice.ts";
export {
  type CallMedia,
  callMediaFor,
  callMediaProvider,
  peerToPeerMedia,
  type PeerToPeerSettings,
} from "./media.ts";
export { CallRefusedError, WebhookRejectedError } from "./errors.ts";
export {
  attendanceOutcomeFor,
  type AttendanceView,
  getAttendance,
  type ParticipantAttendance,
} from "./attendance.ts";
export {
  bookingIdOfRoom,
  endCall,
  heartbeatCall,
  joinCall,
  leaveCall,
  removeFromCalls,
  roomName,
} from "./join.ts";
export { applyCallEvent, type CallEventOutcome } from "./events.ts";
export { dropCallRecordingNotes } from "./migrations.ts";
export {
  CALL_SIGNAL_EVENT,
  type CallSignal,
  MAX_SIGNAL_BYTES,
  sendSignal,
  SIGNAL_TTL_MS,
  SIGNAL_TYPES,
  signalBodySchema,
  type SignalInput,
  signalInputSchema,
  SIGNALS_PER_MINUTE,
  type SignalType,
} from "./signal.ts";
