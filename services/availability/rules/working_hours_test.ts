import { expect } from "expect";
import { at, availability } from "../test_fixtures.ts";
import { DAY_MS, ZoneClock } from "../zone_clock.ts";
import { withinWorkingHours, workingSpans } from "./working_hours.ts";

const iso = (ms: number) => new Date(ms).toISOString();

function spansOf(
  fields: Parameters<typeof availability>[0],
  from: string,
  to: string,
): string[] {
  const rules = availability(fields);
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  const clock = new ZoneClock(
    rules.timeZone,
    fromMs - 3 * DAY_MS,
    toMs + 3 * DAY_MS,
  );
  return workingSpans(rules, clock, fromMs, toMs).map((span) =>
    `${iso(span.start)} – ${iso(span.end)}`
  );
}

Deno.test("working hours: weekly periods land on their weekday in the expert's zone", () => {
  expect(
    spansOf(
      {
        timeZone: "Europe/Berlin",
        weekly: {
          mon: [{ start: "09:00", end: "12:00" }, {
            start: "13:00",
            end: "17:00",
          }],
        },
      },
      "2026-03-02T00:00:00Z", // a Monday
      "2026-03-03T00:00:00Z",
    ),
  ).toEqual([
    "2026-03-02T08:00:00.000Z – 2026-03-02T11:00:00.000Z",
    "2026-03-02T12:00:00.000Z – 2026-03-02T16:00:00.000Z",
  ]);
});

Deno.test("working hours: an override replaces the weekday's periods on its date", () => {
  const fields = {
    weekly: { mon: [{ start: "09:00", end: "17:00" }] },
    overrides: [
      { date: "2026-03-02", intervals: [] },
      { date: "2026-03-09", intervals: [{ start: "14:00", end: "15:00" }] },
    ],
  };
  expect(spansOf(fields, "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"))
    .toEqual([]);
  expect(spansOf(fields, "2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z"))
    .toEqual(["2026-03-09T14:00:00.000Z – 2026-03-09T15:00:00.000Z"]);
  expect(spansOf(fields, "2026-03-16T00:00:00Z", "2026-03-17T00:00:00Z"))
    .toEqual(["2026-03-16T09:00:00.000Z – 2026-03-16T17:00:00.000Z"]);
});

Deno.test("working hours: a period crossing midnight belongs to the day it starts on", () => {
  const fields = {
    weekly: { fri: [{ start: "22:00", end: "02:00" }] },
    // A day off on Saturday does not cut Friday night short.
    overrides: [{ date: "2026-03-07", intervals: [] }],
  };
  expect(spansOf(fields, "2026-03-07T00:00:00Z", "2026-03-08T00:00:00Z"))
    .toEqual(["2026-03-06T22:00:00.000Z – 2026-03-07T02:00:00.000Z"]);
  // A day off on the Friday removes the whole night.
  expect(
    spansOf(
      { ...fields, overrides: [{ date: "2026-03-06", intervals: [] }] },
      "2026-03-06T00:00:00Z",
      "2026-03-08T00:00:00Z",
    ),
  ).toEqual([]);
});

Deno.test("working hours: periods touching at midnight are one span", () => {
  expect(
    spansOf(
      {
        weekly: {
          mon: [{ start: "20:00", end: "24:00" }],
          tue: [{ start: "00:00", end: "02:00" }],
        },
      },
      "2026-03-02T00:00:00Z",
      "2026-03-04T00:00:00Z",
    ),
  ).toEqual(["2026-03-02T20:00:00.000Z – 2026-03-03T02:00:00.000Z"]);
});

Deno.test("working hours: times the clock skips start or end when it jumps past them", () => {
  const zone = "Europe/Berlin";
  // 29 March 2026: the clock jumps from 02:00 to 03:00.
  const fields = (start: string, end: string) => ({
    timeZone: zone,
    weekly: { sun: [{ start, end }] },
  });
  const day = ["2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z"] as const;
  expect(spansOf(fields("00:00", "02:30"), ...day)).toEqual([
    `${at("2026-03-29T00:00", zone)} – ${at("2026-03-29T03:00", zone)}`,
  ]);
  expect(spansOf(fields("02:30", "05:00"), ...day)).toEqual([
    `${at("2026-03-29T03:00", zone)} – ${at("2026-03-29T05:00", zone)}`,
  ]);
  expect(spansOf(fields("02:00", "02:30"), ...day)).toEqual([]);
});

Deno.test("working hours: a slot must fit inside one span", () => {
  const spans = [{ start: 100, end: 200 }, { start: 300, end: 400 }];
  expect(withinWorkingHours(spans, 100, 200)).toBe(true);
  expect(withinWorkingHours(spans, 150, 201)).toBe(false);
  expect(withinWorkingHours(spans, 90, 120)).toBe(false);
  expect(withinWorkingHours(spans, 200, 250)).toBe(false);
  expect(withinWorkingHours(spans, 350, 400)).toBe(true);
  expect(withinWorkingHours(spans, 400, 450)).toBe(false);
});
