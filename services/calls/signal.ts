/**
 * Peer-to-peer signalling: what one party's browser tells the other's to set
 * up the direct connection (a hello on joining, SDP offers and answers, ICE
 * candidates, a hang-up). A signal is relayed as a `call.signal` live event
 * to the other party only (services/platform/events.ts; realtime/ delivers
 * it on their event stream).
 *
 * Rules: only the booking's two parties, only inside the join window (a
 * hang-up is always allowed, as leaving is), a payload of at most
 * MAX_SIGNAL_BYTES of JSON, and at most SIGNALS_PER_MINUTE per party per
 * booking (a connection needs a few dozen; a loop or a flood is stopped).
 *
 * Signals are worth something for moments and carry network addresses, so
 * they are kept SIGNAL_TTL_MS rather than the week other events are kept.
 * A page tells its signals apart from an earlier page's (a reload) by the
 * `session` it makes up on load.
 *
 * KV keys: only the live event keys of services/platform/events.ts and the
 * rate limit counters of services/auth (bucket "call_signal").
 */
import { z } from "zod";
import { enforceRateLimit } from "@/services/auth/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { type LiveEvent, publishEvent } from "@/services/platform/events.ts";
import { CallRefusedError } from "./errors.ts";
import type { CallBooking, CallParty } from "./model.ts";
import { joinRefusal, partyOf } from "./window.ts";

/** The live event type a signal arrives as. */
export const CALL_SIGNAL_EVENT = "call.signal";
export const SIGNAL_TYPES = [
  "hello",
  "offer",
  "answer",
  "candidate",
  "hangup",
] as const;
export type SignalType = typeof SIGNAL_TYPES[number];
/** The largest payload relayed, as JSON (an SDP offer is a few KiB). */
export const MAX_SIGNAL_BYTES = 16 * 1024;
/** How long a relayed signal is kept for the other party's stream. */
export const SIGNAL_TTL_MS = 2 * 60_000;
/** Signals one party may send in one booking's call per minute. */
export const SIGNALS_PER_MINUTE = 240;

const jsonSize = (value: unknown) =>
  new TextEncoder().encode(JSON.stringify(value ?? null)).length;

/** What a browser sends. */
export const signalInputSchema = z.object({
  type: z.enum(SIGNAL_TYPES),
  session: z.string().regex(
    /^[A-Za-z0-9_-]{8,64}$/,
    "Use the random id the page made up on load (8 to 64 letters, digits, - or _).",
  ),
  payload: z.unknown().refine(
    (value) => jsonSize(value) <= MAX_SIGNAL_BYTES,
    `Signals carry at most ${MAX_SIGNAL_BYTES / 1024} KiB of JSON.`,
  ).optional(),
});
export type SignalInput = z.infer<typeof signalInputSchema>;

/**
 * The request body as the API declares it: checked by `sendSignal` after
 * the booking is found, so another user's booking is a 404 whatever the body.
 */
export const signalBodySchema = z.object({
  type: z.string().optional().describe(
    `Required: ${SIGNAL_TYPES.join(", ")}.`,
  ),
  session: z.string().optional().describe(
    "Required: the sending page's random id, new on every load (8 to 64 letters, digits, - or _).",
  ),
  payload: z.unknown().optional().describe(
    `offer/answer: an RTCSessionDescriptionInit; candidate: an RTCIceCandidateInit (null at the end); hello/hangup: nothing. At most ${
      MAX_SIGNAL_BYTES / 1024
    } KiB of JSON.`,
  ),
}).meta({ id: "CallSignalInput" });

/** What the other party's stream receives as a `call.signal` event. */
export interface CallSignal {
  bookingId: string;
  fromUserId: string;
  from: CallParty;
  session: string;
  type: SignalType;
  payload: unknown;
  sentAt: string;
}

/**
 * Relays `input` from `userId` to the other party of `booking`. Throws
 * CallRefusedError (not a party, outside the window, cancelled),
 * ValidationError (bad shape or too big) or RateLimitedError.
 */
export async function sendSignal(
  kv: Deno.Kv,
  booking: CallBooking,
  userId: string,
  input: unknown,
): Promise<CallSignal> {
  const now = clockFor(kv).now();
  const party = partyOf(booking, userId);
  const parsed = signalInputSchema.safeParse(input);
  const refusal = joinRefusal(booking, userId, now.getTime());
  // Hanging up, like leaving, is allowed to a party at any time.
  const hangingUp = parsed.success && parsed.data.type === "hangup";
  if (refusal && !(party && hangingUp)) {
    throw new CallRefusedError(refusal.reason, refusal.message);
  }
  if (!parsed.success) {
    throw ValidationError.fromZod(parsed.error, "The signal is not valid.");
  }
  await enforceRateLimit(kv, {
    bucket: "call_signal",
    limit: SIGNALS_PER_MINUTE,
    windowSeconds: 60,
  }, `${booking.id}:${userId}`);
  const signal: CallSignal = {
    bookingId: booking.id,
    fromUserId: userId,
    from: party!,
    session: parsed.data.session,
    type: parsed.data.type,
    payload: parsed.data.payload ?? null,
    sentAt: now.toISOString(),
  };
  const to = party === "learner" ? booking.expertId : booking.learnerId;
  await publishShortLived(kv, to, signal);
  return signal;
}

/**
 * Publishes `signal` to `userId` as a numbered event (so none is lost or
 * reordered, unlike the platform's latest-only ephemeral events) that is
 * kept SIGNAL_TTL_MS only.
 */
async function publishShortLived(
  kv: Deno.Kv,
  userId: string,
  signal: CallSignal,
): Promise<LiveEvent> {
  return (await publishEvent(kv, userId, {
    type: CALL_SIGNAL_EVENT,
    data: signal,
    ttlMs: SIGNAL_TTL_MS,
  }))!;
}
