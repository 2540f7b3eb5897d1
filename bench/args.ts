/**
 * Command-line flags of the benchmark (`deno task bench`) and of its
 * autocannon subprocess (`bench/load.ts`). Both parsers refuse unknown flags
 * and out-of-range numbers with a message that says what was wrong, so a typo
 * never silently runs a different benchmark than the one asked for.
 */
import { parseArgs } from "node:util";

/** Settings of one `deno task bench` run. */
export interface BenchSettings {
  /** Published experts in the database in total (demo data plus generated). */
  experts: number;
  /** Keep-alive connections autocannon keeps busy, one request in flight on each. */
  concurrency: number;
  /** Seconds measured per target, after the warm-up. */
  durationSeconds: number;
  /** Seconds of load per target before measuring starts (not counted). */
  warmupSeconds: number;
  /** Sent as `Accept-Encoding` with every request, the same for every target. */
  acceptEncoding: string;
  /** Skip `framework/cli.ts build` (assets from a previous build are used). */
  skipBuild: boolean;
  /** Where the JSON results are written, relative to the working directory. */
  outputPath: string;
  help: boolean;
}

/** Settings of one autocannon run against one URL. */
export interface LoadSettings {
  url: URL;
  concurrency: number;
  durationSeconds: number;
  warmupSeconds: number;
  acceptEncoding: string;
}

/** A flag problem; its message is meant to be shown to the user as is. */
export class ArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArgsError";
  }
}

export const BENCH_USAGE = `Usage: deno task bench [flags]

  --experts N          published experts in the database (default 1000)
  --concurrency N      keep-alive connections autocannon keeps busy (default 32)
  --duration SECONDS   measured time per target (default 5)
  --warmup SECONDS     unmeasured load before each measurement (default 1)
  --accept-encoding E  Accept-Encoding sent with every request (default "gzip, br")
  --skip-build         reuse the assets of the last build
  --output PATH        JSON results file (default bench/results/latest.json)
  --help               show this text`;

const DEFAULT_ACCEPT_ENCODING = "gzip, br";

/** Parses `deno task bench` flags; throws {@link ArgsError} on bad input. */
export function parseBenchArgs(argv: string[]): BenchSettings {
  const { values } = parseStrict(argv, {
    experts: { type: "string" },
    concurrency: { type: "string" },
    duration: { type: "string" },
    warmup: { type: "string" },
    "accept-encoding": { type: "string" },
    "skip-build": { type: "boolean" },
    output: { type: "string" },
    help: { type: "boolean" },
  });
  return {
    experts: integerFlag("experts", values.experts, 1000, 1, 1_000_000),
    concurrency: integerFlag("concurrency", values.concurrency, 32, 1, 1024),
    durationSeconds: secondsFlag("duration", values.duration, 5, 0.1),
    warmupSeconds: secondsFlag("warmup", values.warmup, 1, 0),
    acceptEncoding: stringFlag(
      "accept-encoding",
      values["accept-encoding"],
      DEFAULT_ACCEPT_ENCODING,
    ),
    skipBuild: values["skip-build"] === true,
    outputPath: stringFlag(
      "output",
      values.output,
      "bench/results/latest.json",
    ),
    help: values.help === true,
  };
}

/** Parses `bench/load.ts` flags; throws {@link ArgsError} on bad input. */
export function parseLoadArgs(argv: string[]): LoadSettings {
  const { values } = parseStrict(argv, {
    url: { type: "string" },
    concurrency: { type: "string" },
    duration: { type: "string" },
    warmup: { type: "string" },
    "accept-encoding": { type: "string" },
  });
  if (values.url === undefined) throw new ArgsError("--url is required.");
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    throw new ArgsError(`--url must be an absolute URL, got "${values.url}".`);
  }
  if (url.protocol !== "http:") {
    throw new ArgsError(`--url must be plain http://, got "${url.protocol}".`);
  }
  return {
    url,
    concurrency: integerFlag("concurrency", values.concurrency, 32, 1, 1024),
    durationSeconds: secondsFlag("duration", values.duration, 5, 0.1),
    warmupSeconds: secondsFlag("warmup", values.warmup, 1, 0),
    acceptEncoding: stringFlag(
      "accept-encoding",
      values["accept-encoding"],
      DEFAULT_ACCEPT_ENCODING,
    ),
  };
}

type FlagOptions = Record<string, { type: "string" | "boolean" }>;

function parseStrict<T extends FlagOptions>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true });
  } catch (error) {
    // node:util's messages name the flag ("Unknown option '--x'"); keep them.
    throw new ArgsError(error instanceof Error ? error.message : String(error));
  }
}

function integerFlag(
  name: string,
  raw: string | boolean | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(String(raw)) || value < min || value > max) {
    throw new ArgsError(
      `--${name} must be a whole number from ${min} to ${max}, got "${raw}".`,
    );
  }
  return value;
}

function secondsFlag(
  name: string,
  raw: string | boolean | undefined,
  fallback: number,
  min: number,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(String(raw)) || value < min || value > 600) {
    throw new ArgsError(
      `--${name} must be a number of seconds from ${min} to 600, got "${raw}".`,
    );
  }
  return value;
}

function stringFlag(
  name: string,
  raw: string | boolean | undefined,
  fallback: string,
): string {
  if (raw === undefined) return fallback;
  if (typeof raw !== "string" || raw.trim() === "") {
    throw new ArgsError(`--${name} must not be empty.`);
  }
  return raw;
}
