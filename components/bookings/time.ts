/**
 * Booking times as people read them: in a named IANA zone, on a 24-hour
 * clock, with the zone said out loud. Plain functions with no server-only
 * imports, so the booking island formats exactly as the pages do.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(
  zone: string,
  kind: "time" | "day" | "when" | "key",
): Intl.DateTimeFormat {
  const id = `${zone}|${kind}`;
  let found = formats.get(id);
  if (!found) {
    const options: Intl.DateTimeFormatOptions = kind === "time"
      ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
      : kind === "day"
      ? { weekday: "long", day: "numeric", month: "long" }
      : kind === "when"
      ? {
        weekday: "short",
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }
      : { year: "numeric", month: "2-digit", day: "2-digit" };
    found = new Intl.DateTimeFormat(kind === "key" ? "en-CA" : "en-GB", {
      ...options,
      timeZone: zone,
    });
    formats.set(id, found);
  }
  return found;
}

/** "Europe/Isle_of_Man" → "Europe/Isle of Man". */
export function zoneLabel(zone: string): string {
  return zone.replaceAll("_", " ");
}

/** "14:05" on `zone`'s clock. */
export function timeIn(iso: string, zone: string): string {
  return formatter(zone, "time").format(new Date(iso));
}

/** "Monday 5 January" in `zone`. */
export function dayIn(iso: string, zone: string): string {
  return formatter(zone, "day").format(new Date(iso));
}

/** "2026-01-05": the calendar date in `zone`, for grouping by day. */
export function dateKeyIn(iso: string, zone: string): string {
  return formatter(zone, "key").format(new Date(iso));
}

/** "Mon 5 Jan 2026, 14:05". */
export function whenIn(iso: string, zone: string): string {
  return formatter(zone, "when").format(new Date(iso));
}

/** "Mon 5 Jan 2026, 14:05–15:05 (Europe/Berlin)". */
export function spanIn(start: string, end: string, zone: string): string {
  return `${whenIn(start, zone)}–${timeIn(end, zone)} (${zoneLabel(zone)})`;
}

/** Items grouped by their calendar date in `zone`, in the order given. */
export function groupByDay<T extends { start: string }>(
  items: readonly T[],
  zone: string,
): { key: string; label: string; items: T[] }[] {
  const groups: { key: string; label: string; items: T[] }[] = [];
  for (const item of items) {
    const key = dateKeyIn(item.start, zone);
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.items.push(item);
    else groups.push({ key, label: dayIn(item.start, zone), items: [item] });
  }
  return groups;
}

/** True when `zone` is a zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
