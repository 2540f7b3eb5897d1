/**
 * Slots across daylight-saving changes and at odd offsets. Expectations are
 * written as the expert's (or learner's) wall clock and checked through
 * Temporal, never through the engine's own arithmetic.
 */
import { expect } from "expect";
import type { AvailabilityInput } from "./model.ts";
import { computeSlots, isBookableStart } from "./slots.ts";
import {
  at,
  availability,
  clockTime,
  startsWithOffset,
  startTimes,
  wall,
} from "./test_fixtures.ts";

function slotsOn(
  zone: string,
  weekly: AvailabilityInput["weekly"],
  date: string,
  options: { durationMinutes?: number; gridMinutes?: number } = {},
) {
  const day = Temporal.PlainDate.from(date);
  return computeSlots({
    availability: availability({ timeZone: zone, weekly }),
    durationMinutes: options.durationMinutes ?? 60,
    gridMinutes: options.gridMinutes,
    from: at(`${day}T00:00`, zone),
    to: at(`${day.add({ days: 1 })}T00:00`, zone),
    now: "2026-01-01T00:00:00Z",
  });
}

const nineToNoon = { start: "09:00", end: "12:00" };
const everyDay = (start: string, end: string) =>
  Object.fromEntries(
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((
      day,
    ) => [day, [{ start, end }]]),
  );

Deno.test("Europe/Berlin spring forward: 09:00 stays 09:00 on the expert's clock", () => {
  const zone = "Europe/Berlin";
  const before = slotsOn(zone, { sun: [nineToNoon] }, "2026-03-22");
  const onTheDay = slotsOn(zone, { sun: [nineToNoon] }, "2026-03-29");
  expect(before[0].start).toBe("2026-03-22T08:00:00.000Z");
  expect(onTheDay[0].start).toBe("2026-03-29T07:00:00.000Z");
  expect(startTimes(onTheDay, zone)).toEqual(startTimes(before, zone));
});

Deno.test("Europe/Berlin spring forward: a night shift loses the hour that does not exist", () => {
  const zone = "Europe/Berlin";
  const night = slotsOn(
    zone,
    { sun: [{ start: "00:00", end: "06:00" }] },
    "2026-03-29",
    { gridMinutes: 30 },
  );
  // 01:00 would read 01:00–03:00 and 01:30 would span the jump: skipped.
  expect(startTimes(night, zone)).toEqual([
    "00:00",
    "00:30",
    "03:00",
    "03:30",
    "04:00",
    "04:30",
    "05:00",
  ]);
  for (const slot of night) {
    expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(3_600_000);
  }
  // Hours starting in the gap begin when the clock jumps past them.
  const fromGap = slotsOn(
    zone,
    { sun: [{ start: "02:30", end: "05:00" }] },
    "2026-03-29",
  );
  expect(startTimes(fromGap, zone)[0]).toBe("03:00");
  expect(
    isBookableStart({
      availability: availability({
        timeZone: zone,
        weekly: { sun: [{ start: "00:00", end: "06:00" }] },
      }),
      durationMinutes: 60,
      start: at("2026-03-29T01:30", zone),
      now: "2026-01-01T00:00:00Z",
    }),
  ).toMatchObject({ ok: false, reason: "clock_change" });
});

Deno.test("Europe/Berlin fall back: both showings of the repeated hour, none spanning the change", () => {
  const zone = "Europe/Berlin";
  const night = slotsOn(
    zone,
    { sun: [{ start: "01:00", end: "04:00" }] },
    "2026-10-25",
    { durationMinutes: 30, gridMinutes: 30 },
  );
  // 02:30 CEST would end at 03:00 CEST, which the clock reads as 02:00.
  expect(startsWithOffset(night, zone)).toEqual([
    "01:00+02:00",
    "01:30+02:00",
    "02:00+02:00",
    "02:00+01:00",
    "02:30+01:00",
    "03:00+01:00",
    "03:30+01:00",
  ]);
  // The night is an hour longer than it reads.
  const day = slotsOn(zone, { sun: [nineToNoon] }, "2026-10-25");
  expect(day[0].start).toBe("2026-10-25T08:00:00.000Z");
  expect(clockTime(day[0].start, zone)).toBe("09:00");
});

