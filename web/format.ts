/**
 * Small, pure formatting helpers for pages (dates, sizes, languages,
 * initials, offerings).
 * Everything is rendered in English for now; the locale is a parameter so
 * translation later does not mean hunting down hard-coded calls.
 */

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

/**
 * Date formatters by style, locale and zone, made once: making one costs
 * far more than formatting with it, and a page formats one date per review,
 * notification or conversation.
 */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The date styles pages use, each in any locale and zone. */
const DATE_STYLES = {
  "long date": { year: "numeric", month: "long", day: "numeric" },
  "date and time": { dateStyle: "medium", timeStyle: "short" },
  "clock": { hour: "2-digit", minute: "2-digit" },
  "instant": {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

function dateFormatter(
  style: keyof typeof DATE_STYLES,
  locale: string,
  timeZone: string,
): Intl.DateTimeFormat {
  const key = `${style}|${locale}|${timeZone}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      ...DATE_STYLES[style],
      timeZone,
    });
    if (dateFormatters.size >= 1_000) dateFormatters.clear();
    dateFormatters.set(key, formatter);
  }
  return formatter;
}

/** "2025-03-04T10:00:00Z" → "March 4, 2025" (in UTC, so it never shifts by a day). */
export function formatDate(iso: string, locale = "en-US"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormatter("long date", locale, "UTC").format(date);
}

/** "14:05" in `timeZone`. */
export function formatClock(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormatter("clock", "en-GB", timeZone).format(date);
}

/** "4 Mar 2025, 10:00" in `timeZone` (the locale orders the parts). */
export function formatDateTime(
  iso: string,
  timeZone: string,
  locale = "en-GB",
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormatter("date and time", locale, timeZone).format(date);
}

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

/**
 * "23 Nov 2026, 14:05 UTC", or on the reader's clock with its zone named
 * ("23 Nov 2026, 19:35 Asia/Kolkata"): unambiguous for every reader.
 */
export function formatInstant(iso: string, timeZone = "UTC"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${dateFormatter("instant", "en-GB", timeZone).format(date)} ${
    timeZone.replaceAll("_", " ")
  }`;
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
