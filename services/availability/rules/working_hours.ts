/**
 * Working hours: the expert's weekly periods, replaced on a date by that
 * date's override, laid out on the expert's wall clock. A slot must lie
 * wholly inside one working span; periods that touch (Monday until 24:00,
 * Tuesday from 00:00) are one span, so a session may run across them.
 *
 * A period belongs to the local date it starts on (see ../model.ts), so the
 * expansion starts a day early: last night's 22:00–02:00 reaches into the
 * first morning asked about.
 */
import {
  type Availability,
  type Interval,
  intervalMinutes,
  WEEKDAYS,
} from "../model.ts";
import { firstEndingAfter, mergeSpans, type Span } from "../spans.ts";
import { dateOfDay, weekdayOfDay, type ZoneClock } from "../zone_clock.ts";

const overridesByDate = new WeakMap<Availability, Map<string, Interval[]>>();

/** The periods starting on local day `day`: its override's, else its weekday's. */
export function intervalsOfDay(
  availability: Availability,
  day: number,
): readonly Interval[] {
  let overrides = overridesByDate.get(availability);
  if (overrides === undefined) {
    overrides = new Map(
      availability.overrides.map((override) => [
        override.date,
        override.intervals,
      ]),
    );
    overridesByDate.set(availability, overrides);
  }
  return overrides.get(dateOfDay(day)) ??
    availability.weekly[WEEKDAYS[weekdayOfDay(day)]];
}

/**
 * The working spans that overlap `[fromMs, toMs)`, merged and whole (not
 * cut at the range), so a slot near either end can be checked against the
 * span's true end.
 */
export function workingSpans(
  availability: Availability,
  clock: ZoneClock,
  fromMs: number,
  toMs: number,
): Span[] {
  const spans: Span[] = [];
  const lastDay = clock.localDay(toMs);
  for (let day = clock.localDay(fromMs) - 1; day <= lastDay; day++) {
    for (const interval of intervalsOfDay(availability, day)) {
      const { start, end } = intervalMinutes(interval);
      spans.push({
        start: clock.instantOf(day, start),
        end: clock.instantOf(day, end),
      });
    }
  }
  return mergeSpans(spans).filter((span) =>
    span.end > fromMs && span.start < toMs
  );
}

/** True when `[start, end)` lies inside one of the merged `spans`. */
export function withinWorkingHours(
  spans: readonly Span[],
  start: number,
  end: number,
): boolean {
  const index = firstEndingAfter(spans, start);
  return index < spans.length && spans[index].start <= start &&
    end <= spans[index].end;
}