Deno.test("America/New_York: both changes, and a night crossing into the spring-forward morning", () => {
  const zone = "America/New_York";
  expect(slotsOn(zone, { fri: [nineToNoon] }, "2026-03-06")[0].start).toBe(
    "2026-03-06T14:00:00.000Z",
  );
  expect(slotsOn(zone, { mon: [nineToNoon] }, "2026-03-09")[0].start).toBe(
    "2026-03-09T13:00:00.000Z",
  );
  expect(slotsOn(zone, { mon: [nineToNoon] }, "2026-11-02")[0].start).toBe(
    "2026-11-02T14:00:00.000Z",
  );
  // Saturday 22:00 to Sunday 04:00, across 02:00 → 03:00.
  const availabilityRules = availability({
    timeZone: zone,
    weekly: { sat: [{ start: "22:00", end: "04:00" }] },
  });
  const night = computeSlots({
    availability: availabilityRules,
    durationMinutes: 60,
    gridMinutes: 60,
    from: at("2026-03-07T12:00", zone),
    to: at("2026-03-08T12:00", zone),
    now: "2026-01-01T00:00:00Z",
  });
  expect(night.map((slot) => wall(slot.start, zone))).toEqual([
    "2026-03-07 22:00",
    "2026-03-07 23:00",
    "2026-03-08 00:00",
    "2026-03-08 03:00",
  ]);
  // Fall back: 01:00–02:00 happens twice. An hour from 01:00 EDT or later
  // would reach the change (01:00 EDT–01:00 EST reads 01:00–01:00), so the
  // 01:xx starts offered are the second showing, in EST.
  const fallBack = slotsOn(
    zone,
    { sun: [{ start: "00:00", end: "03:00" }] },
    "2026-11-01",
  );
  expect(startsWithOffset(fallBack, zone)).toEqual([
    "00:00-04:00",
    "00:15-04:00",
    "00:30-04:00",
    "00:45-04:00",
    "01:00-05:00",
    "01:15-05:00",
    "01:30-05:00",
    "01:45-05:00",
    "02:00-05:00",
  ]);
});

Deno.test("Australia/Lord_Howe: half-hour changes both ways", () => {
  const zone = "Australia/Lord_Howe";
  const night = { sun: [{ start: "00:00", end: "04:00" }] };
  const options = { durationMinutes: 30, gridMinutes: 30 };
  // 5 April: 02:00 (+11:00) becomes 01:30 (+10:30).
  expect(startsWithOffset(slotsOn(zone, night, "2026-04-05", options), zone))
    .toEqual([
      "00:00+11:00",
      "00:30+11:00",
      "01:00+11:00",
      "01:30+10:30",
      "02:00+10:30",
      "02:30+10:30",
      "03:00+10:30",
      "03:30+10:30",
    ]);
  // 4 October: 02:00 (+10:30) becomes 02:30 (+11:00).
  expect(startsWithOffset(slotsOn(zone, night, "2026-10-04", options), zone))
    .toEqual([
      "00:00+10:30",
      "00:30+10:30",
      "01:00+10:30",
      "02:30+11:00",
      "03:00+11:00",
      "03:30+11:00",
    ]);
  expect(slotsOn(zone, { sat: [nineToNoon] }, "2026-10-03")[0].start).toBe(
    "2026-10-02T22:30:00.000Z",
  );
  expect(slotsOn(zone, { sun: [nineToNoon] }, "2026-10-04")[0].start).toBe(
    "2026-10-03T22:00:00.000Z",
  );
});

