/**
 * The load generator: keeps `--concurrency` keep-alive HTTP/1.1 connections
 * busy against one URL for `--warmup` + `--duration` seconds and prints one
 * line of JSON ({@link LoadResult}) on stdout.
 *
 * It runs as its own Deno process (started by `bench/run.ts`) so it never
 * shares an event loop with the server it measures. Every target gets the
 * same generator, settings and request, so their numbers compare.
 *
 *   deno run -A bench/load.ts --url http://127.0.0.1:8000/experts
 */
import { ArgsError, type LoadSettings, parseLoadArgs } from "./args.ts";
import { encodeGetRequest, parseResponse } from "./http1.ts";
import { type LatencySummary, summarizeLatencies } from "./stats.ts";

/** What one load run measured. Only responses completed inside the measured window count. */
export interface LoadResult {
  url: string;
  concurrency: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Responses with status 200 per second of the measured window. */
  rps: number;
  /** Responses completed in the window, whatever their status. */
  responses: number;
  /** Non-200 responses plus failed connections/requests in the window. */
  errors: number;
  /** Count of responses per HTTP status in the window. */
  statuses: Record<string, number>;
  /** Up to five distinct messages of failed connections or requests. */
  errorMessages: string[];
  /** Latency of every response completed in the window, from request write to last byte. */
  latencyMs: LatencySummary;
  /** Average body bytes on the wire per response (compressed if the server compressed). */
  averageBodyBytes: number;
}

/** Runs the load described by `settings` and returns what was measured. */
export async function runLoad(settings: LoadSettings): Promise<LoadResult> {
  const request = encodeGetRequest(settings.url, settings.acceptEncoding);
  const start = performance.now();
  const windowStart = start + settings.warmupSeconds * 1000;
  const windowEnd = windowStart + settings.durationSeconds * 1000;

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorMessages = new Set<string>();
  let failures = 0;
  let bodyBytes = 0;

  const inWindow = (time: number) => time >= windowStart && time <= windowEnd;

  async function connection(): Promise<void> {
    let conn: Deno.TcpConn | null = null;
    let buffer = new Uint8Array(64 * 1024);
    let used = 0;
    while (performance.now() < windowEnd) {
      const sentAt = performance.now();
      try {
        if (conn === null) {
          conn = await Deno.connect({
            hostname: settings.url.hostname,
            port: Number(settings.url.port || 80),
          });
          conn.setNoDelay(true);
          used = 0;
        }
        await writeAll(conn, request);
        let response = parseResponse(buffer.subarray(0, used));
        while (response === null) {
          if (used === buffer.length) {
            const larger = new Uint8Array(buffer.length * 2);
            larger.set(buffer);
            buffer = larger;
          }
          const read = await conn.read(buffer.subarray(used));
          if (read === null) {
            throw new Error("server closed the connection mid-response");
          }
          used += read;
          response = parseResponse(buffer.subarray(0, used));
        }
        const doneAt = performance.now();
        // No pipelining, so anything after the response would be a server bug;
        // dropping it keeps the next parse aligned.
        used = 0;
        if (response.closes) {
          conn.close();
          conn = null;
        }
        if (inWindow(doneAt)) {
          latencies.push(doneAt - sentAt);
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          bodyBytes += response.bodyBytes;
        }
      } catch (error) {
        if (conn !== null) {
          try {
            conn.close();
          } catch { /* already closed */ }
          conn = null;
        }
        const failedAt = performance.now();
        if (inWindow(failedAt)) {
          failures++;
          if (errorMessages.size < 5) {
            errorMessages.add(
              error instanceof Error ? error.message : String(error),
            );
          }
        }
        // A refused connection fails instantly; pausing keeps a dead server
        // from turning the generator into a busy loop.
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    if (conn !== null) conn.close();
  }

  await Promise.all(
    Array.from({ length: settings.concurrency }, () => connection()),
  );

  const ok = statuses["200"] ?? 0;
  const responses = latencies.length;
  return {
    url: settings.url.href,
    concurrency: settings.concurrency,
    durationSeconds: settings.durationSeconds,
    warmupSeconds: settings.warmupSeconds,
    rps: ok / settings.durationSeconds,
    responses,
    errors: responses - ok + failures,
    statuses,
    errorMessages: [...errorMessages],
    latencyMs: summarizeLatencies(latencies),
    averageBodyBytes: responses === 0 ? 0 : bodyBytes / responses,
  };
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    written += await conn.write(bytes.subarray(written));
  }
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
