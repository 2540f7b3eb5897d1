import { expect } from "expect";
import {
  availabilityInputSchema,
  instantSchema,
  intervalMinutes,
  MAX_INTERVALS_PER_DAY,
  MAX_OVERRIDES,
} from "./model.ts";

function problems(input: unknown): Record<string, string[]> {
  const result = availabilityInputSchema.safeParse(input);
  if (result.success) return {};
  const found: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    (found[issue.path.join(".") || "_root"] ??= []).push(issue.message);
  }
  return found;
}

const base = { timeZone: "Europe/Berlin", weekly: {} };

Deno.test("availability: the issue's API shape parses, with defaults filled in", () => {
  const parsed = availabilityInputSchema.parse({
    timeZone: "Europe/Berlin",
    weekly: {
      mon: [{ start: "13:00", end: "17:00" }, { start: "09:00", end: "12:00" }],
    },
    overrides: [
      { date: "2026-12-31", intervals: [{ start: "10:00", end: "12:00" }] },
      { date: "2026-12-24", intervals: [] },
    ],
  });
  expect(parsed).toEqual({
    timeZone: "Europe/Berlin",
    weekly: {
      mon: [{ start: "09:00", end: "12:00" }, { start: "13:00", end: "17:00" }],
      tue: [],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    },
    overrides: [
      { date: "2026-12-24", intervals: [] },
      { date: "2026-12-31", intervals: [{ start: "10:00", end: "12:00" }] },
    ],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 240,
    horizonDays: 60,
    dailyLimit: null,
    paused: false,
  });
  // The parsed form parses to itself: what is stored is accepted back.
  expect(availabilityInputSchema.parse(parsed)).toEqual(parsed);
});

Deno.test("availability: a runtime's older zone name is stored canonically", () => {
  const parsed = availabilityInputSchema.parse({
    ...base,
    timeZone: "Asia/Calcutta",
  });
  expect(parsed.timeZone).toBe("Asia/Kolkata");
});

Deno.test("availability: unknown zones, bad times and empty periods are named plainly", () => {
  expect(problems({ ...base, timeZone: "Mars/Olympus" }).timeZone).toEqual([
    "Choose a time zone from the list, such as Europe/Paris or America/New_York.",
  ]);
  expect(problems({ ...base, timeZone: "EST" }).timeZone).toHaveLength(1);
  const bad = problems({
    ...base,
    weekly: {
      mon: [{ start: "9:00", end: "12:00" }],
      tue: [{ start: "10:00", end: "25:00" }],
      wed: [{ start: "10:00", end: "10:00" }],
      thu: [{ start: "24:00", end: "02:00" }],
      fri: [{ start: "10:60", end: "11:00" }],
    },
  });
  const timeMessage =
    'Write times as HH:MM on a 24-hour clock, such as "09:00" or "17:30".';
  expect(bad["weekly.mon.0.start"]).toEqual([timeMessage]);
  expect(bad["weekly.tue.0.end"]).toEqual([timeMessage]);
  expect(bad["weekly.fri.0.start"]).toEqual([timeMessage]);
  expect(bad["weekly.wed.0.end"]).toEqual([
    "10:00–10:00 is empty: the end must differ from the start (00:00–24:00 is the whole day).",
  ]);
  expect(bad["weekly.thu.0.start"]).toEqual([
    "A period cannot start at 24:00; start it at 00:00 instead.",
  ]);
  // A malformed period is reported once, not again as an overlap.
  expect(Object.keys(bad).sort()).toEqual([
    "weekly.fri.0.start",
    "weekly.mon.0.start",
    "weekly.thu.0.start",
    "weekly.tue.0.end",
    "weekly.wed.0.end",
  ]);
});

Deno.test("availability: overlapping weekly periods are refused, touching ones are fine", () => {
  expect(
    problems({
      ...base,
      weekly: {
        mon: [{ start: "09:00", end: "12:00" }, {
          start: "11:30",
          end: "13:00",
        }],
      },
    }),
  ).toEqual({
    "weekly.mon.1": [
      "Monday 09:00–12:00 overlaps Monday 11:30–13:00. Periods must not overlap; join them into one.",
    ],
  });
  expect(
    problems({
      ...base,
      weekly: {
        mon: [{ start: "09:00", end: "12:00" }, {
          start: "12:00",
          end: "24:00",
        }],
        tue: [{ start: "00:00", end: "01:00" }],
      },
    }),
  ).toEqual({});
});

Deno.test("availability: a period crossing midnight may not overlap the next day's, Sunday into Monday included", () => {
  expect(
    problems({
      ...base,
      weekly: {
        fri: [{ start: "22:00", end: "02:00" }],
        sat: [{ start: "01:00", end: "05:00" }],
      },
    }),
  ).toEqual({
    "weekly.sat.0": [
      "Friday 22:00–02:00 (ending Saturday) overlaps Saturday 01:00–05:00. Periods must not overlap; join them into one.",
    ],
  });
  expect(
    problems({
      ...base,
      weekly: {
        sun: [{ start: "23:00", end: "01:00" }],
        mon: [{ start: "00:30", end: "03:00" }],
      },
    }),
  ).toEqual({
    "weekly.mon.0": [
      "Sunday 23:00–01:00 (ending Monday) overlaps Monday 00:30–03:00. Periods must not overlap; join them into one.",
    ],
  });
  expect(
    problems({
      ...base,
      weekly: {
        sun: [{ start: "23:00", end: "01:00" }],
        mon: [{ start: "01:00", end: "03:00" }],
      },
    }),
  ).toEqual({});
});

