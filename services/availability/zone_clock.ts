/**
 * The expert's wall clock, as the slot rules need it: which UTC offset is in
 * force at an instant, which local date an instant falls on, and the instant
 * at which the clock first shows a given local time.
 *
 * The zone's offsets come from Temporal (its time zone database) once per
 * computation: `ZoneClock` asks `ZonedDateTime.getTimeZoneTransition` for
 * every offset change in the range and keeps the offsets as spans. After
 * that each question is integer arithmetic, so expanding sixty days of
 * hours costs microseconds rather than a Temporal call per period. Tests
 * check the answers against `Temporal.ZonedDateTime` directly.
 *
 * Daylight-saving changes, decided here once for every rule:
 * - a time the clock skips (02:30 on a spring-forward night in Berlin) is
 *   reached at the moment the clock jumps past it, so 00:00–02:30 ends, and
 *   02:30–05:00 begins, at 03:00 CEST: the expert is never booked after the
 *   end they gave, nor loses more than the hour that does not exist;
 * - a time the clock shows twice (02:30 on a fall-back night) means its first
 *   showing (Temporal's `disambiguation: "earlier"`);
 * - local dates and grid alignment use the offset in force at the instant.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** An instant as the rules accept it: a Date, an ISO string with offset, ms. */
export type InstantInput = Date | string | number | Temporal.Instant;

/** `instant` as epoch milliseconds; throws RangeError when it is not one. */
export function toEpochMs(instant: InstantInput): number {
  let ms: number;
  if (instant instanceof Date) ms = instant.getTime();
  else if (typeof instant === "number") ms = instant;
  else if (typeof instant === "string") {
    ms = Temporal.Instant.from(instant).epochMilliseconds;
  } else ms = instant.epochMilliseconds;
  if (!Number.isFinite(ms)) throw new RangeError(`Not an instant: ${instant}`);
  return ms;
}

/** A stretch of time `[start, end)` over which the zone's offset is fixed. */
export interface OffsetSpan {
  start: number;
  end: number;
  offsetMs: number;
}

const dateCache = new Map<number, string>();

/** "YYYY-MM-DD" of a day counted from 1970-01-01 (day 0). */
export function dateOfDay(day: number): string {
  let date = dateCache.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dateCache.size > 10_000) dateCache.clear();
    dateCache.set(day, date);
  }
  return date;
}

/** The day number (from 1970-01-01) of a "YYYY-MM-DD" date. */
export function dayOfDate(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The wall clock of one zone over a range of instants. */
export class ZoneClock {
  /** Contiguous spans; the first starts at -Infinity, the last ends at +Infinity. */
  readonly spans: OffsetSpan[] = [];

  /**
   * Reads the zone's offsets over `[fromMs, toMs)`. Answers about instants
   * outside the range assume no offset change there, so callers give a range
   * with a few days' margin around what they ask about.
   */
  constructor(readonly timeZone: string, fromMs: number, toMs: number) {
    let zoned = Temporal.Instant.fromEpochMilliseconds(fromMs)
      .toZonedDateTimeISO(timeZone);
    let offsetMs = zoned.offsetNanoseconds / 1e6;
    let start = -Infinity;
    for (;;) {
      const next = zoned.getTimeZoneTransition("next");
      if (next === null || next.epochMilliseconds >= toMs) break;
      const nextOffset = next.offsetNanoseconds / 1e6;
      if (nextOffset !== offsetMs) {
        this.spans.push({ start, end: next.epochMilliseconds, offsetMs });
        start = next.epochMilliseconds;
        offsetMs = nextOffset;
      }
      zoned = next;
    }
    this.spans.push({ start, end: Infinity, offsetMs });
  }

  /** The span holding instant `ms`. */
  spanAt(ms: number): OffsetSpan {
    const spans = this.spans;
    for (let i = 0; i < spans.length; i++) {
      if (ms < spans[i].end) return spans[i];
    }
    return spans[spans.length - 1];
  }

  /** The local day number (see dateOfDay) that instant `ms` falls on. */
  localDay(ms: number): number {
    return Math.floor((ms + this.spanAt(ms).offsetMs) / DAY_MS);
  }

  /** The local date "YYYY-MM-DD" that instant `ms` falls on. */
  localDate(ms: number): string {
    return dateOfDay(this.localDay(ms));
  }

  /**
   * The first instant the clock shows `minutes` after the midnight that
   * starts local day `day` (minutes may pass 1440 into the next days). A
   * skipped time gives the instant the clock jumps past it.
   */
  instantOf(day: number, minutes: number): number {
    const local = day * DAY_MS + minutes * MINUTE_MS;
    const spans = this.spans;
    // Spans are in time order, so the first that holds it is the earliest.
    for (let i = 0; i < spans.length; i++) {
      const instant = local - spans[i].offsetMs;
      if (instant >= spans[i].start && instant < spans[i].end) return instant;
      const next = spans[i + 1];
      if (
        next !== undefined && local >= spans[i].end + spans[i].offsetMs &&
        local < spans[i].end + next.offsetMs
      ) return spans[i].end;
    }
    // Unreachable for contiguous spans; keep the type total.
    return local - spans[spans.length - 1].offsetMs;
  }
}

/** The local date "YYYY-MM-DD" of `instant` in `timeZone`. */
export function localDateOf(instant: InstantInput, timeZone: string): string {
  const ms = toEpochMs(instant);
  return new ZoneClock(timeZone, ms, ms + 1).localDate(ms);
}
