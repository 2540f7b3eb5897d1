import { expect } from "expect";
import { ZoneClock } from "../zone_clock.ts";
import { straddlesClockChange } from "./clock_change.ts";

Deno.test("clock change: a slot may start at a change but not span or end at one", () => {
  const clock = new ZoneClock(
    "Europe/Berlin",
    Date.UTC(2026, 2, 1),
    Date.UTC(2026, 3, 1),
  );
  const change = Date.UTC(2026, 2, 29, 1); // 02:00 CET becomes 03:00 CEST
  const hour = 3_600_000;
  expect(straddlesClockChange(clock, change - 2 * hour, change - hour)).toBe(
    false,
  );
  expect(straddlesClockChange(clock, change - hour / 2, change + hour / 2))
    .toBe(true);
  expect(straddlesClockChange(clock, change - hour, change)).toBe(true);
  expect(straddlesClockChange(clock, change, change + hour)).toBe(false);
});
