/**
 * Test helpers for the calendars feature: a local HTTP server that serves
 * calendars on 127.0.0.1 (port 0), iCalendar text builders, and a clock
 * bound to one test database.
 */
import { clockProvider } from "@/services/platform/clock.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";

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

/** A running local server; dispose it to stop it. */
export interface CalendarTestServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port><path>`. */
  url(path: string): string;
  port: number;
  /** Every request received, in order (headers copied on arrival). */
  requests: { url: string; headers: Headers }[];
}

/** Serves `handler` on 127.0.0.1 at a free port. */
export function serveCalendars(
  handler: (request: Request) => Response | Promise<Response>,
): CalendarTestServer {
  const requests: { url: string; headers: Headers }[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) => {
      requests.push({
        url: request.url,
        headers: new Headers(request.headers),
      });
      return handler(request);
    },
  );
  const port = server.addr.port;
  return {
    port,
    requests,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

/** A calendar file: the lines given, inside VCALENDAR, with CRLF endings. */
export function icsCalendar(...lines: string[]): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//TapTime//Tests//EN",
    ...lines,
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

/** One VEVENT with the properties given (a UID is added when missing). */
export function icsEvent(...properties: string[]): string {
  const uid = properties.some((line) => line.startsWith("UID:"))
    ? []
    : [`UID:${crypto.randomUUID()}`];
  return ["BEGIN:VEVENT", ...uid, ...properties, "END:VEVENT"].join("\r\n");
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

/** A response carrying calendar text. */
export function icsResponse(
  text: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(text, {
    headers: { "content-type": "text/calendar; charset=utf-8", ...headers },
  });
}
