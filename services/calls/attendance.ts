/**
 * Recording who is in a call and for how long, and reading it back:
 * peer-to-peer pages report join, heartbeats and leave through the API;
 * LiveKit reports joins and leaves by webhook (./events.ts). Every change
 * is a read-check-write of the person's record (./presence.ts does the
 * arithmetic), so concurrent heartbeats and webhooks never lose time.
 */
import { clockFor } from "@/services/platform/clock.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  type Attendance,
  type CallBooking,
  type CallMode,
  type CallParty,
  type CallSession,
} from "./model.ts";
import {
  type AttendanceOutcome,
  attendanceOutcome,
  whoJoined,
} from "./outcome.ts";
import {
  absent,
  applyHeartbeat,
  applyJoin,
  applyLeave,
  durationMs,
  isPresent,
} from "./presence.ts";
import {
  getAttendanceEntry,
  getSessionEntry,
  listAttendance,
  writeAttendance,
} from "./store.ts";
import { joinWindow, partyOf } from "./window.ts";

export type PresenceChange = "join" | "heartbeat" | "leave";

const APPLY = {
  join: applyJoin,
  heartbeat: applyHeartbeat,
  leave: applyLeave,
} as const;

/** One change to one person's attendance. */
export interface PresenceReport {
  bookingId: string;
  userId: string;
  source: CallMode;
  change: PresenceChange;
  atMs: number;
}

/**
 * Adds `report`'s change to `op` (with a check on the record read) and
 * returns the record as it will be.
 */
export async function stagePresence(
  kv: Deno.Kv,
  op: Deno.AtomicOperation,
  report: PresenceReport,
): Promise<Attendance> {
  const { entry, record } = await getAttendanceEntry(
    kv,
    report.bookingId,
    report.userId,
  );
  const before = record ??
    absent(report.bookingId, report.userId, report.source);
  const after = APPLY[report.change](before, report.atMs);
  op.check(entry);
  writeAttendance(op, after);
  return after;
}

/** Records one change to one person's attendance. */
export function recordPresence(
  kv: Deno.Kv,
  report: PresenceReport,
): Promise<Attendance> {
  return untilCommitted(async () => {
    const op = kv.atomic();
    const record = await stagePresence(kv, op, report);
    return (await op.commit()).ok ? record : RETRY;
  });
}

/**
 * Opens the booking's call session if it has none (the first admission),
 * and returns it.
 */
export function openSession(
  kv: Deno.Kv,
  booking: CallBooking,
  mode: CallMode,
  room: string | null,
  now: Date,
): Promise<CallSession> {
  return untilCommitted(async () => {
    const { entry, session } = await getSessionEntry(kv, booking.id);
    if (session) return session;
    const opened: CallSession = {
      bookingId: booking.id,
      learnerId: booking.learnerId,
      expertId: booking.expertId,
      mode,
      room,
      openedAt: now.toISOString(),
      endedAt: null,
    };
    const result = await kv.atomic().check(entry).set(entry.key, opened)
      .commit();
    return result.ok ? opened : RETRY;
  });
}

/**
 * Adds the end of the booking's call to `op`: every open stretch closes at
 * `atMs` and the session is marked ended. Returns whether there was a
 * session to end.
 */
export async function stageSessionEnd(
  kv: Deno.Kv,
  op: Deno.AtomicOperation,
  bookingId: string,
  atMs: number,
): Promise<boolean> {
  const { entry, session } = await getSessionEntry(kv, bookingId);
  if (!session) return false;
  op.check(entry);
  if (session.endedAt === null) {
    op.set(entry.key, { ...session, endedAt: new Date(atMs).toISOString() });
  }
  for (const record of await listAttendance(kv, bookingId)) {
    if (record.openSince === null) continue;
    await stagePresence(kv, op, {
      bookingId,
      userId: record.userId,
      source: record.source,
      change: "leave",
      atMs,
    });
  }
  return true;
}

/** One party's time in the call, as shown to both and to admins. */
export interface ParticipantAttendance {
  userId: string;
  party: CallParty;
  joined: boolean;
  firstJoinedAt: string | null;
  lastLeftAt: string | null;
  present: boolean;
  joins: number;
  durationSeconds: number;
}

/** A booking's call: the session, each party's time, and (once closed) its outcome. */
export interface AttendanceView {
  bookingId: string;
  mode: CallMode | null;
  openedAt: string | null;
  endedAt: string | null;
  /** When the join window opens and closes. */
  opensAt: string;
  closesAt: string;
  participants: ParticipantAttendance[];
  /** The attendance outcome once the window has closed; null before. */
  outcome: AttendanceOutcome | null;
}

/** The attendance of `booking`'s call as of now. */
export async function getAttendance(
  kv: Deno.Kv,
  booking: CallBooking,
): Promise<AttendanceView> {
  const nowMs = clockFor(kv).now().getTime();
  const { session } = await getSessionEntry(kv, booking.id);
  const records = await listAttendance(kv, booking.id);
  const window = joinWindow(booking);
  const participants = (["learner", "expert"] as const).map(
    (party): ParticipantAttendance => {
      const userId = party === "learner" ? booking.learnerId : booking.expertId;
      const record = records.find((r) => r.userId === userId);
      return {
        userId,
        party,
        joined: record?.firstJoinedAt != null,
        firstJoinedAt: record?.firstJoinedAt ?? null,
        lastLeftAt: record?.lastLeftAt ?? null,
        present: record ? isPresent(record, nowMs) : false,
        joins: record?.joins ?? 0,
        durationSeconds: record
          ? Math.round(durationMs(record, nowMs) / 1000)
          : 0,
      };
    },
  );
  return {
    bookingId: booking.id,
    mode: session?.mode ?? null,
    openedAt: session?.openedAt ?? null,
    endedAt: session?.endedAt ?? null,
    opensAt: new Date(window.opensAt).toISOString(),
    closesAt: new Date(window.closesAt).toISOString(),
    participants,
    outcome: nowMs >= window.closesAt
      ? attendanceOutcome(whoJoined(booking, records))
      : null,
  };
}

/**
 * What attendance means for `booking` (see ./outcome.ts), for the step
 * that completes it. Final only once the join window has closed: `final`
 * says whether it has.
 */
export async function attendanceOutcomeFor(
  kv: Deno.Kv,
  booking: CallBooking,
): Promise<AttendanceOutcome & { final: boolean }> {
  const records = await listAttendance(kv, booking.id);
  const nowMs = clockFor(kv).now().getTime();
  return {
    ...attendanceOutcome(whoJoined(booking, records)),
    final: nowMs >= joinWindow(booking).closesAt,
  };
}

export { partyOf };
