import { expect } from "expect";
import { at, availability } from "../test_fixtures.ts";
import { DAY_MS, ZoneClock } from "../zone_clock.ts";
import { horizonEnd } from "./horizon.ts";

function endOf(timeZone: string, horizonDays: number, now: string): string {
  const nowMs = Date.parse(now);
  const clock = new ZoneClock(timeZone, nowMs - DAY_MS, nowMs + 400 * DAY_MS);
  const ms = horizonEnd(availability({ timeZone, horizonDays }), clock, nowMs);
  return new Date(ms).toISOString();
}

Deno.test("horizon: the last bookable day is today plus the horizon, in the expert's calendar", () => {
  const zone = "Europe/Berlin";
  // 15:00 UTC on 10 March is 16:00 in Berlin: today is the 10th there.
  expect(endOf(zone, 1, "2026-03-10T15:00:00Z")).toBe(
    at("2026-03-12T00:00", zone),
  );
  // 23:30 UTC on 10 March is already the 11th in Berlin.
  expect(endOf(zone, 1, "2026-03-10T23:30:00Z")).toBe(
    at("2026-03-13T00:00", zone),
  );
});

Deno.test("horizon: a horizon across a clock change still ends at local midnight", () => {
  const zone = "America/New_York";
  expect(endOf(zone, 30, "2026-02-20T12:00:00Z")).toBe(
    at("2026-03-23T00:00", zone),
  );
  expect(endOf(zone, 30, "2026-02-20T12:00:00Z")).toBe(
    "2026-03-23T04:00:00.000Z",
  );
});
