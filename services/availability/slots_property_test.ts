/**
 * Property tests over seeded random experts, zones and calendars: every
 * listed slot passes isBookableStart and clears busy time with its buffers,
 * and every other start in the window is refused, so the list and the
 * check can never disagree.
 */
import { expect } from "expect";
import {
  type Availability,
  availabilityInputSchema,
  type Interval,
  WEEKDAYS,
} from "./model.ts";
import { type BusyInput, computeSlots, isBookableStart } from "./mod.ts";
import { seededRandom } from "@/services/platform/random.ts";

const ZONES = [
  "Europe/Berlin",
  "America/New_York",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "Asia/Kolkata",
  "America/Santiago",
  "UTC",
];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${
    String(minutes % 60).padStart(2, "0")
  }`;

function randomDay(random: () => number): Interval[] {
  const count = Math.floor(random() * 4);
  const points = new Set<number>();
  while (points.size < count * 2) points.add(Math.floor(random() * 97) * 15);
  const sorted = [...points].sort((a, b) => a - b);
  const intervals: Interval[] = [];
  for (let i = 0; i < sorted.length; i += 2) {
    intervals.push({ start: hhmm(sorted[i]), end: hhmm(sorted[i + 1]) });
  }
  // Now and then a night shift into the next morning.
  if (random() < 0.25 && (sorted.at(-1) ?? 0) < 1320) {
    intervals.push({
      start: "22:30",
      end: hhmm(30 + 15 * Math.floor(random() * 8)),
    });
  }
  return intervals;
}

/**
 * A random expert in `timeZone`. `busyNight` is a local date whose whole
 * day is worked (an override), so a clock change that night meets slots.
 */
function randomAvailability(
  random: () => number,
  timeZone: string,
  busyNight: string | null,
): Availability {
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(random() * items.length)];
  for (;;) {
    const input = {
      timeZone,
      weekly: Object.fromEntries(
        WEEKDAYS.map((day) => [day, randomDay(random)]),
      ),
      overrides: busyNight === null
        ? []
        : [{ date: busyNight, intervals: [{ start: "00:00", end: "24:00" }] }],
      bufferBeforeMinutes: pick([0, 0, 5, 15, 30]),
      bufferAfterMinutes: pick([0, 10, 15]),
      minNoticeMinutes: pick([0, 0, 60, 240]),
      horizonDays: pick([1, 2, 3, 5, 30]),
      dailyLimit: pick([null, null, 1, 2, 4]),
      paused: random() < 0.05,
    };
    // Random night shifts may overlap the next morning: draw again.
    const parsed = availabilityInputSchema.safeParse(input);
    if (parsed.success) return parsed.data;
  }
}

/**
 * A moment some hours before one of the zone's clock changes (most rounds)
 * or any time in 2026, and the local date of that change.
 */
function randomNow(
  random: () => number,
  timeZone: string,
): { now: number; changeDate: string | null } {
  const base = Date.UTC(2026, 0, 1) + Math.floor(random() * 360 * 24) * HOUR;
  const change = Temporal.Instant.fromEpochMilliseconds(base)
    .toZonedDateTimeISO(timeZone).getTimeZoneTransition("next");
  if (change === null || random() < 0.25) {
    return { now: base + Math.floor(random() * 60_000), changeDate: null };
  }
  return {
    now: change.epochMilliseconds - (6 + Math.floor(random() * 40)) * HOUR -
      Math.floor(random() * 4) * 15 * MINUTE,
    changeDate: change.toPlainDate().toString(),
  };
}

function overlaps(a: { start: number; end: number }, b: BusyInput) {
  return a.start < Date.parse(String(b.end)) &&
    Date.parse(String(b.start)) < a.end;
}

Deno.test("slots: listed slots are bookable, clear of busy time, and the only bookable starts", () => {
  const random = seededRandom(20260329);
  let listed = 0;
  for (let round = 0; round < 60; round++) {
    const pick = <T>(items: readonly T[]) =>
      items[Math.floor(random() * items.length)];
    const timeZone = pick(ZONES);
    const { now, changeDate } = randomNow(random, timeZone);
    const rules = randomAvailability(
      random,
      timeZone,
      random() < 0.7 ? changeDate : null,
    );
    const durationMinutes = pick([15, 30, 45, 60, 90]);
    const gridMinutes = pick([5, 10, 15, 20, 30, 60]);
    const from = now - 6 * HOUR + Math.floor(random() * 6) * HOUR;
    const to = from + 3 * 24 * HOUR;
    const busy: BusyInput[] = Array.from(
      { length: Math.floor(random() * 12) },
      () => {
        const start = from + Math.floor(random() * 72 * 12) * 5 * MINUTE;
        const end = start + (1 + Math.floor(random() * 24)) * 5 * MINUTE;
        return {
          start: new Date(start).toISOString(),
          end: new Date(end).toISOString(),
        };
      },
    );
    const bookedPerLocalDay = new Map<string, number>();
    for (let day = -1; day < 4; day++) {
      const date = new Date(now + day * 24 * HOUR).toISOString().slice(0, 10);
      bookedPerLocalDay.set(date, Math.floor(random() * 3));
    }
    const rulesOf = {
      availability: rules,
      durationMinutes,
      gridMinutes,
      now: new Date(now),
      busy,
      bookedPerLocalDay,
    };
    const slots = computeSlots({ ...rulesOf, from, to });
    listed += slots.length;
    const context = JSON.stringify({
      round,
      now,
      durationMinutes,
      gridMinutes,
    });

    const starts = new Set<number>();
    let previous = -Infinity;
    for (const slot of slots) {
      const start = Date.parse(slot.start);
      const end = Date.parse(slot.end);
      expect([context, start > previous]).toEqual([context, true]);
      previous = start;
      starts.add(start);
      expect([context, end - start]).toEqual([
        context,
        durationMinutes * MINUTE,
      ]);
      expect([context, start >= from && start < to]).toEqual([context, true]);
      expect(isBookableStart({ ...rulesOf, start: slot.start })).toEqual({
        ok: true,
        slot,
      });
      // Independently of the engine: buffers clear of every busy range…
      const occupied = {
        start: start - rules.bufferBeforeMinutes * MINUTE,
        end: end + rules.bufferAfterMinutes * MINUTE,
      };
      expect([context, busy.filter((range) => overlaps(occupied, range))])
        .toEqual([context, []]);
      // …on the local grid, and the same offset at both ends (Temporal).
      const zonedStart = Temporal.Instant.from(slot.start).toZonedDateTimeISO(
        rules.timeZone,
      );
      const zonedEnd = Temporal.Instant.from(slot.end).toZonedDateTimeISO(
        rules.timeZone,
      );
      const minuteOfDay = zonedStart.hour * 60 + zonedStart.minute;
      expect([context, minuteOfDay % gridMinutes, zonedStart.second]).toEqual([
        context,
        0,
        0,
      ]);
      expect([context, zonedEnd.offset]).toEqual([context, zonedStart.offset]);
      expect([context, start >= now + rules.minNoticeMinutes * MINUTE])
        .toEqual([context, true]);
    }
    // Every other start in the window (all these zones' grids fall on UTC
    // multiples of 5 minutes) is refused.
    const refusedButListed: string[] = [];
    for (
      let start = Math.ceil(from / (5 * MINUTE)) * 5 * MINUTE;
      start < to;
      start += 5 * MINUTE
    ) {
      if (starts.has(start)) continue;
      const result = isBookableStart({ ...rulesOf, start });
      if (result.ok) refusedButListed.push(new Date(start).toISOString());
    }
    expect([context, refusedButListed]).toEqual([context, []]);
  }
  // The rounds exercised something.
  expect(listed).toBeGreaterThan(200);
});
