/**
 * The slot engine: which session starts an expert offers, and whether one
 * requested start may be booked. Pure: the caller reads availability,
 * bookings, holds and external busy times, and passes them in; nothing here
 * touches KV or the clock.
 *
 * Both functions apply the same rules, each defined once in ./rules/:
 * working hours, grid, clock changes, notice, horizon, daily limit and
 * buffers. `computeSlots` walks the grid through the working spans;
 * `isBookableStart` asks the same rules about one start and names the first
 * that refuses it. A test checks that every listed slot is bookable and
 * every other grid start in the window is not.
 *
 * @example
 * ```ts
 * const slots = computeSlots({
 *   availability, durationMinutes: 60, now: new Date(),
 *   from: "2026-03-30T00:00:00Z", to: "2026-04-06T00:00:00Z",
 *   busy: [{ start: "2026-03-30T08:00:00Z", end: "2026-03-30T09:15:00Z" }],
 * }); // [{ start: "2026-03-30T09:30:00.000Z", end: "…10:30:00.000Z" }, …]
 * ```
 */
import type { Availability } from "./model.ts";
import {
  type BusyInput,
  busySpans,
  isFree,
  occupiedSpan,
} from "./rules/buffers.ts";
import { straddlesClockChange } from "./rules/clock_change.ts";
import { type BookedPerLocalDay, dayIsFull } from "./rules/daily_limit.ts";
import {
  DEFAULT_GRID_MINUTES,
  firstOnGrid,
  gridMs,
  isOnGrid,
} from "./rules/grid.ts";
import { horizonEnd } from "./rules/horizon.ts";
import { earliestStart } from "./rules/notice.ts";
import { withinWorkingHours, workingSpans } from "./rules/working_hours.ts";
import type { Span } from "./spans.ts";
import {
  DAY_MS,
  type InstantInput,
  MINUTE_MS,
  toEpochMs,
  ZoneClock,
} from "./zone_clock.ts";

/** A bookable session time, as UTC ISO strings. */
export interface Slot {
  start: string;
  end: string;
}

/** What both functions need besides the window or the start. */
export interface SlotRules {
  availability: Availability;
  /** The offering's session length. */
  durationMinutes: number;
  now: InstantInput;
  /** Time the expert is taken: bookings with their buffers, holds, calendars. */
  busy?: readonly BusyInput[];
  /** Sessions already starting on each of the expert's local dates. */
  bookedPerLocalDay?: BookedPerLocalDay;
  /** Slot starts are this many minutes apart on the expert's clock. */
  gridMinutes?: number;
}

export interface SlotQuery extends SlotRules {
  /** Slots starting at or after this instant… */
  from: InstantInput;
  /** …and before this one. */
  to: InstantInput;
}

/** Why a start cannot be booked, in the order the rules are asked. */
export const UNBOOKABLE_REASONS = [
  "invalid_start",
  "paused",
  "in_past",
  "inside_notice",
  "beyond_horizon",
  "off_grid",
  "outside_availability",
  "clock_change",
  "daily_limit",
  "busy",
] as const;
export type UnbookableReason = typeof UNBOOKABLE_REASONS[number];

/** What to tell the person who asked for the start, per reason. */
export const UNBOOKABLE_MESSAGES: Record<UnbookableReason, string> = {
  invalid_start:
    'Give the start as an ISO 8601 instant, such as "2026-03-30T09:00:00Z".',
  paused: "This expert is not taking bookings at the moment.",
  in_past: "That time has already passed; choose a later one.",
  inside_notice:
    "That time is too soon: the expert needs more notice. Choose a later one.",
  beyond_horizon:
    "That time is too far ahead to book yet; choose an earlier one.",
  off_grid: "Sessions start at the times listed; choose one of them.",
  outside_availability:
    "The expert is not available then; choose one of the times listed.",
  clock_change:
    "That session would span a daylight-saving clock change; choose another time.",
  daily_limit: "The expert's day is fully booked; choose another day.",
  busy: "That time is no longer free; choose another one.",
};

export type BookableResult =
  | { ok: true; slot: Slot }
  | { ok: false; reason: UnbookableReason; message: string };

/** The rules' inputs in milliseconds, and a clock for the zone. */
interface Prepared {
  availability: Availability;
  durationMs: number;
  nowMs: number;
  busy: Span[];
  booked: BookedPerLocalDay;
  grid: number;
  clock: ZoneClock;
  earliest: number;
  horizon: number;
}

const NO_BOOKINGS: BookedPerLocalDay = new Map();

