import { expect } from "expect";
import { MINUTE_MS } from "../zone_clock.ts";
import { firstOnGrid, gridMs, isOnGrid } from "./grid.ts";

const KATHMANDU = (5 * 60 + 45) * MINUTE_MS;

Deno.test("grid: the grid must divide a day", () => {
  expect(gridMs(15)).toBe(15 * MINUTE_MS);
  expect(gridMs(1440)).toBe(1440 * MINUTE_MS);
  for (const bad of [0, 7, 1.5, -15, 1441, NaN]) {
    expect(() => gridMs(bad)).toThrow(RangeError);
  }
});

Deno.test("grid: alignment is on the local clock", () => {
  const grid = gridMs(15);
  const hour = gridMs(60);
  // 03:15Z is 09:00 in Kathmandu: on the hourly grid there, not in UTC.
  const instant = Date.UTC(2026, 2, 2, 3, 15);
  expect(isOnGrid(instant, KATHMANDU, hour)).toBe(true);
  expect(isOnGrid(instant, 0, hour)).toBe(false);
  expect(isOnGrid(instant, 0, grid)).toBe(true);
  expect(isOnGrid(instant + MINUTE_MS, KATHMANDU, grid)).toBe(false);
  // Negative offsets and instants before 1970 align the same way.
  expect(isOnGrid(Date.UTC(1969, 11, 31, 14, 30), -150 * MINUTE_MS, hour))
    .toBe(true);
});

Deno.test("grid: the first grid instant at or after a time", () => {
  const hour = gridMs(60);
  const start = Date.UTC(2026, 2, 2, 3, 0);
  expect(firstOnGrid(start, KATHMANDU, hour)).toBe(Date.UTC(2026, 2, 2, 3, 15));
  expect(firstOnGrid(Date.UTC(2026, 2, 2, 3, 15), KATHMANDU, hour)).toBe(
    Date.UTC(2026, 2, 2, 3, 15),
  );
  expect(firstOnGrid(start + 1, 0, hour)).toBe(Date.UTC(2026, 2, 2, 4, 0));
});
