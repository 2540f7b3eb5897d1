/**
 * How joins, heartbeats and leaves add up to time in a call: each person's
 * attendance is a series of stretches, the closed ones summed in
 * `connectedMs`, the open one (if any) starting at `openSince`. Pure
 * functions of a record and an instant, so events may arrive late or twice
 * (a LiveKit webhook retried, a heartbeat after a leave) without counting
 * time twice or going backwards.
 *
 * A peer-to-peer page proves it is still there by heartbeats; one silent
 * for STALE_AFTER_MS is taken to have left at its last heartbeat. LiveKit
 * reports joins and leaves itself, so its stretches never go stale.
 */
import { type Attendance, type CallMode, STALE_AFTER_MS } from "./model.ts";

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (value: string) => Date.parse(value);

/** A record for someone not yet in the call. */
export function absent(
  bookingId: string,
  userId: string,
  source: CallMode,
): Attendance {
  return {
    bookingId,
    userId,
    source,
    firstJoinedAt: null,
    lastJoinedAt: null,
    lastLeftAt: null,
    lastSeenAt: null,
    openSince: null,
    connectedMs: 0,
    joins: 0,
  };
}

/** Whether the open stretch has gone silent by `atMs` (peer-to-peer only). */
function stale(record: Attendance, atMs: number): boolean {
  return record.source === "p2p" && record.lastSeenAt !== null &&
    atMs - ms(record.lastSeenAt) > STALE_AFTER_MS;
}

/** The open stretch's end if it closed at `atMs`: its last heartbeat when stale. */
function stretchEnd(record: Attendance, atMs: number): number {
  return stale(record, atMs) ? ms(record.lastSeenAt!) : atMs;
}

/** Closes the open stretch at `atMs` (no change when none is open). */
export function applyLeave(record: Attendance, atMs: number): Attendance {
  if (record.openSince === null) return record;
  const since = ms(record.openSince);
  // A leave older than the stretch it would close belongs to an earlier one.
  if (atMs < since) return record;
  const end = stretchEnd(record, atMs);
  return {
    ...record,
    openSince: null,
    connectedMs: record.connectedMs + Math.max(0, end - since),
    lastLeftAt: iso(end),
    lastSeenAt: iso(Math.max(end, ms(record.lastSeenAt ?? record.openSince))),
  };
}

/** Opens a stretch at `atMs`, unless one is open and alive (then it is a sign of life). */
export function applyJoin(record: Attendance, atMs: number): Attendance {
  if (record.openSince !== null && !stale(record, atMs)) {
    return applyHeartbeat(record, atMs);
  }
  const closed = applyLeave(record, atMs);
  // A join reported after a later leave (events out of order) opens nothing.
  if (closed.lastLeftAt !== null && atMs < ms(closed.lastLeftAt)) {
    return closed;
  }
  const at = iso(atMs);
  return {
    ...closed,
    firstJoinedAt: closed.firstJoinedAt ?? at,
    lastJoinedAt: at,
    lastSeenAt: at,
    openSince: at,
    joins: closed.joins + 1,
  };
}

/** A sign of life at `atMs`: keeps the stretch open, or opens one. */
export function applyHeartbeat(record: Attendance, atMs: number): Attendance {
  if (record.openSince === null || stale(record, atMs)) {
    return applyJoin(record, atMs);
  }
  const seen = record.lastSeenAt ? ms(record.lastSeenAt) : 0;
  return atMs <= seen ? record : { ...record, lastSeenAt: iso(atMs) };
}

/** Time in the call by `nowMs`, the open stretch included up to its last sign of life if stale. */
export function durationMs(record: Attendance, nowMs: number): number {
  if (record.openSince === null) return record.connectedMs;
  const open = Math.max(0, stretchEnd(record, nowMs) - ms(record.openSince));
  return record.connectedMs + open;
}

/** Whether the person is in the call at `nowMs`. */
export function isPresent(record: Attendance, nowMs: number): boolean {
  return record.openSince !== null && !stale(record, nowMs);
}
