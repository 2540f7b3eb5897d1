/**
 * Availability in Deno KV: one record per expert, read whole and replaced
 * whole.
 *
 * KV keys
 *   ["availability", expertId] → Availability   the whole record (parsed by
 *                                availabilityInputSchema, lists sorted). One
 *                                key, so slots come from one read, and a
 *                                booking can check this key's versionstamp
 *                                in its atomic() to commit only against the
 *                                hours it was validated with.
 *
 * An expert who never saved has no record; `getAvailability` then returns
 * the default: Monday to Friday 09:00–17:00 in the expert's profile zone,
 * paused. Paused because nobody should be booked at hours they never chose;
 * the hours are there so the page opens on a sensible week to adjust, and
 * saving it with `paused: false` is all it takes to open the calendar.
 *
 * Saving drops stored overrides for dates before yesterday in the expert's
 * zone (yesterday's may still run past midnight into today), so the
 * override limit counts dates that still matter. A past date being added
 * is refused instead: dropping it would say "saved" for nothing.
 */
import { getUser } from "@/services/auth/mod.ts";
import { getExpert, queueNextFreeRefresh } from "@/services/experts/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  ConflictError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import { canonicalTimeZoneOf } from "@/services/platform/model.ts";
import {
  type Availability,
  AVAILABILITY_DEFAULTS,
  availabilityInputSchema,
  INVALID_AVAILABILITY,
} from "./model.ts";
import { dayOfDate, ZoneClock } from "./zone_clock.ts";

/** The key of an expert's availability (a booking may check its version). */
export function availabilityKey(expertId: string): Deno.KvKey {
  return ["availability", expertId];
}

/** Availability with what a conditional save needs. */
export interface AvailabilityEntry {
  availability: Availability;
  /** The stored version; null when nothing is stored and this is the default. */
  versionstamp: string | null;
}

const nineToFive = () => [{ start: "09:00", end: "17:00" }];

/** The availability of an expert who never saved one (see the module comment). */
export function defaultAvailability(timeZone: string): Availability {
  return {
    timeZone,
    weekly: {
      mon: nineToFive(),
      tue: nineToFive(),
      wed: nineToFive(),
      thu: nineToFive(),
      fri: nineToFive(),
      sat: [],
      sun: [],
    },
    overrides: [],
    ...AVAILABILITY_DEFAULTS,
    paused: true,
  };
}

/**
 * The zone an expert's hours start in: their profile's, canonical; before
 * there is a profile (an application under review), their account's; UTC
 * when neither names a place.
 */
async function profileZone(kv: Deno.Kv, expertId: string): Promise<string> {
  const profile = await getExpert(kv, expertId);
  const zone = profile?.timeZone ?? (await getUser(kv, expertId))?.timeZone;
  return (zone && canonicalTimeZoneOf(zone)) ?? "UTC";
}

/** The stored availability and its versionstamp, or the default. */
export async function getAvailabilityEntry(
  kv: Deno.Kv,
  expertId: string,
): Promise<AvailabilityEntry> {
  const entry = await kv.get(availabilityKey(expertId));
  if (entry.versionstamp === null) {
    return {
      availability: defaultAvailability(await profileZone(kv, expertId)),
      versionstamp: null,
    };
  }
  // Stored records were parsed on the way in; parsing again canonicalises a
  // zone the tz database has since renamed, and refuses a corrupt record
  // loudly rather than computing slots from it.
  const parsed = availabilityInputSchema.safeParse(entry.value);
  if (!parsed.success) {
    throw new Error(
      `The stored availability of expert "${expertId}" is unreadable: ${parsed.error.message}`,
    );
  }
  return { availability: parsed.data, versionstamp: entry.versionstamp };
}

/** An expert's availability (the default when none is stored). */
export async function getAvailability(
  kv: Deno.Kv,
  expertId: string,
): Promise<Availability> {
  return (await getAvailabilityEntry(kv, expertId)).availability;
}

/**
 * Whether the expert's bookings are paused (as they are before the expert
 * first saves their hours). Reads the one flag, without the whole record's
 * validation, for pages that only say so.
 */
export async function bookingsPaused(
  kv: Deno.Kv,
  expertId: string,
): Promise<boolean> {
  const stored = (await kv.get<{ paused?: unknown }>(availabilityKey(expertId)))
    .value;
  return stored === null || stored.paused !== false;
}

export interface SaveOptions {
  /**
   * Save only if the stored version is still this one (what
   * getAvailabilityEntry returned; null: only if nothing is stored yet).
   * Left out, the save replaces whatever is stored.
   */
  ifVersionstamp?: string | null;
}

export const AVAILABILITY_CHANGED =
  "Your availability was changed elsewhere (in another tab?) since you opened it. Reload to see the latest and make your change again.";

/**
 * Validates `input` (ValidationError with a message per field) and replaces
 * the expert's availability. With `ifVersionstamp` the write commits only
 * if nothing changed since that read (ConflictError otherwise).
 */
export async function saveAvailability(
  kv: Deno.Kv,
  expertId: string,
  input: unknown,
  options: SaveOptions = {},
): Promise<AvailabilityEntry> {
  const parsed = parseInput(
    availabilityInputSchema,
    input,
    INVALID_AVAILABILITY,
  );
  const nowMs = clockFor(kv).now().getTime();
  const today = new ZoneClock(parsed.timeZone, nowMs, nowMs + 1).localDay(
    nowMs,
  );
  const stored = (await kv.get<Availability>(availabilityKey(expertId))).value;
  const storedDates = new Set(
    (stored?.overrides ?? []).map((override) => override.date),
  );
  // Keyed by the position as sent (parsing sorts them), as the schema's are.
  const sent = (input as { overrides?: { date?: unknown }[] }).overrides ?? [];
  const pastErrors: Record<string, string[]> = {};
  for (const { date } of parsed.overrides) {
    if (dayOfDate(date) >= today || storedDates.has(date)) continue;
    const index = sent.findIndex((override) => override?.date === date);
    pastErrors[`overrides.${index}.date`] = [
      `${date} has passed; choose today or a later date.`,
    ];
  }
  if (Object.keys(pastErrors).length > 0) {
    throw new ValidationError(INVALID_AVAILABILITY, pastErrors);
  }
  const availability: Availability = {
    ...parsed,
    overrides: parsed.overrides.filter((override) =>
      dayOfDate(override.date) >= today - 1
    ),
  };
  const key = availabilityKey(expertId);
  const result = await withLockRetry(() => {
    const atomic = kv.atomic();
    if (options.ifVersionstamp !== undefined) {
      atomic.check({ key, versionstamp: options.ifVersionstamp });
    }
    return atomic.set(key, availability).commit();
  });
  if (!result.ok) throw new ConflictError(AVAILABILITY_CHANGED);
  await queueNextFreeRefresh(kv, expertId);
  return { availability, versionstamp: result.versionstamp };
}
