/**
 * A call that happened, for the attendance tests: with the fake clock, the
 * expert joins 2 minutes early, the learner 3 minutes late, both pages send
 * heartbeats, and both leave 45 minutes after the start (the expert 47
 * minutes in the call, the learner 42); then the clock moves past the join
 * window.
 */
import {
  type CallBooking,
  HEARTBEAT_SECONDS,
  heartbeatCall,
  joinCall,
  leaveCall,
} from "@/services/calls/mod.ts";

const MINUTE = 60_000;

export async function attendedCall(
  kv: Deno.Kv,
  clock: { set(date: Date): void },
  booking: CallBooking,
): Promise<void> {
  const start = new Date(booking.start).getTime();
  clock.set(new Date(start - 2 * MINUTE));
  await joinCall(kv, booking, booking.expertId);
  clock.set(new Date(start + 3 * MINUTE));
  await joinCall(kv, booking, booking.learnerId);
  for (
    let at = start - 2 * MINUTE;
    at <= start + 45 * MINUTE;
    at += HEARTBEAT_SECONDS * 1000
  ) {
    clock.set(new Date(at));
    await heartbeatCall(kv, booking, booking.expertId);
    if (at > start + 3 * MINUTE) {
      await heartbeatCall(kv, booking, booking.learnerId);
    }
  }
  clock.set(new Date(start + 45 * MINUTE));
  await leaveCall(kv, booking, booking.learnerId);
  await leaveCall(kv, booking, booking.expertId);
  clock.set(new Date(new Date(booking.end).getTime() + 60 * MINUTE));
}
