/**
 * A stand-in for the calendar servers experts link (Google, Outlook,
 * Apple): a local HTTP server on 127.0.0.1 (port 0) that serves iCalendar
 * text, and builders for that text. Fetching it needs the SSRF guard's
 * loopback switch, which only tests set (see `calendarFetchProvider`).
 */

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

/** A response carrying calendar text. */
export function icsResponse(
  text: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(text, {
    headers: { "content-type": "text/calendar; charset=utf-8", ...headers },
  });
}
