/**
 * Downloading an expert's external calendar, with a guard against
 * server-side request forgery.
 *
 * The address comes from a user, so the server must not become their way
 * into our own network. Before each connection the host name is resolved
 * (A and AAAA) and every address must be public (see ./addresses.ts); the
 * connection is then made to exactly those checked addresses — the request
 * goes through node:http(s) with a `lookup` that hands back the addresses
 * already checked — so a name that resolves to a public address for the
 * check and to 127.0.0.1 a moment later (DNS rebinding) cannot slip
 * through. Redirects are followed by hand, at most three, each hop checked
 * the same way.
 *
 * Limits: one time limit for the whole fetch (every hop and the body), a
 * size limit enforced while reading (the body is never buffered past it),
 * and conditional requests (`If-None-Match` / `If-Modified-Since`) so an
 * unchanged calendar costs a 304.
 *
 * `allowLoopback` lets a test reach its own server on 127.0.0.1. It is a
 * parameter, never configuration, so no deployment can switch it on; only
 * loopback is let through, private networks never.
 */
import http from "node:http";
import https from "node:https";
import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { type AddressCheckOptions, checkedAddresses } from "./addresses.ts";
import {
  CALENDAR_HELP,
  CalendarError,
  MAX_URL_LENGTH,
  URL_TOO_LONG_MESSAGE,
} from "./model.ts";

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 2_000_000;
export const MAX_REDIRECTS = 3;

export interface FetchCalendarOptions extends AddressCheckOptions {
  /** The ETag of the copy we hold, sent as `If-None-Match`. */
  etag?: string | null;
  /** The Last-Modified of the copy we hold, sent as `If-Modified-Since`. */
  lastModified?: string | null;
  /** The time limit for the whole fetch, redirects and body included. */
  timeoutMs?: number;
  /** The largest body read, in bytes (after decompression). */
  maxBytes?: number;
}

export type FetchCalendarResult =
  | { status: "not-modified" }
  | {
    status: "fetched";
    text: string;
    etag: string | null;
    lastModified: string | null;
  };

/**
 * The address as TapTime fetches it: trimmed, `webcal://` read as
 * `https://`, only http(s), no user name or password in it. Throws a
 * CalendarError that says what is wrong.
 */
export function parseCalendarUrl(input: string): URL {
  const text = input.trim().replace(/^webcals?:\/\//i, "https://");
  if (text.length > MAX_URL_LENGTH) {
    throw new CalendarError(URL_TOO_LONG_MESSAGE);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CalendarError(
      `That is not a web address. ${CALENDAR_HELP}`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new CalendarError(
      `The address must start with https:// or webcal://. ${CALENDAR_HELP}`,
    );
  }
  if (url.username || url.password) {
    throw new CalendarError(
      "Addresses with a user name or password in them are not supported; use the calendar's secret address instead.",
    );
  }
  if (!url.hostname) {
    throw new CalendarError(`The address has no server name.`);
  }
  url.hash = "";
  return url;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  response: http.IncomingMessage;
}

/** One HTTP request, connecting only to `addresses`. */
function request(
  url: URL,
  addresses: string[],
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<RawResponse> {
  const pinned: LookupAddress[] = addresses.map((address) => ({
    address,
    family: address.includes(":") ? 6 : 4,
  }));
  const lookup: LookupFunction = (_host, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, pinned);
    else callback(null, pinned[0].address, pinned[0].family);
  };
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, {
      method: "GET",
      headers,
      agent: false, // a fresh connection: nothing pooled to another host
      signal,
      lookup,
    }, (response) => {
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        response,
      });
    });
    req.on("error", reject);
    req.end();
  });
}

function formatSize(bytes: number): string {
  return bytes >= 1_000_000
    ? `${+(bytes / 1_000_000).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1_000)} KB`;
}

