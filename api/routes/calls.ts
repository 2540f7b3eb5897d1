/**
 * A booking's video call for its two parties: join it (peer-to-peer ICE
 * servers or a LiveKit token, 403 outside the join window or for anyone
 * but the two parties), keep a peer-to-peer attendance alive and leave,
 * relay peer-to-peer signalling to the other party's event stream, read
 * the attendance (the parties and admins), and LiveKit's webhook: the one
 * entry for it, which verifies each delivery once, applies it to the call
 * and then hands it to the recordings feature.
 * Someone else's booking is simply not found (404), as everywhere.
 */
import { z } from "zod";
import { owned, publicAccess, signedIn } from "@/auth/policy.ts";
import { getBookingFor } from "@/services/bookings/mod.ts";
import {
  observeCallEvent,
  type PartyBookingLookup,
} from "@/services/recordings/mod.ts";
import {
  applyCallEvent,
  callMediaFor,
  CallRefusedError,
  getAttendance,
  HEARTBEAT_SECONDS,
  heartbeatCall,
  iceServerSchema,
  joinCall,
  leaveCall,
  MAX_SIGNAL_BYTES,
  sendSignal,
  SIGNAL_TTL_MS,
  signalBodySchema,
  SIGNALS_PER_MINUTE,
  WebhookRejectedError,
} from "@/services/calls/mod.ts";
import type { PublicUser } from "@/services/auth/mod.ts";
import { NotFoundError } from "@/services/platform/errors.ts";
import { ApiError } from "@/api/errors.ts";
import { type ApiApp, type ApiContext, currentUser } from "@/api/http.ts";
import {
  defineRoute,
  errorDoc,
  idParam,
  json,
  jsonBody,
  rateLimited,
} from "@/api/route.ts";

const party = owned(
  signedIn,
  "the caller is the booking's learner or expert (admins may read)",
);
const callParty = owned(
  signedIn,
  "the caller is the booking's learner or expert",
);
const bookingParams = z.object({
  id: idParam("booking", "The booking's id."),
});
const noSuchBooking = errorDoc("The caller has no booking with this id.");
const refused = errorDoc(
  "The caller may not be in this call now: call_too_early (it opens 10 minutes before the start), call_closed (15 minutes after the end), call_cancelled (the booking was cancelled) or call_not_a_party (an admin, who may read the booking but not join).",
);
const at = z.iso.datetime();

const callAccess = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("p2p"),
    iceServers: z.array(iceServerSchema).describe(
      "For RTCPeerConnection; TURN servers carry time-limited credentials (coturn REST: username = expiry:userId).",
    ),
    heartbeatSeconds: z.number().int().positive().describe(
      "Post to /call/heartbeat this often while in the call.",
    ),
  }),
  z.object({
    mode: z.literal("livekit"),
    url: z.string().describe("The LiveKit server to connect to."),
    token: z.string().describe(
      "An access token for this booking's room only, identity = the caller's id; short-lived: ask again before `expiresAt` to renew it.",
    ),
    expiresAt: at,
  }),
]).meta({ id: "CallAccess" });

const participant = z.object({
  userId: z.string(),
  party: z.enum(["learner", "expert"]),
  joined: z.boolean().describe("Whether they were ever in the call."),
  firstJoinedAt: at.nullable(),
  lastLeftAt: at.nullable(),
  present: z.boolean().describe("Whether they are in the call now."),
  joins: z.number().int().nonnegative(),
  durationSeconds: z.number().int().nonnegative().describe(
    "Time in the call so far.",
  ),
});

const attendance = z.object({
  bookingId: z.string(),
  mode: z.enum(["p2p", "livekit"]).nullable().describe(
    "How the call ran; null when nobody has joined yet.",
  ),
  openedAt: at.nullable(),
  endedAt: at.nullable(),
  opensAt: at.describe("The join window: 10 minutes before the start…"),
  closesAt: at.describe("…until 15 minutes after the end."),
  participants: z.array(participant),
  outcome: z.object({
    verdict: z.enum(["attended", "learner_absent", "expert_absent"]),
    status: z.enum(["completed", "no_show", "cancelled"]),
    payExpert: z.boolean(),
    refundLearnerInFull: z.boolean(),
    countsAgainstExpert: z.boolean(),
  }).nullable().describe(
    "What attendance means for the booking, once the join window has closed.",
  ),
}).meta({ id: "CallAttendance" });

