/**
 * Instants written out for a person in messages that leave the site
 * (emails, texts, notices): on their clock, in words, with the zone named by
 * the caller where it matters.
 */

// toLocaleString builds a formatter per call; one per zone is kept instead.
const fullTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * `iso` on the clock of `timeZone`, e.g. "Tuesday, 1 December 2026 at 10:00".
 *
 * @example
 * `When: ${localTime(booking.start, zone)} (${zone})`
 */
export function localTime(iso: string, timeZone: string): string {
  let format = fullTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      dateStyle: "full",
      timeStyle: "short",
    });
    if (fullTimeFormats.size >= 1_000) fullTimeFormats.clear();
    fullTimeFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}
