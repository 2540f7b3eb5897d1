import { expect } from "expect";
import { moveStep, moveWindow } from "./move_window.ts";

const DAY = 86_400_000;
const NOW = Date.parse("2026-12-01T10:00:00Z");

Deno.test("the move week opens around the session and pages within now and the horizon", () => {
  // In three weeks: the week from three days before it.
  const far = moveWindow(NOW, NOW + 21 * DAY, 0, 62);
  expect([far.from, far.to]).toEqual([NOW + 18 * DAY, NOW + 25 * DAY]);
  expect([far.earlier, far.later]).toEqual([-1, 1]);
  // Earlier weeks stop at now.
  const earlier = moveWindow(NOW, NOW + 21 * DAY, -3, 62);
  expect([earlier.from, earlier.earlier]).toEqual([NOW, null]);
  // Tomorrow's session opens on the week from now.
  const soon = moveWindow(NOW, NOW + DAY, 0, 62);
  expect([soon.from, soon.to, soon.earlier]).toEqual([
    NOW,
    NOW + 7 * DAY,
    null,
  ]);
  // Later weeks stop at the horizon.
  const last = moveWindow(NOW, NOW + DAY, 8, 62);
  expect([last.from, last.to, last.later]).toEqual([
    NOW + 56 * DAY,
    NOW + 62 * DAY,
    null,
  ]);
});

Deno.test("?move= is a whole number of weeks, anything else the first week", () => {
  const step = (query: string) => moveStep(new URL(`http://x/b?${query}`));
  expect(step("move=2")).toBe(2);
  expect(step("move=-1")).toBe(-1);
  expect(step("")).toBe(0);
  expect(step("move=1.5")).toBe(0);
  expect(step("move=abc")).toBe(0);
  expect(step("move=9999")).toBe(0);
});