const presence = z.object({
  present: z.boolean(),
  durationSeconds: z.number().int().nonnegative(),
  heartbeatSeconds: z.number().int().positive(),
});

const joinRoute = defineRoute({
  method: "post",
  path: "/bookings/{id}/call",
  operationId: "joinCall",
  summary: "Join a booking's video call",
  description:
    'The two parties, from 10 minutes before the start until 15 minutes after the end. Peer-to-peer (the default) answers `{ mode: "p2p", iceServers }` and records the caller as joined; heartbeats keep them in. With LiveKit configured it answers `{ mode: "livekit", url, token }` after making the booking\'s room (two participants at most); call again to renew the token.',
  "x-access": callParty,
  request: { params: bookingParams },
  responses: {
    200: json("How to connect.", callAccess),
    403: refused,
    404: noSuchBooking,
  },
});

const heartbeatRoute = defineRoute({
  method: "post",
  path: "/bookings/{id}/call/heartbeat",
  operationId: "callHeartbeat",
  summary: "Still in the call (peer-to-peer)",
  description:
    `Every ${HEARTBEAT_SECONDS} seconds while in a peer-to-peer call; a page silent for three intervals is taken to have left at its last heartbeat.`,
  "x-access": callParty,
  request: { params: bookingParams },
  responses: {
    200: json("The caller's time in the call.", presence),
    403: refused,
    404: noSuchBooking,
    409: errorDoc(
      "Calls run on LiveKit here, which reports attendance itself (error: conflict).",
    ),
  },
});

const leaveRoute = defineRoute({
  method: "post",
  path: "/bookings/{id}/call/leave",
  operationId: "leaveCall",
  summary: "Leave the call (peer-to-peer)",
  "x-access": callParty,
  request: { params: bookingParams },
  responses: {
    200: json("The caller's time in the call.", presence),
    403: refused,
    404: noSuchBooking,
    409: errorDoc(
      "Calls run on LiveKit here, which reports attendance itself (error: conflict).",
    ),
  },
});

const signalRoute = defineRoute({
  method: "post",
  path: "/bookings/{id}/call/signal",
  operationId: "sendCallSignal",
  summary: "Signal the other party's browser (peer-to-peer)",
  description:
    `Relays \`{ type, session, payload }\` to the other party's event stream (GET /api/live) as a \`call.signal\` event \`{ bookingId, fromUserId, from, session, type, payload, sentAt }\`, kept ${
      SIGNAL_TTL_MS / 60_000
    } minutes. Types: hello (a page joined), offer, answer, candidate (WebRTC), hangup. The two parties only, inside the join window (hangup at any time); payloads up to ${
      MAX_SIGNAL_BYTES / 1024
    } KiB of JSON; ${SIGNALS_PER_MINUTE} signals a minute per party.`,
  "x-access": callParty,
  request: { params: bookingParams, body: jsonBody(signalBodySchema) },
  responses: {
    202: json(
      "Relayed to the other party.",
      z.object({ relayed: z.literal(true) }),
    ),
    400: errorDoc(
      "The signal is malformed or its payload too big (error: validation_error).",
    ),
    403: refused,
    404: noSuchBooking,
    429: rateLimited("Too many signals"),
  },
});

const attendanceRoute = defineRoute({
  method: "get",
  path: "/bookings/{id}/attendance",
  operationId: "getCallAttendance",
  summary: "Who was in a booking's call, and for how long",
  "x-access": party,
  request: { params: bookingParams },
  responses: {
    200: json("Each party's time in the call.", attendance),
    404: noSuchBooking,
  },
});

const webhookRoute = defineRoute({
  method: "post",
  path: "/livekit/webhook",
  operationId: "liveKitWebhook",
  summary: "LiveKit's webhook endpoint",
  description:
    "Point the LiveKit server's webhook (livekit.yaml `webhook.urls`, or the LiveKit Cloud project's settings) here, signed with the same API key. participant_joined / participant_left record attendance (and, once both parties are in, start the recording when the session may be recorded and S3 storage is configured), room_finished ends the session, egress_ended marks the recording ready or failed; each event is applied once by its id.",
  "x-access": publicAccess,
  responses: {
    200: json(
      "Received; `outcome` says what it changed.",
      z.object({
        received: z.literal(true),
        outcome: z.enum(["applied", "duplicate", "ignored"]),
      }),
    ),
    400: errorDoc(
      "The Authorization header does not verify against the body (error: invalid_signature); nothing was applied.",
    ),
    404: errorDoc(
      "LiveKit is not configured on this server (error: not_found).",
    ),
  },
});