Deno.test("availability: a period's minutes count from the start of its own day", () => {
  expect(intervalMinutes({ start: "09:00", end: "17:30" })).toEqual({
    start: 540,
    end: 1050,
  });
  expect(intervalMinutes({ start: "09:00", end: "24:00" })).toEqual({
    start: 540,
    end: 1440,
  });
  expect(intervalMinutes({ start: "22:00", end: "02:00" })).toEqual({
    start: 1320,
    end: 1560,
  });
  expect(intervalMinutes({ start: "00:00", end: "24:00" })).toEqual({
    start: 0,
    end: 1440,
  });
});

Deno.test("availability: override dates must exist, appear once, and hold no overlaps", () => {
  expect(
    problems({
      ...base,
      overrides: [
        { date: "2026-02-30", intervals: [] },
        { date: "24.12.2026", intervals: [] },
        { date: "2026-12-24", intervals: [] },
        {
          date: "2026-12-24",
          intervals: [
            { start: "10:00", end: "12:00" },
            { start: "11:00", end: "13:00" },
          ],
        },
      ],
    }),
  ).toEqual({
    "overrides.0.date": ["2026-02-30 is not a date on the calendar."],
    "overrides.1.date": [
      'Write dates as YYYY-MM-DD, such as "2026-12-24".',
    ],
    "overrides.3.intervals.1": [
      "On 2026-12-24, 10:00–12:00 overlaps 11:00–13:00. Periods must not overlap; join them into one.",
    ],
    "overrides.3.date": [
      "2026-12-24 is listed twice; give each date once with all its periods.",
    ],
  });
});

Deno.test("availability: numbers out of range and unknown fields are refused", () => {
  const found = problems({
    ...base,
    bufferBeforeMinutes: -5,
    bufferAfterMinutes: 241,
    minNoticeMinutes: 1.5,
    horizonDays: 0,
    dailyLimit: 0,
    paused: "yes",
    buffer: 10,
  });
  expect(found._root).toEqual([
    'Unknown field "buffer"; see the availability fields in the API documentation.',
  ]);
  expect(found.bufferBeforeMinutes).toEqual([
    "Buffer before: use a whole number of minutes from 0 to 240.",
  ]);
  expect(found.bufferAfterMinutes).toEqual([
    "Buffer after: use a whole number of minutes from 0 to 240.",
  ]);
  expect(found.minNoticeMinutes).toEqual([
    "Minimum notice: use a whole number of minutes from 0 to 43200.",
  ]);
  expect(found.horizonDays).toEqual([
    "Booking horizon: use a whole number of days from 1 to 365.",
  ]);
  expect(found.dailyLimit).toEqual([
    "Daily limit: use a whole number of sessions from 1 to 48, or leave it empty for no limit.",
  ]);
  expect(found.paused).toEqual(["Paused: use true or false."]);
  expect(problems({ ...base, weekly: { monday: [] } }).weekly).toEqual([
    "Use the weekday keys mon, tue, wed, thu, fri, sat, sun.",
  ]);
  expect(problems(null)._root).toEqual(["Send availability as a JSON object."]);
});

Deno.test("availability: too many periods a day or overrides are refused", () => {
  const periods = Array.from({ length: MAX_INTERVALS_PER_DAY + 1 }, (_, i) => ({
    start: `${String(i).padStart(2, "0")}:00`,
    end: `${String(i).padStart(2, "0")}:30`,
  }));
  expect(problems({ ...base, weekly: { mon: periods } })["weekly.mon"])
    .toEqual([`Use at most ${MAX_INTERVALS_PER_DAY} periods a day.`]);
  const start = Temporal.PlainDate.from("2027-01-01");
  const overrides = Array.from({ length: MAX_OVERRIDES + 1 }, (_, i) => ({
    date: start.add({ days: i }).toString(),
    intervals: [],
  }));
  expect(problems({ ...base, overrides }).overrides).toEqual([
    `Keep at most ${MAX_OVERRIDES} date overrides; past dates are dropped when saving.`,
  ]);
});

Deno.test("instants: ISO instants with an offset are normalised to UTC; others refused", () => {
  expect(instantSchema.parse("2026-03-29T09:00:00+02:00")).toBe(
    "2026-03-29T07:00:00.000Z",
  );
  expect(instantSchema.parse("2026-03-29T07:00Z")).toBe(
    "2026-03-29T07:00:00.000Z",
  );
  for (const bad of ["2026-03-29T09:00", "tomorrow", "", "2026-13-01T00:00Z"]) {
    expect(instantSchema.safeParse(bad).success).toBe(false);
  }
});
