/**
 * Session monitoring for admins: the calls that can be joined right now
 * with who is in them, and each booking's attendance on a chosen day
 * (joined and left times, time in the call per party, and the outcome),
 * both from services/calls' attendance records.
 */
import {
  adminListBookings,
  type Booking,
  type BookingStatus,
} from "@/services/bookings/mod.ts";
import {
  type AttendanceView,
  getAttendance,
  JOIN_EARLY_MINUTES,
  JOIN_LATE_MINUTES,
} from "@/services/calls/mod.ts";
import { SESSION_DURATIONS } from "@/services/offerings/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import type { Period } from "./model.ts";
import { boundsOf, DAY_MS } from "./period.ts";

const MINUTE_MS = 60_000;
/** The longest session, so a search by start finds every call still open. */
const LONGEST_SESSION_MS = Math.max(...SESSION_DURATIONS) * MINUTE_MS;
/** Bookings shown for one day at most. */
export const MAX_SESSIONS_PER_DAY = 200;
/** Bookings in one attendance report at most. */
export const MAX_SESSIONS_PER_REPORT = 2_000;

/** A booking with its call's attendance. */
export interface MonitoredSession {
  booking: Booking;
  attendance: AttendanceView;
}

/** How a booking ended, in words for the admin. */
export const OUTCOME_LABELS: Record<BookingStatus, string> = {
  confirmed: "Not settled yet",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "Learner did not come",
  disputed: "Disputed",
};

async function bookingsStarting(
  kv: Deno.Kv,
  fromMs: number,
  toMs: number,
  status?: BookingStatus,
  max = MAX_SESSIONS_PER_DAY,
): Promise<Booking[]> {
  const bookings: Booking[] = [];
  let cursor: string | undefined;
  do {
    const page = await adminListBookings(kv, {
      status,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      cursor,
      limit: 100,
    });
    bookings.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && bookings.length < max);
  return bookings.slice(0, max);
}

/** Confirmed bookings whose call can be joined now, soonest start first. */
export async function liveSessions(kv: Deno.Kv): Promise<MonitoredSession[]> {
  const nowMs = clockFor(kv).now().getTime();
  const candidates = await bookingsStarting(
    kv,
    nowMs - LONGEST_SESSION_MS - JOIN_LATE_MINUTES * MINUTE_MS,
    nowMs + JOIN_EARLY_MINUTES * MINUTE_MS + 1,
    "confirmed",
  );
  const sessions: MonitoredSession[] = [];
  for (const booking of candidates) {
    const attendance = await getAttendance(kv, booking);
    const opens = Date.parse(attendance.opensAt);
    const closes = Date.parse(attendance.closesAt);
    if (nowMs >= opens && nowMs < closes) {
      sessions.push({ booking, attendance });
    }
  }
  return sessions.sort((a, b) =>
    a.booking.start.localeCompare(b.booking.start)
  );
}

/** Every booking whose session starts on the UTC `day`, by start time. */
export function sessionsOn(
  kv: Deno.Kv,
  day: string,
): Promise<MonitoredSession[]> {
  const startMs = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(startMs)) {
    throw new ValidationError("The date is invalid.", {
      date: ["Use a date like 2026-12-01."],
    });
  }
  return sessionsBetween(kv, startMs, startMs + DAY_MS, MAX_SESSIONS_PER_DAY);
}

/** Bookings whose session starts in `period`, with attendance. */
export function sessionsInPeriod(
  kv: Deno.Kv,
  period: Pick<Period, "from" | "to">,
): Promise<MonitoredSession[]> {
  const { startMs, endMs } = boundsOf(period);
  return sessionsBetween(kv, startMs, endMs);
}

/** Bookings whose session starts in `[startMs, endMs)`, with attendance. */
export async function sessionsBetween(
  kv: Deno.Kv,
  startMs: number,
  endMs: number,
  max = MAX_SESSIONS_PER_REPORT,
): Promise<MonitoredSession[]> {
  const bookings = await bookingsStarting(kv, startMs, endMs, undefined, max);
  const sessions: MonitoredSession[] = [];
  for (const booking of bookings) {
    sessions.push({ booking, attendance: await getAttendance(kv, booking) });
  }
  return sessions.sort((a, b) =>
    a.booking.start.localeCompare(b.booking.start)
  );
}

/** "1 h 05 min", "12 min", "45 s": a time in the call. */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${
    String(minutes % 60).padStart(2, "0")
  } min`;
}
