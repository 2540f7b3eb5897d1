/**
 * Buffers: a session occupies the expert from `bufferBeforeMinutes` before
 * its start to `bufferAfterMinutes` after its end, and that whole stretch
 * must be free of busy time. Busy times are given as the time they occupy
 * (an existing booking with its own buffers, a hold, an external calendar
 * event), so two sessions end up at least after + before apart. Buffers may
 * fall outside working hours (preparing for a 09:00 session at 08:45 is
 * fine); only busy time blocks them.
 */
import type { Availability } from "../model.ts";
import { firstEndingAfter, mergeSpans, type Span } from "../spans.ts";
import { type InstantInput, MINUTE_MS, toEpochMs } from "../zone_clock.ts";

/** A busy stretch as the caller has it: UTC instants, end exclusive. */
export interface BusyInput {
  start: InstantInput;
  end: InstantInput;
}

/** What a session `[start, end)` occupies with its buffers. */
export function occupiedSpan(
  availability: Availability,
  start: number,
  end: number,
): Span {
  return {
    start: start - availability.bufferBeforeMinutes * MINUTE_MS,
    end: end + availability.bufferAfterMinutes * MINUTE_MS,
  };
}

/** Busy times as sorted, merged spans for `isFree`. */
export function busySpans(busy: readonly BusyInput[]): Span[] {
  return mergeSpans(
    busy.map((range) => ({
      start: toEpochMs(range.start),
      end: toEpochMs(range.end),
    })),
  );
}

/** True when `span` meets none of the merged `busy` spans. */
export function isFree(busy: readonly Span[], span: Span): boolean {
  const index = firstEndingAfter(busy, span.start);
  return index === busy.length || busy[index].start >= span.end;
}
