import { expect } from "expect";
import { computeSlots, isBookableStart, type SlotQuery } from "./slots.ts";
import { availability, startTimes } from "./test_fixtures.ts";

// Monday 2 March 2026, in UTC unless a test says otherwise.
const MONDAY = "2026-03-02";
const now = "2026-03-01T12:00:00Z";
const mondayMorning = availability({
  weekly: { mon: [{ start: "09:00", end: "12:00" }] },
});

function query(fields: Partial<SlotQuery> = {}): SlotQuery {
  return {
    availability: mondayMorning,
    durationMinutes: 60,
    from: `${MONDAY}T00:00:00Z`,
    to: "2026-03-03T00:00:00Z",
    now,
    ...fields,
  };
}

const times = (fields: Partial<SlotQuery> = {}) =>
  startTimes(computeSlots(query(fields)), "UTC");

function reason(start: string, fields: Partial<SlotQuery> = {}) {
  const result = isBookableStart({ ...query(fields), start });
  return result.ok ? "ok" : result.reason;
}

Deno.test("slots: a morning on the 15-minute grid, as UTC ISO strings", () => {
  expect(computeSlots(query()).slice(0, 2)).toEqual([
    { start: "2026-03-02T09:00:00.000Z", end: "2026-03-02T10:00:00.000Z" },
    { start: "2026-03-02T09:15:00.000Z", end: "2026-03-02T10:15:00.000Z" },
  ]);
  expect(times()).toEqual([
    "09:00",
    "09:15",
    "09:30",
    "09:45",
    "10:00",
    "10:15",
    "10:30",
    "10:45",
    "11:00",
  ]);
  expect(times({ gridMinutes: 30, durationMinutes: 90 })).toEqual([
    "09:00",
    "09:30",
    "10:00",
    "10:30",
  ]);
});

Deno.test("slots: only starts in [from, to) are listed", () => {
  expect(
    times({ from: `${MONDAY}T09:30:00Z`, to: `${MONDAY}T10:30:00Z` }),
  ).toEqual(["09:30", "09:45", "10:00", "10:15"]);
  expect(times({ from: `${MONDAY}T09:31:00Z` })[0]).toBe("09:45");
  expect(times({ to: `${MONDAY}T09:00:00Z` })).toEqual([]);
});

Deno.test("slots: overrides give a day off or different hours", () => {
  expect(
    times({
      availability: availability({
        weekly: mondayMorning.weekly,
        overrides: [{ date: MONDAY, intervals: [] }],
      }),
    }),
  ).toEqual([]);
  expect(
    times({
      availability: availability({
        weekly: mondayMorning.weekly,
        overrides: [{
          date: MONDAY,
          intervals: [{ start: "14:00", end: "15:30" }],
        }],
      }),
      gridMinutes: 30,
    }),
  ).toEqual(["14:00", "14:30"]);
  // An override on a day without weekly hours opens it.
  const sunday = availability({
    overrides: [{
      date: "2026-03-01",
      intervals: [{ start: "18:00", end: "19:00" }],
    }],
  });
  expect(
    startTimes(
      computeSlots(query({
        availability: sunday,
        from: "2026-03-01T00:00:00Z",
        now: "2026-02-28T00:00:00Z",
      })),
      "UTC",
    ),
  ).toEqual(["18:00"]);
});

Deno.test("slots: a period crossing midnight runs into the next morning, and touching days join", () => {
  const night = availability({
    weekly: { mon: [{ start: "22:00", end: "02:00" }] },
  });
  const slots = computeSlots(
    query({ availability: night, gridMinutes: 60, to: "2026-03-04T00:00:00Z" }),
  );
  expect(slots.map((slot) => slot.start)).toEqual([
    "2026-03-02T22:00:00.000Z",
    "2026-03-02T23:00:00.000Z",
    "2026-03-03T00:00:00.000Z",
    "2026-03-03T01:00:00.000Z",
  ]);
  const lateAndEarly = availability({
    weekly: {
      mon: [{ start: "23:00", end: "24:00" }],
      tue: [{ start: "00:00", end: "01:00" }],
    },
  });
  expect(
    computeSlots(
      query({
        availability: lateAndEarly,
        durationMinutes: 120,
        to: "2026-03-04T00:00:00Z",
      }),
    ),
  ).toEqual([
    { start: "2026-03-02T23:00:00.000Z", end: "2026-03-03T01:00:00.000Z" },
  ]);
});

Deno.test("slots: a session across midnight into the next day's hours is listed and bookable at the window's end", () => {
  const lateAndEarly = availability({
    weekly: {
      mon: [{ start: "23:00", end: "24:00" }],
      tue: [{ start: "00:00", end: "01:00" }],
    },
  });
  const fields = { availability: lateAndEarly, to: `${MONDAY}T23:45:00Z` };
  expect(times(fields)).toEqual(["23:00", "23:15", "23:30"]);
  expect(reason(`${MONDAY}T23:30:00Z`, fields)).toBe("ok");
});

