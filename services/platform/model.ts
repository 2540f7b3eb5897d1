/**
 * The concepts every feature shares, each defined once: services validate
 * with these, the API documents them, pages show their messages. A rule that
 * changes here changes everywhere, so a value one part accepts is never
 * refused by another (a time zone the account accepted once could not be
 * approved on an expert profile).
 *
 * @example
 * ```ts
 * import { timeZoneSchema } from "./model.ts";
 * timeZoneSchema.parse("Europe/Paris"); // "Europe/Paris"
 * timeZoneSchema.safeParse("EST").success; // false: not a canonical IANA name
 * ```
 */
import { z } from "zod";
import { plainText } from "./plain_text.ts";
import timezones from "countries-and-timezones";
import { currencySchema, moneySchema } from "./money.ts";

export { currencySchema, moneySchema };
export type { Currency, Money } from "./money.ts";

// ---------------------------------------------------------------------------
// Time zones

const TZDB = timezones.getAllTimezones({ deprecated: true });

let canonicalZones: Set<string> | null = null;

/**
 * Canonical IANA zone names (from the tz database, not the runtime's ICU,
 * which still says `Asia/Calcutta` for `Asia/Kolkata`), plus `UTC`. Links
 * and legacy names (`EST`, `US/Eastern`, `Asia/Calcutta`) are not included:
 * each has one canonical name, and storing both spellings would let two
 * records of one zone disagree.
 */
export function canonicalTimeZones(): ReadonlySet<string> {
  canonicalZones ??= new Set([
    ...Object.values(TZDB)
      // "Factory" is the tz database's placeholder for "zone not set".
      .filter((zone) => zone.aliasOf === null && zone.name !== "Factory")
      .map((zone) => zone.name),
    "UTC",
  ]);
  return canonicalZones;
}

/** Canonical zone names in order, for pickers. */
export function timeZoneNames(): string[] {
  return [...canonicalTimeZones()].sort();
}

/** True for a canonical IANA zone name. */
export function isCanonicalTimeZone(zone: string): boolean {
  return canonicalTimeZones().has(zone);
}

let runtimeZones: Set<string> | null = null;

/**
 * The canonical name for `zone`: itself when canonical; the tz database's
 * target for a name the runtime itself reports (browsers detect
 * `Asia/Calcutta` and `Europe/Kiev`); null for anything else, including
 * abbreviations and legacy links such as `EST` or `US/Eastern`, which name
 * an offset or a rule set rather than a place.
 */
export function canonicalTimeZoneOf(zone: string): string | null {
  if (isCanonicalTimeZone(zone)) return zone;
  runtimeZones ??= new Set(Intl.supportedValuesOf("timeZone"));
  if (!runtimeZones.has(zone)) return null;
  const target = TZDB[zone as keyof typeof TZDB]?.aliasOf;
  return target && isCanonicalTimeZone(target) ? target : null;
}

export const TIME_ZONE_MESSAGE =
  "Choose a time zone from the list, such as Europe/Paris or America/New_York.";

/**
 * A canonical IANA time zone name such as `Europe/Paris` (or `UTC`). A
 * runtime's older spelling of a place (`Asia/Calcutta`) is stored as its
 * canonical name; anything else is refused.
 */
export const timeZoneSchema = z.string().trim().max(64).transform((
  zone,
  ctx,
) => {
  const canonical = canonicalTimeZoneOf(zone);
  if (canonical === null) {
    ctx.addIssue({ code: "custom", message: TIME_ZONE_MESSAGE });
    return z.NEVER;
  }
  return canonical;
}).meta({
  description: "A canonical IANA time zone name, e.g. Europe/Paris.",
  example: "Europe/Paris",
});

// ---------------------------------------------------------------------------
// Languages

/** A two-letter ISO 639-1 language code, lower-cased. */
export const languageCodeSchema = z.string().trim().toLowerCase().regex(
  /^[a-z]{2}$/,
  'Use a two-letter language code such as "en".',
).meta({ description: "ISO 639-1 language code.", example: "en" });

// ---------------------------------------------------------------------------
// Money

/** A positive amount in the currency's minor unit (cents, pence, paise). */
export const amountMinorSchema = z.number().int(
  "Use a whole number of the currency's smallest unit (cents).",
).positive("The amount must be more than zero.").max(Number.MAX_SAFE_INTEGER);

// ---------------------------------------------------------------------------
// People

export const EMAIL_MAX_LENGTH = 254;

/** Trimmed, lower-cased, valid email address. */
export const emailSchema = z.string().trim().toLowerCase().max(
  EMAIL_MAX_LENGTH,
  `Use at most ${EMAIL_MAX_LENGTH} characters.`,
).pipe(z.email("Enter a valid email address."));

export const NAME_MAX_LENGTH = 100;

/** A person's display name: one line under the text rule (plain_text.ts). */
export const personNameSchema = plainText(
  z.string().trim().min(1, "Tell us your name.")
    .max(NAME_MAX_LENGTH, `Use at most ${NAME_MAX_LENGTH} characters.`),
);

export const ROLES = ["learner", "expert", "admin"] as const;
export type Role = typeof ROLES[number];
export const roleSchema = z.enum(ROLES);

/** The roles a person picks at sign-up; admins are only ever configured. */
export const SIGNUP_ROLES = ["learner", "expert"] as const;
export const signupRoleSchema = z.enum(SIGNUP_ROLES);

// ---------------------------------------------------------------------------
// Ids and paging

/**
 * No id or slug of ours is longer; a longer one names nothing, and would
 * otherwise reach Deno KV as a key near its 2 KiB limit.
 */
export const MAX_ID_LENGTH = 64;

/** A record id (ULID) or slug as it arrives in a path or body. */
export const idSchema = z.string().min(1).max(MAX_ID_LENGTH);

/** True when `value` could be one of our ids; anything else names nothing. */
export function isIdShaped(value: string): boolean {
  return value.length > 0 && value.length <= MAX_ID_LENGTH;
}

export const PAGE_LIMIT_MAX = 100;
export const PAGE_LIMIT_DEFAULT = 20;

/** The opaque continuation token of a paged list. */
export const cursorSchema = z.string().max(1000).meta({
  description: "The nextCursor of the previous page.",
});

/** How many items one page holds. */
export const pageLimitSchema = z.coerce.number().int().min(1).max(
  PAGE_LIMIT_MAX,
).meta({ description: `Results per page, 1 to ${PAGE_LIMIT_MAX}.` });

/** The query of any paged list: `?cursor=&limit=`. */
export const pageQuerySchema = z.object({
  cursor: cursorSchema.optional(),
  limit: pageLimitSchema.optional(),
});
