/**
 * Helpers for the availability tests: availability with test-friendly
 * defaults, and converting between UTC slots and wall-clock readings with
 * Temporal directly, so expectations never go through the code under test.
 */
import {
  type Availability,
  type AvailabilityInput,
  availabilityInputSchema,
} from "./model.ts";
import type { Slot } from "./slots.ts";

/** Parsed availability: no notice, a year's horizon, UTC, no hours unless given. */
export function availability(
  fields: Partial<AvailabilityInput> = {},
): Availability {
  return availabilityInputSchema.parse({
    timeZone: "UTC",
    weekly: {},
    minNoticeMinutes: 0,
    horizonDays: 365,
    ...fields,
  });
}

/** The instant (UTC ISO, ms) of wall-clock "YYYY-MM-DDTHH:MM" in `zone`. */
export function at(local: string, zone: string): string {
  const zoned = Temporal.PlainDateTime.from(local).toZonedDateTime(zone);
  return new Date(zoned.epochMilliseconds).toISOString();
}

/** "YYYY-MM-DD HH:MM" of `instant` on the clock of `zone`. */
export function wall(instant: string, zone: string): string {
  const zoned = Temporal.Instant.from(instant).toZonedDateTimeISO(zone);
  return `${zoned.toPlainDate()} ${
    zoned.toPlainTime().toString({ smallestUnit: "minute" })
  }`;
}

/** "HH:MM" of `instant` on the clock of `zone`. */
export function clockTime(instant: string, zone: string): string {
  return wall(instant, zone).slice(11);
}

/** Each slot's start as "HH:MM" in `zone`. */
export function startTimes(slots: Slot[], zone: string): string[] {
  return slots.map((slot) => clockTime(slot.start, zone));
}

/** Each slot's start as "HH:MM±HH:MM" (time and offset) in `zone`. */
export function startsWithOffset(slots: Slot[], zone: string): string[] {
  return slots.map((slot) => {
    const zoned = Temporal.Instant.from(slot.start).toZonedDateTimeISO(zone);
    return `${
      zoned.toPlainTime().toString({ smallestUnit: "minute" })
    }${zoned.offset}`;
  });
}
