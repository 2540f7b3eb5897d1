/**
 * Test helpers for the calendars feature: a clock bound to one test
 * database, time zones as calendar programs write them, and (from
 * tests/support/calendars.ts, which HTTP tests outside the feature use too)
 * a local calendar server and iCalendar text builders.
 */
import { clockProvider } from "@/services/platform/clock.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";
export {
  type CalendarTestServer,
  icsCalendar,
  icsEvent,
  icsResponse,
  serveCalendars,
} from "@/tests/support/calendars.ts";

/** Binds a settable clock to `kv` (only that database sees it). */
export function bindTestClock(kv: Deno.Kv, start: string | Date) {
  let time = new Date(start).getTime();
  bindProviders(kv, [provide(clockProvider, { now: () => new Date(time) })]);
  return {
    advance(ms: number) {
      time += ms;
    },
    get now() {
      return time;
    },
  };
}

/** Europe/Berlin as calendar programs write it (EU rules since 1996). */
export const BERLIN_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Berlin",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

/**
 * New York under a name Outlook uses, so only the VTIMEZONE (not the
 * runtime's zone database) can tell its rules.
 */
export const OUTLOOK_EASTERN_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Eastern Standard Time",
  "BEGIN:STANDARD",
  "DTSTART:16010101T020000",
  "TZOFFSETFROM:-0400",
  "TZOFFSETTO:-0500",
  "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11",
  "END:STANDARD",
  "BEGIN:DAYLIGHT",
  "DTSTART:16010101T020000",
  "TZOFFSETFROM:-0500",
  "TZOFFSETTO:-0400",
  "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3",
  "END:DAYLIGHT",
  "END:VTIMEZONE",
].join("\r\n");
