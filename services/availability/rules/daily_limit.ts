/**
 * The daily limit: at most `dailyLimit` sessions start on one local date of
 * the expert. A session counts on the date its start falls on in the
 * expert's zone (`localDateOf`), which is how the caller's
 * `bookedPerLocalDay` must be counted too.
 */
import type { Availability } from "../model.ts";

/** Sessions already on each local date "YYYY-MM-DD". */
export type BookedPerLocalDay = ReadonlyMap<string, number>;

/** True when local date `date` has no room for another session. */
export function dayIsFull(
  availability: Availability,
  date: string,
  booked: BookedPerLocalDay,
): boolean {
  return availability.dailyLimit !== null &&
    (booked.get(date) ?? 0) >= availability.dailyLimit;
}