function prepare(rules: SlotRules, untilMs: number): Prepared {
  const { availability } = rules;
  const duration = rules.durationMinutes;
  if (!Number.isInteger(duration) || duration < 1 || duration > 1440) {
    throw new RangeError(
      `A session lasts 1 to 1440 whole minutes, not ${duration}.`,
    );
  }
  const nowMs = toEpochMs(rules.now);
  const horizonBound = nowMs + (availability.horizonDays + 2) * DAY_MS;
  // A few days' margin: the expansion starts a local day early and the
  // horizon ends at a local midnight.
  const clock = new ZoneClock(
    availability.timeZone,
    nowMs - 3 * DAY_MS,
    Math.min(Math.max(untilMs, nowMs), horizonBound) + 3 * DAY_MS,
  );
  return {
    availability,
    durationMs: duration * MINUTE_MS,
    nowMs,
    busy: busySpans(rules.busy ?? []),
    booked: rules.bookedPerLocalDay ?? NO_BOOKINGS,
    grid: gridMs(rules.gridMinutes ?? DEFAULT_GRID_MINUTES),
    clock,
    earliest: earliestStart(availability, nowMs),
    horizon: horizonEnd(availability, clock, nowMs),
  };
}

/** True when the day the slot starts on has room, and its buffers are free. */
function fitsDayAndBusy(p: Prepared, start: number, end: number): boolean {
  return !dayIsFull(p.availability, p.clock.localDate(start), p.booked) &&
    isFree(p.busy, occupiedSpan(p.availability, start, end));
}

function toSlot(start: number, end: number): Slot {
  return {
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
  };
}

/**
 * Every bookable slot starting in `[from, to)`, in time order, as UTC ISO
 * strings. Empty when the expert is paused. Throws RangeError for a bad
 * duration, grid or instant (the API validates those first).
 */
export function computeSlots(query: SlotQuery): Slot[] {
  const toMs = toEpochMs(query.to);
  const p = prepare(query, toMs);
  if (p.availability.paused) return [];
  const lower = Math.max(toEpochMs(query.from), p.earliest);
  const upper = Math.min(toMs, p.horizon);
  if (lower >= upper) return [];
  const slots: Slot[] = [];
  // Up to a session past the last start, so a span joined to the next
  // day's hours at midnight is seen whole.
  const spans = workingSpans(
    p.availability,
    p.clock,
    lower,
    upper + p.durationMs,
  );
  for (const working of spans) {
    const first = Math.max(working.start, lower);
    const last = Math.min(working.end - p.durationMs, upper - 1);
    // Within one offset span the grid is a fixed step in UTC.
    for (const offset of p.clock.spans) {
      if (offset.end <= first || offset.start > last) continue;
      let start = firstOnGrid(
        Math.max(first, offset.start),
        offset.offsetMs,
        p.grid,
      );
      for (; start <= last && start < offset.end; start += p.grid) {
        const end = start + p.durationMs;
        if (straddlesClockChange(p.clock, start, end)) break;
        if (fitsDayAndBusy(p, start, end)) slots.push(toSlot(start, end));
      }
    }
  }
  return slots;
}

/**
 * Whether a session may start at `start`: the same rules as computeSlots,
 * asked in turn, with the first refusal as a reason code and a message. Use
 * it to validate a requested start before claiming the time.
 */
export function isBookableStart(
  check: SlotRules & { start: InstantInput },
): BookableResult {
  let start: number;
  try {
    start = toEpochMs(check.start);
  } catch {
    return refuse("invalid_start");
  }
  const p = prepare(check, start);
  const end = start + p.durationMs;
  if (p.availability.paused) return refuse("paused");
  if (start < p.nowMs) return refuse("in_past");
  if (start < p.earliest) return refuse("inside_notice");
  if (start >= p.horizon) return refuse("beyond_horizon");
  if (!isOnGrid(start, p.clock.spanAt(start).offsetMs, p.grid)) {
    return refuse("off_grid");
  }
  const working = workingSpans(p.availability, p.clock, start, end);
  if (!withinWorkingHours(working, start, end)) {
    return refuse("outside_availability");
  }
  if (straddlesClockChange(p.clock, start, end)) return refuse("clock_change");
  if (dayIsFull(p.availability, p.clock.localDate(start), p.booked)) {
    return refuse("daily_limit");
  }
  if (!isFree(p.busy, occupiedSpan(p.availability, start, end))) {
    return refuse("busy");
  }
  return { ok: true, slot: toSlot(start, end) };
}

function refuse(reason: UnbookableReason): BookableResult {
  return { ok: false, reason, message: UNBOOKABLE_MESSAGES[reason] };
}