/** Reads the body up to `maxBytes` (decompressed), else refuses. */
async function readBody(
  raw: RawResponse,
  maxBytes: number,
): Promise<Uint8Array> {
  const tooBig = () =>
    new CalendarError(
      `The calendar is larger than ${
        formatSize(maxBytes)
      }, the most TapTime reads. Share a calendar with fewer events.`,
    );
  const declared = Number(raw.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    raw.response.destroy();
    throw tooBig();
  }
  const encoding = String(raw.headers["content-encoding"] ?? "identity")
    .trim().toLowerCase();
  const received = new ReadableStream<Uint8Array<ArrayBuffer>>({
    async start(controller) {
      try {
        for await (const chunk of raw.response) controller.enqueue(chunk);
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
    cancel() {
      raw.response.destroy();
    },
  });
  let stream: ReadableStream<Uint8Array> = received;
  if (encoding === "gzip" || encoding === "x-gzip" || encoding === "deflate") {
    stream = received.pipeThrough(
      new DecompressionStream(encoding === "deflate" ? "deflate" : "gzip"),
    );
  } else if (encoding !== "identity") {
    raw.response.destroy();
    throw new CalendarError(
      `The calendar server sent the calendar in an encoding TapTime cannot read (${encoding}).`,
    );
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooBig();
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    raw.response.destroy();
    throw error;
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function statusProblem(status: number): string {
  if (status === 401 || status === 403) {
    return `The calendar server refused access (HTTP ${status}). The secret address may have been reset; copy it again from your calendar's settings.`;
  }
  if (status === 404 || status === 410) {
    return `The calendar was not found at that address (HTTP ${status}). ${CALENDAR_HELP}`;
  }
  if (status >= 500) {
    return `The calendar server had a problem (HTTP ${status}). TapTime will try again later.`;
  }
  return `The calendar server answered with HTTP ${status} instead of a calendar.`;
}

/** Plain words for a failure below HTTP (connection, TLS, timeout). */
function networkProblem(
  error: unknown,
  timedOut: boolean,
  timeoutMs: number,
): CalendarError {
  if (error instanceof CalendarError) return error;
  const code = (error as { code?: string } | null)?.code ?? "";
  if (timedOut) {
    return new CalendarError(
      `The calendar server did not answer within ${+(timeoutMs / 1000).toFixed(
        1,
      )} seconds. TapTime will try again later.`,
    );
  }
  if (code === "ECONNREFUSED") {
    return new CalendarError(
      "The calendar server refused the connection. Check the address.",
    );
  }
  if (/cert|tls|ssl/i.test(`${code} ${(error as Error)?.message ?? ""}`)) {
    return new CalendarError(
      "The calendar server's secure connection could not be verified.",
    );
  }
  return new CalendarError(
    "The calendar server could not be reached, or broke off the download. TapTime will try again later.",
  );
}

/**
 * Fetches the calendar at `address` (see `parseCalendarUrl`) within the
 * guard and limits above. Resolves to the text, or to "not-modified" when
 * the copy described by `etag` / `lastModified` is still current; throws a
 * CalendarError in plain words otherwise.
 */
export async function fetchCalendar(
  address: string,
  options: FetchCalendarOptions = {},
): Promise<FetchCalendarResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const signal = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = {
    "accept": "text/calendar, text/plain;q=0.5, */*;q=0.1",
    "accept-encoding": "gzip, identity",
    "user-agent": "TapTime-Calendar/1.0 (busy times only)",
  };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) {
    headers["if-modified-since"] = options.lastModified;
  }
  let url = parseCalendarUrl(address);
  try {
    for (let hop = 0;; hop++) {
      const addresses = await checkedAddresses(url, options, signal);
      const raw = await request(url, addresses, headers, signal);
      const location = raw.headers.location;
      if ([301, 302, 303, 307, 308].includes(raw.status) && location) {
        raw.response.destroy(); // its body is not wanted, its connection not reused
        if (hop >= MAX_REDIRECTS) {
          throw new CalendarError(
            `The calendar address redirects more than ${MAX_REDIRECTS} times.`,
          );
        }
        url = parseCalendarUrl(new URL(location, url).href);
        continue;
      }
      if (raw.status === 304 && (options.etag || options.lastModified)) {
        raw.response.destroy();
        return { status: "not-modified" };
      }
      if (raw.status < 200 || raw.status > 299) {
        raw.response.destroy();
        throw new CalendarError(statusProblem(raw.status));
      }
      const body = await readBody(raw, maxBytes);
      const header = (name: string) => {
        const value = raw.headers[name];
        return typeof value === "string" && value ? value : null;
      };
      return {
        status: "fetched",
        text: new TextDecoder().decode(body),
        etag: header("etag"),
        lastModified: header("last-modified"),
      };
    }
  } catch (error) {
    throw networkProblem(error, signal.aborted, timeoutMs);
  }
}
