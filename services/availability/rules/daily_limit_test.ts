import { expect } from "expect";
import { availability } from "../test_fixtures.ts";
import { dayIsFull } from "./daily_limit.ts";

Deno.test("daily limit: a day is full at the limit; null means no limit", () => {
  const booked = new Map([["2026-03-02", 2]]);
  expect(dayIsFull(availability({ dailyLimit: null }), "2026-03-02", booked))
    .toBe(false);
  expect(dayIsFull(availability({ dailyLimit: 2 }), "2026-03-02", booked))
    .toBe(true);
  expect(dayIsFull(availability({ dailyLimit: 3 }), "2026-03-02", booked))
    .toBe(false);
  expect(dayIsFull(availability({ dailyLimit: 1 }), "2026-03-03", booked))
    .toBe(false);
});
