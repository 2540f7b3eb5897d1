/**
 * What a call is made of: the booking facts the join rule needs, who is in
 * a call and for how long (attendance), the session a booking's call opened,
 * what a browser is handed to join (peer-to-peer ICE servers or a LiveKit
 * token), and the events a media server reports. The zod schemas are the one
 * statement of the stored shapes; the types are inferred from them.
 *
 * The feature knows a booking only through `CallBooking` (a structural
 * subset of the bookings feature's Booking), so the bookings feature can
 * ask this one for an attendance outcome without an import cycle.
 */
import { z } from "zod";
import { idSchema } from "@/services/platform/model.ts";

/** How long before the start the two parties may join. */
export const JOIN_EARLY_MINUTES = 10;
/** How long after the end they may still join (or stay). */
export const JOIN_LATE_MINUTES = 15;

/** How often a peer-to-peer page reports that it is still in the call. */
export const HEARTBEAT_SECONDS = 15;
/**
 * A peer-to-peer participant silent this long has left (closed tab, lost
 * network): their time in the call ends at their last heartbeat.
 */
export const STALE_AFTER_MS = 3 * HEARTBEAT_SECONDS * 1000;

/** What the call rules read of a booking. */
export interface CallBooking {
  id: string;
  learnerId: string;
  expertId: string;
  /** UTC ISO instants. */
  start: string;
  end: string;
  status: string;
}

export const CALL_MODES = ["p2p", "livekit"] as const;
export type CallMode = typeof CALL_MODES[number];
export type CallParty = "learner" | "expert";

const at = z.iso.datetime();

/** One person's time in one booking's call. */
export const attendanceSchema = z.object({
  bookingId: idSchema,
  userId: idSchema,
  source: z.enum(CALL_MODES),
  firstJoinedAt: at.nullable(),
  lastJoinedAt: at.nullable(),
  lastLeftAt: at.nullable(),
  /** The last sign of life: a join, a heartbeat or (LiveKit) an event. */
  lastSeenAt: at.nullable(),
  /** Set while in the call: when the current stretch began. */
  openSince: at.nullable(),
  /** Time in the call over the stretches already closed. */
  connectedMs: z.number().int().nonnegative(),
  joins: z.number().int().nonnegative(),
});
export type Attendance = z.infer<typeof attendanceSchema>;

/** A booking's call, opened when the first party is admitted. */
export const callSessionSchema = z.object({
  bookingId: idSchema,
  learnerId: idSchema,
  expertId: idSchema,
  mode: z.enum(CALL_MODES),
  /** The LiveKit room; null in peer-to-peer mode. */
  room: z.string().nullable(),
  openedAt: at,
  endedAt: at.nullable(),
});
export type CallSession = z.infer<typeof callSessionSchema>;

/**
 * What the media server reports of a finished recording (a LiveKit
 * egress), carried by its `egress_ended` event to the recordings feature,
 * which keeps the recording itself (services/recordings); calls store none.
 */
export const egressReportSchema = z.object({
  egressId: z.string(),
  status: z.string(),
  endedAt: at,
  files: z.array(z.object({
    filename: z.string(),
    location: z.string(),
    sizeBytes: z.number().nonnegative(),
    durationMs: z.number().nonnegative(),
  })),
  error: z.string().nullable(),
});
export type EgressReport = z.infer<typeof egressReportSchema>;

/** One STUN/TURN server as RTCPeerConnection takes it. */
export const iceServerSchema = z.object({
  urls: z.union([z.string(), z.array(z.string()).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
}).meta({ id: "IceServer" });
export type IceServer = z.infer<typeof iceServerSchema>;

/** What a party's browser is handed to join the call. */
export type CallAccess =
  | { mode: "p2p"; iceServers: IceServer[]; heartbeatSeconds: number }
  | { mode: "livekit"; url: string; token: string; expiresAt: string };

/** What a media server reported, in this feature's terms. */
export type CallEvent =
  & { id: string; bookingId: string; at: Date }
  & (
    | { kind: "participant_joined" | "participant_left"; userId: string }
    | { kind: "room_finished" }
    | { kind: "egress_ended"; recording: EgressReport }
  );