/** The booking `user` may see (admins without 2FA only their own). */
async function visibleBooking(c: ApiContext, user: PublicUser) {
  const viewer = user.role === "admin" && !user.twoFactorEnabled
    ? { id: user.id, role: "learner" as const }
    : user;
  const { booking } = await getBookingFor(
    c.env.kv,
    viewer,
    c.req.param("id") ?? "",
  );
  return booking;
}

/**
 * Finds the booking a LiveKit participant joined, when they are its party
 * (else null); a failure to read it answers 500, so LiveKit delivers again.
 */
const partyBooking = (kv: Deno.Kv): PartyBookingLookup => (bookingId, userId) =>
  getBookingFor(kv, { id: userId, role: "learner" }, bookingId).then(
    (found) => found.booking,
    (error) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    },
  );

/** Runs a call use case, answering a refusal with a 403 that says why. */
async function refusingWith403<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CallRefusedError) {
      throw new ApiError(403, `call_${error.reason}`, error.message);
    }
    throw error;
  }
}

const presenceOf = (
  record: { openSince: string | null; connectedMs: number },
  nowMs: number,
) => ({
  present: record.openSince !== null,
  durationSeconds: Math.round(
    (record.connectedMs +
      (record.openSince ? nowMs - Date.parse(record.openSince) : 0)) / 1000,
  ),
  heartbeatSeconds: HEARTBEAT_SECONDS,
});

/** Defines the call operations on `api`. */
export function callRoutes(api: ApiApp): void {
  api.openapi(joinRoute, async (c) => {
    const user = currentUser(c);
    const booking = await visibleBooking(c, user);
    const access = await refusingWith403(() =>
      joinCall(c.env.kv, booking, user.id)
    );
    return c.json(access, 200);
  });

  api.openapi(heartbeatRoute, async (c) => {
    const user = currentUser(c);
    const booking = await visibleBooking(c, user);
    const record = await refusingWith403(() =>
      heartbeatCall(c.env.kv, booking, user.id)
    );
    return c.json(presenceOf(record, Date.parse(record.lastSeenAt!)), 200);
  });

  api.openapi(leaveRoute, async (c) => {
    const user = currentUser(c);
    const booking = await visibleBooking(c, user);
    const record = await refusingWith403(() =>
      leaveCall(c.env.kv, booking, user.id)
    );
    return c.json(presenceOf(record, Date.now()), 200);
  });

  api.openapi(signalRoute, async (c) => {
    const user = currentUser(c);
    const booking = await visibleBooking(c, user);
    await refusingWith403(() =>
      sendSignal(c.env.kv, booking, user.id, c.req.valid("json"))
    );
    return c.json({ relayed: true as const }, 202);
  });

  api.openapi(attendanceRoute, async (c) => {
    const booking = await visibleBooking(c, currentUser(c));
    return c.json(await getAttendance(c.env.kv, booking), 200);
  });

  api.openapi(webhookRoute, async (c) => {
    const media = callMediaFor(c.env.kv);
    if (!media.readWebhook) {
      throw new ApiError(
        404,
        "not_found",
        "LiveKit is not configured on this server.",
      );
    }
    let event;
    try {
      event = await media.readWebhook(
        await c.req.text(),
        c.req.header("authorization") ?? null,
      );
    } catch (error) {
      if (error instanceof WebhookRejectedError) {
        throw new ApiError(400, "invalid_signature", error.message);
      }
      throw error;
    }
    if (!event) {
      return c.json(
        { received: true as const, outcome: "ignored" as const },
        200,
      );
    }
    const outcome = await applyCallEvent(c.env.kv, event);
    // Also on a duplicate: a delivery that failed below comes again.
    await observeCallEvent(c.env.kv, event, partyBooking(c.env.kv));
    return c.json({ received: true as const, outcome }, 200);
  });
}
