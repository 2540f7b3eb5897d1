/**
 * The grid: slots start on the expert's wall clock at whole multiples of the
 * grid from local midnight (every 15 minutes by default: :00, :15, :30, :45).
 * Alignment is in local time, so an expert in Asia/Kathmandu (+05:45) offers
 * 09:00 local, not 09:00 UTC; the grid must divide a day so that every
 * local midnight is on it.
 */
import { MINUTES_PER_DAY } from "../model.ts";
import { MINUTE_MS } from "../zone_clock.ts";

export const DEFAULT_GRID_MINUTES = 15;

/** The grid in milliseconds; RangeError unless it divides a day. */
export function gridMs(gridMinutes: number): number {
  if (
    !Number.isInteger(gridMinutes) || gridMinutes < 1 ||
    MINUTES_PER_DAY % gridMinutes !== 0
  ) {
    throw new RangeError(
      `The slot grid must be a whole number of minutes dividing a day, not ${gridMinutes}.`,
    );
  }
  return gridMinutes * MINUTE_MS;
}

function remainder(ms: number, offsetMs: number, grid: number): number {
  return (((ms + offsetMs) % grid) + grid) % grid;
}

/** True when instant `ms`, read with UTC offset `offsetMs`, is on the grid. */
export function isOnGrid(ms: number, offsetMs: number, grid: number): boolean {
  return remainder(ms, offsetMs, grid) === 0;
}

/** The first instant at or after `ms` on the grid, for offset `offsetMs`. */
export function firstOnGrid(
  ms: number,
  offsetMs: number,
  grid: number,
): number {
  const rest = remainder(ms, offsetMs, grid);
  return rest === 0 ? ms : ms + grid - rest;
}
