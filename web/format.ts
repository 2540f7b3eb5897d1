/**
 * Small, pure formatting helpers for pages (dates, sizes, languages,
 * initials, offerings).
 * Everything is rendered in English for now; the locale is a parameter so
 * translation later does not mean hunting down hard-coded calls.
 */

export {
  formatClock,
  formatDate,
  formatDateTime,
  formatInstant,
} from "./dates.ts";
import type { Offering } from "@/services/offerings/mod.ts";
import { formatMoney } from "@/services/platform/money.ts";

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });

// Made once: an Intl formatter costs far more to build than to use, and a
// chart labels dozens of months or days.
const utc = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" });
const MONTH_SHORT = utc({ month: "short" });
/** ICU's British English shortens September alone to four letters. */
const threeLetters = (label: string) => label.replace("Sept", "Sep");
const MONTH_LONG = utc({ month: "long" });
const DAY_SHORT = utc({ day: "numeric", month: "short" });
const DAY_LONG = utc({
  weekday: "short",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/**
 * Labels by key, made once: a chart asks for the same dozen months on
 * every page, and formatting a date costs more than the rest of a label.
 */
function remembered(
  make: (key: string) => { short: string; long: string },
): (key: string) => { short: string; long: string } {
  const made = new Map<string, { short: string; long: string }>();
  return (key) => {
    let labels = made.get(key);
    if (!labels) {
      labels = make(key);
      if (made.size >= 5_000) made.clear();
      made.set(key, labels);
    }
    return labels;
  };
}

/** "2026-03" → "Mar" (a chart's axis) and "March 2026" (its table). */
export const monthLabels = remembered((month) => {
  const date = new Date(`${month}-15T00:00:00Z`);
  return {
    short: threeLetters(MONTH_SHORT.format(date)),
    long: `${MONTH_LONG.format(date)} ${month.slice(0, 4)}`,
  };
});

/** "2026-03-09" → "9 Mar" (a chart's axis) and "Mon, 9 March 2026" (its table). */
export const dayLabels = remembered((day) => {
  const date = new Date(`${day}T00:00:00Z`);
  return {
    short: threeLetters(DAY_SHORT.format(date)),
    long: DAY_LONG.format(date),
  };
});

/** "es" → "Spanish"; an unknown code is shown as given rather than hidden. */
export function languageName(code: string): string {
  let name = namedLanguages.get(code);
  if (name === undefined) {
    try {
      name = languageNames.of(code) ?? code;
    } catch {
      name = code;
    }
    if (namedLanguages.size >= 1_000) namedLanguages.clear();
    namedLanguages.set(code, name);
  }
  return name;
}

/** Names already asked for: every browse page lists the same few dozen. */
const namedLanguages = new Map<string, string>();

/** "Ana María Silva" → "AS"; a single name gives one letter. Only letters count. */
export function initials(name: string): string {
  const words = name.split(/\s+/)
    .map((word) => word.match(/\p{L}/u)?.[0])
    .filter((letter): letter is string => letter !== undefined);
  if (words.length === 0) return "?";
  const last = words.length > 1 ? words[words.length - 1] : "";
  return (words[0] + last).toUpperCase();
}

// `toLocaleString` builds a formatter on every call; lists call this a lot.
const wholeNumber = new Intl.NumberFormat("en-US");

/** 1234 → "1,234". */
export function formatCount(count: number): string {
  return wholeNumber.format(count);
}

/** 1 → "1 review", 12 → "12 reviews". */
export function plural(count: number, singular: string, pluralForm?: string) {
  const word = count === 1 ? singular : (pluralForm ?? `${singular}s`);
  return `${formatCount(count)} ${word}`;
}

const conjunction = new Intl.ListFormat("en", { type: "conjunction" });

/** ["a", "b", "c"] → "a, b, and c". */
export function listOf(items: string[]): string {
  return conjunction.format(items);
}

/** "Europe/Lisbon" → "Europe/Lisbon (UTC+01:00)" today; unknown zones are shown as given. */
export function describeTimeZone(timeZone: string): string {
  // Offsets change on the hour at most, and a formatter with a zone costs
  // far more to make than the page it appears on: one per zone and hour.
  const key = `${timeZone}|${Math.floor(Date.now() / HOUR_MS)}`;
  let described = zoneDescriptions.get(key);
  if (described === undefined) {
    described = describeTimeZoneNow(timeZone);
    if (zoneDescriptions.size >= 1_000) zoneDescriptions.clear();
    zoneDescriptions.set(key, described);
  }
  return described;
}

const HOUR_MS = 3_600_000;
const zoneDescriptions = new Map<string, string>();

function describeTimeZoneNow(timeZone: string): string {
  try {
    const offset = new Intl.DateTimeFormat("en-US", {
      timeZone,
      timeZoneName: "longOffset",
    }).formatToParts(new Date()).find((part) => part.type === "timeZoneName")
      ?.value;
    const label = timeZone.replaceAll("_", " ");
    return offset ? `${label} (${offset.replace("GMT", "UTC")})` : label;
  } catch {
    return timeZone;
  }
}

/** "1.2 MB", "640 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** "60-minute session · $80.00". */
export function describeOffering(offering: Offering): string {
  const price = formatMoney({
    amountMinor: offering.priceMinor,
    currency: offering.currency,
  });
  return `${offering.durationMinutes}-minute session · ${price}`;
}
