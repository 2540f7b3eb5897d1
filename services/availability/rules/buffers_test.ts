import { expect } from "expect";
import { availability } from "../test_fixtures.ts";
import { busySpans, isFree, occupiedSpan } from "./buffers.ts";

const MINUTE = 60_000;

Deno.test("buffers: a session occupies its buffers too", () => {
  const rules = availability({
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 5,
  });
  expect(occupiedSpan(rules, 60 * MINUTE, 120 * MINUTE)).toEqual({
    start: 50 * MINUTE,
    end: 125 * MINUTE,
  });
});

Deno.test("buffers: busy times merge, and touching is not overlapping", () => {
  const busy = busySpans([
    { start: "2026-03-02T10:30:00Z", end: "2026-03-02T11:00:00Z" },
    { start: "2026-03-02T10:00:00Z", end: "2026-03-02T10:30:00Z" },
    { start: new Date("2026-03-02T14:00:00Z"), end: "2026-03-02T15:00:00Z" },
    // Empty and inverted ranges block nothing.
    { start: "2026-03-02T12:00:00Z", end: "2026-03-02T12:00:00Z" },
    { start: "2026-03-02T13:00:00Z", end: "2026-03-02T12:30:00Z" },
  ]);
  expect(busy).toEqual([
    { start: Date.UTC(2026, 2, 2, 10), end: Date.UTC(2026, 2, 2, 11) },
    { start: Date.UTC(2026, 2, 2, 14), end: Date.UTC(2026, 2, 2, 15) },
  ]);
  const span = (h1: number, m1: number, h2: number, m2: number) => ({
    start: Date.UTC(2026, 2, 2, h1, m1),
    end: Date.UTC(2026, 2, 2, h2, m2),
  });
  expect(isFree(busy, span(9, 0, 10, 0))).toBe(true);
  expect(isFree(busy, span(9, 0, 10, 1))).toBe(false);
  expect(isFree(busy, span(10, 59, 12, 0))).toBe(false);
  expect(isFree(busy, span(11, 0, 14, 0))).toBe(true);
  expect(isFree(busy, span(12, 0, 16, 0))).toBe(false);
  expect(isFree(busy, span(15, 0, 16, 0))).toBe(true);
  expect(isFree([], span(0, 0, 23, 0))).toBe(true);
});
