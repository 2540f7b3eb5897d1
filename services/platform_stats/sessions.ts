/**
 * Session monitoring for admins: the calls that can be joined right now
 * with who is in them, and each booking's attendance on a chosen day
 * (joined and left times, time in the call per party, and the outcome),
 * both from services/calls' attendance records.
 */
import {
  type Booking,
  bookingsStartingBetween,
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
import { daySchema, type Period } from "./model.ts";
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

/**
 * Bookings whose session starts in `[fromMs, toMs)`, earliest first, at
 * most `max`: a range of the bookings' start index, so a day reads that
 * day's bookings only.
 */
function bookingsStarting(
  kv: Deno.Kv,
  fromMs: number,
  toMs: number,
  status?: BookingStatus,
  max = MAX_SESSIONS_PER_DAY,
): Promise<Booking[]> {
  return bookingsStartingBetween(kv, fromMs, toMs, { status, limit: max });
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
export async function sessionsOn(
  kv: Deno.Kv,
  day: string,
): Promise<MonitoredSession[]> {
  const checked = daySchema.safeParse(day);
  if (!checked.success) {
    throw new ValidationError("The date is invalid.", {
      date: [checked.error.issues[0].message],
    });
  }
  const startMs = Date.parse(`${day}T00:00:00Z`);
  return await sessionsBetween(
    kv,
    startMs,
    startMs + DAY_MS,
    MAX_SESSIONS_PER_DAY,
  );
}

/** Bookings whose session starts in `period`, with attendance. */
export function sessionsInPeriod(
  kv: Deno.Kv,
  period: Pick<Period, "from" | "to">,
): Promise<MonitoredSession[]> {
  const { startMs, endMs } = boundsOf(period);
  return sessionsBetween(kv, startMs, endMs);
}

/**
 * Bookings whose session starts in `[startMs, endMs)`, with attendance, by
 * start time (then by id), the first `max`.
 */
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
  return sessions;
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
