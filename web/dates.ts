/**
 * Dates and times as pages write them, on the reader's clock. Apart from
 * web/format.ts (which re-exports them) so islands can show times exactly as
 * the server drew them without bundling what the rest of it imports.
 */

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
