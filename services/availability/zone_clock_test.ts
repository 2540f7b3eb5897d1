import { expect } from "expect";
import {
  dateOfDay,
  DAY_MS,
  dayOfDate,
  localDateOf,
  toEpochMs,
  weekdayOfDay,
  ZoneClock,
} from "./zone_clock.ts";

/**
 * The first instant the clock of `zone` shows `minutes` after the midnight
 * of `date`, asked of Temporal directly: the earlier of a repeated time,
 * and for a skipped time the moment the clock jumps past it.
 */
function temporalInstantOf(date: string, minutes: number, zone: string) {
  const day = Temporal.PlainDate.from(date).add({
    days: Math.floor(minutes / 1440),
  });
  const rest = minutes % 1440;
  const wall = day.toPlainDateTime({
    hour: Math.floor(rest / 60),
    minute: rest % 60,
  });
  const zoned = wall.toZonedDateTime(zone, { disambiguation: "earlier" });
  if (Temporal.PlainDateTime.compare(zoned.toPlainDateTime(), wall) === 0) {
    return zoned.epochMilliseconds;
  }
  return zoned.getTimeZoneTransition("next")!.epochMilliseconds;
}

// Zones with every kind of change: an hour, half an hour (Lord_Howe), two
// hours (Troll), at midnight (Santiago), a negative "summer" (Dublin), odd
// offsets (Kathmandu, Chatham, St_Johns), across the date line (Apia,
// Kiritimati), and none at all (Kolkata, UTC).
const ZONES = [
  "Europe/Berlin",
  "America/New_York",
  "Australia/Lord_Howe",
  "Antarctica/Troll",
  "America/Santiago",
  "Europe/Dublin",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "America/St_Johns",
  "Pacific/Apia",
  "Pacific/Kiritimati",
  "Asia/Kolkata",
  "UTC",
];

Deno.test("zone clock: the test zones do change their clocks in 2026", () => {
  const changes = (zone: string) =>
    new ZoneClock(zone, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)).spans
      .length - 1;
  for (const zone of ZONES.slice(0, 6)) {
    expect([zone, changes(zone)]).toEqual([zone, 2]);
  }
  expect(changes("Asia/Kolkata")).toBe(0);
});

Deno.test("zone clock: local times resolve to Temporal's instants around every 2026 clock change", () => {
  const mismatches: unknown[] = [];
  for (const zone of ZONES) {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    const clock = new ZoneClock(zone, from - 3 * DAY_MS, to + 3 * DAY_MS);
    // Every day near a change, plus every tenth day of the year.
    const days = new Set<number>();
    for (const span of clock.spans.slice(1)) {
      const day = Math.floor(span.start / DAY_MS);
      for (let d = day - 1; d <= day + 1; d++) days.add(d);
    }
    for (let d = from / DAY_MS; d < to / DAY_MS; d += 10) days.add(d);
    for (const day of days) {
      for (let minutes = 0; minutes <= 1560; minutes += 15) {
        const ours = clock.instantOf(day, minutes);
        const temporal = temporalInstantOf(dateOfDay(day), minutes, zone);
        if (ours !== temporal) {
          mismatches.push({ zone, date: dateOfDay(day), minutes, ours });
        }
      }
    }
  }
  expect(mismatches).toEqual([]);
});

Deno.test("zone clock: local dates and offsets agree with Temporal", () => {
  const mismatches: unknown[] = [];
  for (const zone of ZONES) {
    const from = Date.UTC(2026, 0, 1);
    const clock = new ZoneClock(zone, from - DAY_MS, from + 370 * DAY_MS);
    for (let ms = from; ms < from + 365 * DAY_MS; ms += 3_599_000) {
      const zoned = Temporal.Instant.fromEpochMilliseconds(ms)
        .toZonedDateTimeISO(zone);
      const ours = [clock.localDate(ms), clock.spanAt(ms).offsetMs];
      const temporal = [
        zoned.toPlainDate().toString(),
        zoned.offsetNanoseconds / 1e6,
      ];
      if (ours.join() !== temporal.join()) {
        mismatches.push({ zone, ms, ours, temporal });
      }
    }
  }
  expect(mismatches).toEqual([]);
});

Deno.test("zone clock: skipped and repeated times, spelled out for Berlin", () => {
  const clock = new ZoneClock(
    "Europe/Berlin",
    Date.UTC(2026, 0, 1),
    Date.UTC(2027, 0, 1),
  );
  const iso = (ms: number) => new Date(ms).toISOString();
  // 02:30 on 29 March does not exist: reached when the clock jumps at 03:00.
  expect(iso(clock.instantOf(dayOfDate("2026-03-29"), 150))).toBe(
    "2026-03-29T01:00:00.000Z",
  );
  // 02:30 on 25 October happens twice: the first time counts.
  expect(iso(clock.instantOf(dayOfDate("2026-10-25"), 150))).toBe(
    "2026-10-25T00:30:00.000Z",
  );
  // "24:00" of a day is the next midnight.
  expect(iso(clock.instantOf(dayOfDate("2026-03-28"), 1440))).toBe(
    "2026-03-28T23:00:00.000Z",
  );
});

Deno.test("zone clock: day numbers, dates and weekdays", () => {
  expect(dateOfDay(0)).toBe("1970-01-01");
  expect(dayOfDate("2026-03-29")).toBe(20541);
  expect(dateOfDay(dayOfDate("2026-03-29"))).toBe("2026-03-29");
  expect(weekdayOfDay(dayOfDate("2026-03-30"))).toBe(0); // a Monday
  expect(weekdayOfDay(dayOfDate("2026-03-29"))).toBe(6); // a Sunday
  expect(weekdayOfDay(-1)).toBe(2); // 1969-12-31, a Wednesday
});

Deno.test("zone clock: localDateOf reads the expert's calendar, not UTC's", () => {
  expect(localDateOf("2026-04-05T20:30:00Z", "Pacific/Chatham")).toBe(
    "2026-04-06",
  );
  expect(localDateOf("2026-04-06T02:00:00Z", "America/New_York")).toBe(
    "2026-04-05",
  );
  expect(localDateOf(new Date("2026-04-06T02:00:00Z"), "UTC")).toBe(
    "2026-04-06",
  );
});

Deno.test("zone clock: instants are accepted as Date, ISO with offset, ms or Temporal", () => {
  const ms = Date.UTC(2026, 2, 29, 7);
  expect(toEpochMs(new Date(ms))).toBe(ms);
  expect(toEpochMs("2026-03-29T09:00:00+02:00")).toBe(ms);
  expect(toEpochMs(ms)).toBe(ms);
  expect(toEpochMs(Temporal.Instant.fromEpochMilliseconds(ms))).toBe(ms);
  expect(() => toEpochMs("2026-03-29T09:00")).toThrow(RangeError);
  expect(() => toEpochMs(new Date("nonsense"))).toThrow(RangeError);
});
