/**
 * The booking horizon, counted in the expert's calendar days: with
 * `horizonDays: 60` a slot may start on any local date up to 60 days after
 * today, so the last bookable day is offered whole rather than cut at the
 * time of day it happens to be now.
 */
import type { Availability } from "../model.ts";
import type { ZoneClock } from "../zone_clock.ts";

/** The instant from which starts are beyond the horizon (exclusive bound). */
export function horizonEnd(
  availability: Availability,
  clock: ZoneClock,
  nowMs: number,
): number {
  return clock.instantOf(
    clock.localDay(nowMs) + availability.horizonDays + 1,
    0,
  );
}