Deno.test("slots: a slot and its buffers must be clear of busy time", () => {
  const buffered = availability({
    weekly: { mon: [{ start: "08:00", end: "13:00" }] },
    bufferBeforeMinutes: 15,
    bufferAfterMinutes: 15,
  });
  const busy = [{ start: `${MONDAY}T10:00:00Z`, end: `${MONDAY}T11:00:00Z` }];
  // [start - 15, start + 75) must miss 10:00–11:00.
  expect(times({ availability: buffered, busy })).toEqual([
    "08:00",
    "08:15",
    "08:30",
    "08:45",
    "11:15",
    "11:30",
    "11:45",
    "12:00",
  ]);
  expect(reason(`${MONDAY}T09:00:00Z`, { availability: buffered, busy }))
    .toBe("busy");
  expect(reason(`${MONDAY}T11:15:00Z`, { availability: buffered, busy }))
    .toBe("ok");
  // Buffers may fall outside working hours: 08:00 needs 07:45 free, not worked.
  expect(reason(`${MONDAY}T08:00:00Z`, { availability: buffered, busy }))
    .toBe("ok");
  expect(
    reason(`${MONDAY}T08:00:00Z`, {
      availability: buffered,
      busy: [{ start: `${MONDAY}T07:30:00Z`, end: `${MONDAY}T07:50:00Z` }],
    }),
  ).toBe("busy");
});

Deno.test("slots: minimum notice, at its edge", () => {
  const withNotice = availability({
    weekly: mondayMorning.weekly,
    minNoticeMinutes: 10,
  });
  const fields = { availability: withNotice, now: `${MONDAY}T08:50:00Z` };
  expect(times(fields)[0]).toBe("09:00");
  expect(reason(`${MONDAY}T09:00:00Z`, fields)).toBe("ok");
  const later = { ...fields, now: `${MONDAY}T08:50:01Z` };
  expect(times(later)[0]).toBe("09:15");
  expect(reason(`${MONDAY}T09:00:00Z`, later)).toBe("inside_notice");
  expect(reason(`${MONDAY}T08:45:00Z`, later)).toBe("in_past");
});

Deno.test("slots: the horizon, at its edge", () => {
  const everyDay = Object.fromEntries(
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [
      day,
      [{ start: "09:00", end: "10:00" }],
    ]),
  );
  const shortHorizon = availability({ weekly: everyDay, horizonDays: 2 });
  const fields = {
    availability: shortHorizon,
    now: `${MONDAY}T12:00:00Z`,
    to: "2026-03-10T00:00:00Z",
  };
  // Today (Monday) is past 10:00; Tuesday and Wednesday are in, whole.
  expect(computeSlots(query(fields)).map((slot) => slot.start)).toEqual([
    "2026-03-03T09:00:00.000Z",
    "2026-03-04T09:00:00.000Z",
  ]);
  expect(reason("2026-03-04T09:00:00Z", fields)).toBe("ok");
  expect(reason("2026-03-05T09:00:00Z", fields)).toBe("beyond_horizon");
});

Deno.test("slots: the daily limit counts on the expert's local date", () => {
  const tokyo = availability({
    timeZone: "Asia/Tokyo",
    // 08:00–10:00 Tuesday in Tokyo is Monday 23:00 to Tuesday 01:00 UTC.
    weekly: { tue: [{ start: "08:00", end: "10:00" }] },
    dailyLimit: 2,
  });
  const fields = { availability: tokyo, gridMinutes: 60 };
  // The window ends at Tuesday 00:00 UTC, before the second slot.
  expect(times(fields)).toEqual(["23:00"]);
  const wide = { ...fields, to: "2026-03-04T00:00:00Z" };
  expect(times(wide)).toEqual(["23:00", "00:00"]);
  const full = { ...wide, bookedPerLocalDay: new Map([["2026-03-03", 2]]) };
  expect(times(full)).toEqual([]);
  expect(reason(`${MONDAY}T23:00:00Z`, full)).toBe("daily_limit");
  // Two on the UTC date (Monday) do not count against Tokyo's Tuesday.
  const utcDate = { ...wide, bookedPerLocalDay: new Map([[MONDAY, 2]]) };
  expect(times(utcDate)).toEqual(["23:00", "00:00"]);
  const oneLeft = { ...wide, bookedPerLocalDay: new Map([["2026-03-03", 1]]) };
  expect(times(oneLeft)).toEqual(["23:00", "00:00"]);
});

Deno.test("slots: a paused expert offers nothing", () => {
  const paused = availability({ weekly: mondayMorning.weekly, paused: true });
  expect(computeSlots(query({ availability: paused }))).toEqual([]);
  expect(reason(`${MONDAY}T09:00:00Z`, { availability: paused })).toBe(
    "paused",
  );
});

Deno.test("slots: each refused start gets its reason and a message", () => {
  expect(reason(`${MONDAY}T09:05:00Z`)).toBe("off_grid");
  expect(reason(`${MONDAY}T08:00:00Z`)).toBe("outside_availability");
  expect(reason(`${MONDAY}T11:15:00Z`)).toBe("outside_availability");
  expect(reason(`${MONDAY}T11:00:00Z`)).toBe("ok");
  expect(reason("2026-02-28T09:00:00Z")).toBe("in_past");
  expect(reason("not a time")).toBe("invalid_start");
  expect(reason("2026-03-02T09:00")).toBe("invalid_start");
  const result = isBookableStart({ ...query(), start: `${MONDAY}T09:05:00Z` });
  expect(result).toEqual({
    ok: false,
    reason: "off_grid",
    message: "Sessions start at the times listed; choose one of them.",
  });
  expect(isBookableStart({ ...query(), start: `${MONDAY}T09:00:00+00:00` }))
    .toEqual({
      ok: true,
      slot: {
        start: "2026-03-02T09:00:00.000Z",
        end: "2026-03-02T10:00:00.000Z",
      },
    });
});

Deno.test("slots: a bad duration or grid is a programming error", () => {
  expect(() => computeSlots(query({ durationMinutes: 0 }))).toThrow(RangeError);
  expect(() => computeSlots(query({ durationMinutes: 30.5 }))).toThrow(
    RangeError,
  );
  expect(() => computeSlots(query({ gridMinutes: 7 }))).toThrow(RangeError);
});