Deno.test("Asia/Kolkata and Asia/Kathmandu: the grid is on the local clock", () => {
  const kolkata = slotsOn(
    "Asia/Kolkata",
    { mon: [{ start: "09:00", end: "11:00" }] },
    "2026-03-02",
    { gridMinutes: 60 },
  );
  expect(kolkata.map((slot) => slot.start)).toEqual([
    "2026-03-02T03:30:00.000Z",
    "2026-03-02T04:30:00.000Z",
  ]);
  const kathmandu = slotsOn(
    "Asia/Kathmandu",
    { mon: [{ start: "09:00", end: "11:00" }] },
    "2026-03-02",
  );
  expect(kathmandu[0].start).toBe("2026-03-02T03:15:00.000Z");
  expect(startTimes(kathmandu, "Asia/Kathmandu")).toEqual([
    "09:00",
    "09:15",
    "09:30",
    "09:45",
    "10:00",
  ]);
  const check = (zone: string, start: string, gridMinutes: number) => {
    const result = isBookableStart({
      availability: availability({
        timeZone: zone,
        weekly: { mon: [{ start: "09:00", end: "11:00" }] },
      }),
      durationMinutes: 60,
      gridMinutes,
      start,
      now: "2026-01-01T00:00:00Z",
    });
    return result.ok ? "ok" : result.reason;
  };
  expect(check("Asia/Kolkata", "2026-03-02T04:00:00Z", 60)).toBe("off_grid");
  expect(check("Asia/Kolkata", "2026-03-02T04:00:00Z", 30)).toBe("ok");
  expect(check("Asia/Kathmandu", "2026-03-02T03:30:00Z", 30)).toBe("off_grid");
  expect(check("Asia/Kathmandu", "2026-03-02T03:00:00Z", 15)).toBe(
    "outside_availability",
  );
});

Deno.test("Pacific/Chatham: +13:45 to +12:45, and local dates ahead of UTC", () => {
  const zone = "Pacific/Chatham";
  expect(slotsOn(zone, { sat: [nineToNoon] }, "2026-04-04")[0].start).toBe(
    "2026-04-03T19:15:00.000Z",
  );
  expect(slotsOn(zone, { mon: [nineToNoon] }, "2026-04-06")[0].start).toBe(
    "2026-04-05T20:15:00.000Z",
  );
  // Monday's daily limit is Monday in Chatham, though it is Sunday in UTC.
  const limited = availability({
    timeZone: zone,
    weekly: { mon: [nineToNoon] },
    dailyLimit: 1,
  });
  const query = {
    availability: limited,
    durationMinutes: 60,
    from: "2026-04-05T00:00:00Z",
    to: "2026-04-07T00:00:00Z",
    now: "2026-01-01T00:00:00Z",
  };
  expect(computeSlots(query)).toHaveLength(9);
  expect(
    computeSlots({
      ...query,
      bookedPerLocalDay: new Map([["2026-04-05", 1]]),
    }),
  ).toHaveLength(9);
  expect(
    computeSlots({
      ...query,
      bookedPerLocalDay: new Map([["2026-04-06", 1]]),
    }),
  ).toEqual([]);
});

Deno.test("learners see UTC slots at the right local time, whichever zone changes first", () => {
  const expertZone = "Europe/Berlin";
  const rules = availability({
    timeZone: expertZone,
    weekly: everyDay("09:00", "10:00"),
  });
  const firstOf = (date: string) =>
    computeSlots({
      availability: rules,
      durationMinutes: 60,
      from: at(`${date}T00:00`, expertZone),
      to: at(`${date}T23:59`, expertZone),
      now: "2026-01-01T00:00:00Z",
    })[0].start;
  // New York moves its clocks on 8 March, Berlin on 29 March.
  const dates = ["2026-03-06", "2026-03-16", "2026-03-30"];
  expect(dates.map((date) => clockTime(firstOf(date), expertZone))).toEqual([
    "09:00",
    "09:00",
    "09:00",
  ]);
  expect(dates.map((date) => wall(firstOf(date), "America/New_York")))
    .toEqual(["2026-03-06 03:00", "2026-03-16 04:00", "2026-03-30 03:00"]);
  expect(dates.map((date) => clockTime(firstOf(date), "Asia/Kolkata")))
    .toEqual(["13:30", "13:30", "12:30"]);
  // Across the date line the learner's date differs from the expert's.
  expect(wall(firstOf("2026-03-16"), "Pacific/Chatham")).toBe(
    "2026-03-16 21:45",
  );
  expect(wall(firstOf("2026-03-16"), "Pacific/Honolulu")).toBe(
    "2026-03-15 22:00",
  );
});
