/**
 * The slot use cases over the store: an expert's slots as the API lists
 * them (`{ timeZone, slots }`), and the check of one requested start with
 * the availability version it was made against, so a booking can commit
 * only if the expert's hours are still the ones it checked
 * (`atomic().check({ key: availabilityKey(expertId), versionstamp })`).
 *
 * Busy times and per-day counts come from the caller (bookings, holds,
 * external calendars live elsewhere); the time is the database's clock.
 */
import { clockFor } from "@/services/platform/clock.ts";
import {
  type BookableResult,
  computeSlots,
  isBookableStart,
  type Slot,
  type SlotRules,
} from "./slots.ts";
import { getAvailabilityEntry } from "./store.ts";
import type { InstantInput } from "./zone_clock.ts";

/** What the caller knows beyond the expert's own rules. */
export type ExpertSlotRules = Omit<SlotRules, "availability" | "now">;

/** The expert's zone and free slots starting in `[from, to)`. */
export async function expertSlots(
  kv: Deno.Kv,
  expertId: string,
  query: ExpertSlotRules & { from: InstantInput; to: InstantInput },
): Promise<{ timeZone: string; slots: Slot[] }> {
  const { availability } = await getAvailabilityEntry(kv, expertId);
  const slots = computeSlots({
    ...query,
    availability,
    now: clockFor(kv).now(),
  });
  return { timeZone: availability.timeZone, slots };
}

/**
 * Whether `start` may be booked with this expert now, and the version of
 * the availability that answer rests on (null: the expert never saved any).
 */
export async function checkExpertStart(
  kv: Deno.Kv,
  expertId: string,
  check: ExpertSlotRules & { start: InstantInput },
): Promise<BookableResult & { availabilityVersionstamp: string | null }> {
  const { availability, versionstamp } = await getAvailabilityEntry(
    kv,
    expertId,
  );
  const result = isBookableStart({
    ...check,
    availability,
    now: clockFor(kv).now(),
  });
  return { ...result, availabilityVersionstamp: versionstamp };
}
