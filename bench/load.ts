/**
 * One load run against one URL with autocannon, printed as one line of JSON
 * ({@link LoadResult}) on stdout.
 *
 * It runs as its own Deno process (started by `bench/run.ts`) so the load
 * generator never shares an event loop with the server it measures. Every
 * target gets the same generator, settings and request, so their numbers
 * compare.
 *
 *   deno run -A bench/load.ts --url http://127.0.0.1:8000/experts
 */
import type { EventEmitter } from "node:events";
import autocannon from "autocannon";
import { ArgsError, type LoadSettings, parseLoadArgs } from "./args.ts";
import { type LatencySummary, summarizeLatencies } from "./stats.ts";

/** What one load run measured. Only the measured phase counts, never the warm-up. */
export interface LoadResult {
  url: string;
  concurrency: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** How long autocannon actually measured; it stops on its next sample tick after `durationSeconds`. */
  measuredSeconds: number;
  /** Responses with status 200 per second of `measuredSeconds`. */
  rps: number;
  /** Responses completed in the measured phase, whatever their status. */
  responses: number;
  /** Responses other than 200, plus socket errors and timeouts. */
  errors: number;
  /** Count of responses per HTTP status. */
  statuses: Record<string, number>;
  /** Up to five distinct messages of socket errors and timeouts. */
  errorMessages: string[];
  /** Latency of every response, from writing the request to its last byte. */
  latencyMs: LatencySummary;
  /**
   * Average bytes per response after the status line and headers, as they
   * crossed the wire: compressed if the server compressed, and with the few
   * bytes of chunk framing when the body was chunked.
   */
  averageBodyBytes: number;
}

/** The parts of autocannon's result object that {@link toLoadResult} reads. */
export interface AutocannonSummary {
  /** Seconds measured. */
  duration: number;
  /** Socket errors, timeouts included. */
  errors: number;
  statusCodeStats: Record<string, { count: number }>;
}

/** What the benchmark records itself for each response, beside autocannon's counters. */
export interface ResponseSamples {
  /** Milliseconds, one per response. */
  latenciesMs: number[];
  bodyBytes: number;
  errorMessages: Set<string>;
}

/** The response head as autocannon's client reports it in its `headers` event. */
export interface ResponseHead {
  versionMajor: number;
  versionMinor: number;
  statusCode: number;
  statusMessage: string;
  /** Alternating names and values, as received. */
  headers: string[];
}

/**
 * The bytes of a response's status line and headers on the wire, rebuilt
 * from the parsed head. autocannon reports only the total bytes of a
 * response; this is what separates the body out of them. The parser decodes
 * headers as ASCII, so string length is byte length, and the servers under
 * test write each header as `name: value` followed by CRLF.
 */
export function headBytes(head: ResponseHead): number {
  let bytes =
    `HTTP/${head.versionMajor}.${head.versionMinor} ${head.statusCode} ${head.statusMessage}\r\n`
      .length + 2;
  for (let i = 0; i + 1 < head.headers.length; i += 2) {
    bytes += head.headers[i].length + 2 + head.headers[i + 1].length + 2;
  }
  return bytes;
}

/** Combines autocannon's counters with the per-response samples into a {@link LoadResult}. */
export function toLoadResult(
  settings: LoadSettings,
  summary: AutocannonSummary,
  samples: ResponseSamples,
): LoadResult {
  const statuses: Record<string, number> = {};
  let responses = 0;
  for (const [status, { count }] of Object.entries(summary.statusCodeStats)) {
    statuses[status] = count;
    responses += count;
  }
  const ok = statuses["200"] ?? 0;
  return {
    url: settings.url.href,
    concurrency: settings.concurrency,
    durationSeconds: settings.durationSeconds,
    warmupSeconds: settings.warmupSeconds,
    measuredSeconds: summary.duration,
    rps: summary.duration > 0 ? ok / summary.duration : 0,
    responses,
    errors: responses - ok + summary.errors,
    statuses,
    errorMessages: [...samples.errorMessages].slice(0, 5),
    latencyMs: summarizeLatencies(samples.latenciesMs),
    averageBodyBytes: samples.latenciesMs.length === 0
      ? 0
      : samples.bodyBytes / samples.latenciesMs.length,
  };
}

/** Runs the load described by `settings` and returns what was measured. */
export async function runLoad(settings: LoadSettings): Promise<LoadResult> {
  const samples: ResponseSamples = {
    latenciesMs: [],
    bodyBytes: 0,
    errorMessages: new Set(),
  };
  // Keyed by autocannon's client (one per connection); with no pipelining a
  // connection's `headers` event always belongs to its next `response`.
  const lastHeadBytes = new WeakMap<object, number>();

  const run = autocannon({
    url: settings.url.href,
    connections: settings.concurrency,
    duration: settings.durationSeconds,
    headers: { "accept-encoding": settings.acceptEncoding },
    // autocannon only checks for the end of the run on each sample tick;
    // ticking every 100 ms keeps the measured time close to the one asked for.
    sampleInt: 100,
    ...(settings.warmupSeconds > 0
      ? { warmup: { duration: settings.warmupSeconds } }
      : {}),
    setupClient(client: EventEmitter) {
      client.on("headers", (head: ResponseHead) => {
        lastHeadBytes.set(client, headBytes(head));
      });
    },
  });
  // The returned tracker only reports the measured phase; the warm-up has its own.
  run.on(
    "response",
    (client: object, _status: number, bytes: number, latencyMs: number) => {
      samples.latenciesMs.push(latencyMs);
      samples.bodyBytes += bytes - (lastHeadBytes.get(client) ?? 0);
    },
  );
  run.on("reqError", (error: Error) => {
    if (samples.errorMessages.size < 5) {
      samples.errorMessages.add(error.message || String(error));
    }
  });
  const summary: AutocannonSummary = await run;
  return toLoadResult(settings, summary, samples);
}

if (import.meta.main) {
  try {
    const result = await runLoad(parseLoadArgs(Deno.args));
    console.log(JSON.stringify(result));
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    console.error(error.message);
    Deno.exit(2);
  }
}
