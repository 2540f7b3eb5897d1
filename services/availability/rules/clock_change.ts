/**
 * No slot spans a change of the expert's UTC offset: its length on the
 * expert's wall clock must equal its real length. A 60-minute session from
 * 01:30 on a spring-forward night would read 01:30–03:30, one on a fall-back
 * night 02:30–02:30; either invites a no-show. A slot may start at the very
 * instant of a change (it reads 03:00–04:00), but not end there (01:00–03:00
 * would read two hours). In a repeated hour both showings are offered where
 * they fit: they are different instants, listed in UTC.
 */
import type { ZoneClock } from "../zone_clock.ts";

/** True when the offset in force at `start` is not the one at `end`. */
export function straddlesClockChange(
  clock: ZoneClock,
  start: number,
  end: number,
): boolean {
  return end >= clock.spanAt(start).end;
}
