/**
 * Joining, staying in and leaving a booking's call, and taking people out
 * of calls when a booking is cancelled or an account suspended. The caller
 * (the API) has already found the booking visible to the user; these apply
 * the join rule (./window.ts) on top.
 */
import { clockFor } from "@/services/platform/clock.ts";
import { ConflictError } from "@/services/platform/errors.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { openSession, recordPresence, stageSessionEnd } from "./attendance.ts";
import { CallRefusedError } from "./errors.ts";
import { callMediaFor } from "./media.ts";
import type { Attendance, CallAccess, CallBooking } from "./model.ts";
import { callsWithUser } from "./store.ts";
import { joinRefusal, partyOf } from "./window.ts";

/** LiveKit's room for a booking's call. */
export const roomName = (bookingId: string) => `taptime-booking-${bookingId}`;

/** The booking id a room name stands for, or null for rooms that are not ours. */
export function bookingIdOfRoom(room: string): string | null {
  const match = /^taptime-booking-(.+)$/.exec(room);
  return match ? match[1] : null;
}

function refuseUnlessAdmitted(
  booking: CallBooking,
  userId: string,
  nowMs: number,
) {
  const refusal = joinRefusal(booking, userId, nowMs);
  if (refusal) throw new CallRefusedError(refusal.reason, refusal.message);
}

/**
 * Admits `userId` to `booking`'s call: the room (LiveKit) or the ICE
 * servers (peer-to-peer) and, peer-to-peer, the start of their attendance.
 * Called again to renew a LiveKit token while the page is open.
 */
export async function joinCall(
  kv: Deno.Kv,
  booking: CallBooking,
  userId: string,
): Promise<CallAccess> {
  const now = clockFor(kv).now();
  refuseUnlessAdmitted(booking, userId, now.getTime());
  const media = callMediaFor(kv);
  await openSession(
    kv,
    booking,
    media.mode,
    media.mode === "livekit" ? roomName(booking.id) : null,
    now,
  );
  const access = await media.admit(booking, userId, now);
  if (media.mode === "p2p") {
    await recordPresence(kv, {
      bookingId: booking.id,
      userId,
      source: "p2p",
      change: "join",
      atMs: now.getTime(),
    });
  }
  return access;
}

function refuseUnlessPeerToPeer(kv: Deno.Kv) {
  if (callMediaFor(kv).mode !== "p2p") {
    throw new ConflictError(
      "Calls on this server run on LiveKit, which reports attendance itself.",
    );
  }
}

/** A peer-to-peer page saying it is still in the call. */
export async function heartbeatCall(
  kv: Deno.Kv,
  booking: CallBooking,
  userId: string,
): Promise<Attendance> {
  const atMs = clockFor(kv).now().getTime();
  refuseUnlessAdmitted(booking, userId, atMs);
  refuseUnlessPeerToPeer(kv);
  return await recordPresence(kv, {
    bookingId: booking.id,
    userId,
    source: "p2p",
    change: "heartbeat",
    atMs,
  });
}

/** A peer-to-peer page leaving the call (allowed after the window too). */
export async function leaveCall(
  kv: Deno.Kv,
  booking: CallBooking,
  userId: string,
): Promise<Attendance> {
  if (partyOf(booking, userId) === null) {
    throw new CallRefusedError(
      "not_a_party",
      "Only the booking's learner and expert can join its call.",
    );
  }
  refuseUnlessPeerToPeer(kv);
  return await recordPresence(kv, {
    bookingId: booking.id,
    userId,
    source: "p2p",
    change: "leave",
    atMs: clockFor(kv).now().getTime(),
  });
}

/**
 * Ends `bookingId`'s call for everyone at once (a cancelled booking): the
 * media server disconnects them and their attendance stops now.
 */
export async function endCall(kv: Deno.Kv, bookingId: string): Promise<void> {
  await callMediaFor(kv).close(bookingId);
  const atMs = clockFor(kv).now().getTime();
  await untilCommitted(async () => {
    const op = kv.atomic();
    if (!await stageSessionEnd(kv, op, bookingId, atMs)) return false;
    return (await op.commit()).ok ? true : RETRY;
  });
}

/**
 * Takes `userId` out of every call they are in (a suspended account);
 * returns how many. Their attendance stops now.
 */
export async function removeFromCalls(
  kv: Deno.Kv,
  userId: string,
): Promise<number> {
  const media = callMediaFor(kv);
  const bookingIds = await callsWithUser(kv, userId);
  const atMs = clockFor(kv).now().getTime();
  for (const bookingId of bookingIds) {
    await media.remove(bookingId, userId);
    await recordPresence(kv, {
      bookingId,
      userId,
      source: media.mode,
      change: "leave",
      atMs,
    });
  }
  return bookingIds.length;
}
