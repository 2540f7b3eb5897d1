/**
 * Minimum notice: a slot starts no earlier than `minNoticeMinutes` after
 * now. A start before now is reported as in the past, not as short notice.
 */
import type { Availability } from "../model.ts";
import { MINUTE_MS } from "../zone_clock.ts";

/** The earliest instant a slot may start. */
export function earliestStart(
  availability: Availability,
  nowMs: number,
): number {
  return nowMs + availability.minNoticeMinutes * MINUTE_MS;
}
