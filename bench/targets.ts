/**
 * The numbers TapTime aims for, checked against one run's results. They are
 * reported as met / not met beside the measurements; the benchmark never
 * fails because of them (a slow machine is not a broken build).
 */
import type { LoadResult } from "./load.ts";
import type { PageJsWeight } from "./js_weight.ts";

/** One load target's result, named for the report. */
export interface LoadRow extends LoadResult {
  /** Human name, e.g. "bare baseline" or "/experts (filtered)". */
  name: string;
  /** Path and query requested (the baseline's is "/"). */
  path: string;
  /** This target's rps as a percentage of the bare baseline's in the same run. */
  percentOfBare: number;
}

/** One page's JavaScript weight, named for the report. */
export interface JsRow extends PageJsWeight {
  name: string;
}

/** One target and whether this run met it; `met` is null when it could not be measured. */
export interface TargetCheck {
  target: string;
  actual: string;
  met: boolean | null;
}

/**
 * Names (in {@link JsRow.name}) of the content-only pages: they hydrate no
 * island, so the only JavaScript they may load is the site-wide script.
 */
export const CONTENT_ONLY_PAGES = [
  "/about",
  "/how-it-works",
  "/faq",
  "/blog",
  "blog post",
  "/join",
  "/contact",
  "/feedback",
] as const;

/**
 * The site-wide script every page carries (the consent banner, analytics
 * beacon and header menus, web/scripts/site.ts): its name in
 * fresh.config.ts's `scripts`, which the build puts in its file name
 * (`/_fresh/js/site-<hash>.js`).
 */
export const SITE_WIDE_SCRIPT = "site";
/** Its budget in decimal kilobytes, gzipped: 2 KB is 2,000 bytes. */
export const SITE_WIDE_SCRIPT_MAX_GZIP_BYTES = 2_000;

/** Whether `url` is the built site-wide script. */
export function isSiteWideScript(url: string): boolean {
  const file = new URL(url).pathname.split("/").at(-1) ?? "";
  return new RegExp(`^${SITE_WIDE_SCRIPT}-[A-Za-z0-9]+\\.js$`).test(file);
}

export const BARE_NAME = "bare baseline";
/** Added to a page's name for its run against the app with the page cache off. */
export const UNCACHED_SUFFIX = " · uncached";
/**
 * Added to a page's name for a bare server sending the cached page's own
 * response, byte for byte (bench/replay_server.ts).
 */
export const SAME_BYTES_SUFFIX = " · same bytes, bare server";
/** A cached page should reach this share of a bare server sending the same response. */
export const CACHED_MIN_PERCENT_OF_SAME_BYTES = 80;
/** Every cached signed-out page: at least this share of the baseline's rps… */
export const CACHED_MIN_PERCENT_OF_BARE = 20;
/** …with its p99 latency under this. */
export const CACHED_MAX_P99_MS = 20;
export const BROWSE_NAME = "/experts";
export const BROWSE_MIN_PERCENT_OF_BARE = 20;
/** Decimal kilobytes: 20 KB is 20,000 bytes, the stricter reading. */
export const BROWSE_MAX_GZIP_BYTES = 20_000;

/** `rps` as a percentage of `bareRps`; NaN when the baseline served nothing. */
export function percentOf(rps: number, bareRps: number): number {
  return bareRps > 0 ? (rps / bareRps) * 100 : NaN;
}

/** Checks the three project targets against one run's load and JS rows. */
export function evaluateTargets(load: LoadRow[], js: JsRow[]): TargetCheck[] {
  const checks: TargetCheck[] = [];

  const browse = load.find((row) => row.name === BROWSE_NAME);
  const browseMeasured = browse !== undefined && browse.errors === 0 &&
    Number.isFinite(browse.percentOfBare);
  checks.push({
    target: `/experts ≥ ${BROWSE_MIN_PERCENT_OF_BARE}% of bare baseline rps`,
    actual: browse === undefined
      ? "not measured"
      : `${formatPercent(browse.percentOfBare)}${
        browse.errors > 0 ? ` (${browse.errors} errors)` : ""
      }`,
    met: browseMeasured
      ? browse.percentOfBare >= BROWSE_MIN_PERCENT_OF_BARE
      : null,
  });

  checks.push(contentOnlyCheck(js));

  const browseJs = js.find((row) => row.name === BROWSE_NAME);
  const browseJsMeasured = browseJs !== undefined && browseJs.status === 200 &&
    browseJs.problems.length === 0;
  checks.push({
    target: `/experts JS < ${BROWSE_MAX_GZIP_BYTES / 1000} KB gzipped`,
    actual: browseJs === undefined || browseJs.status !== 200
      ? "not measured"
      : `${formatKilobytes(browseJs.gzipBytes)}${
        browseJsMeasured ? "" : " (incomplete: see problems)"
      }`,
    met: browseJsMeasured ? browseJs.gzipBytes < BROWSE_MAX_GZIP_BYTES : null,
  });
  const cached = load.filter((row) =>
    row.name !== BARE_NAME && !row.name.endsWith(UNCACHED_SUFFIX) &&
    !row.name.endsWith(SAME_BYTES_SUFFIX)
  );
  if (cached.length > 0) {
    const worst = cached.reduce((a, b) =>
      a.percentOfBare <= b.percentOfBare ? a : b
    );
    const slowest = cached.reduce((a, b) =>
      a.latencyMs.p99 >= b.latencyMs.p99 ? a : b
    );
    const measured = cached.every((row) =>
      row.errors === 0 && Number.isFinite(row.percentOfBare)
    );
    checks.push({
      target:
        `cached pages ≥ ${CACHED_MIN_PERCENT_OF_BARE}% of bare rps, p99 < ${CACHED_MAX_P99_MS} ms`,
      actual: `lowest ${formatPercent(worst.percentOfBare)} (${worst.name}); ` +
        `highest p99 ${slowest.latencyMs.p99.toFixed(1)} ms (${slowest.name})`,
      met: measured
        ? worst.percentOfBare >= CACHED_MIN_PERCENT_OF_BARE &&
          slowest.latencyMs.p99 < CACHED_MAX_P99_MS
        : null,
    });
  }

  const compared = cached.flatMap((row) => {
    const same = load.find((other) =>
      other.name === `${row.name}${SAME_BYTES_SUFFIX}`
    );
    return same ? [{ row, share: percentOf(row.rps, same.rps) }] : [];
  });
  if (compared.length > 0) {
    const worst = compared.reduce((a, b) => a.share <= b.share ? a : b);
    checks.push({
      target:
        `cached pages ≥ ${CACHED_MIN_PERCENT_OF_SAME_BYTES}% of a bare server sending the same response`,
      actual: `lowest ${formatPercent(worst.share)} (${worst.row.name})`,
      met: compared.every(({ share }) => Number.isFinite(share))
        ? worst.share >= CACHED_MIN_PERCENT_OF_SAME_BYTES
        : null,
    });
  }

  return checks;
}

/**
 * Content-only pages hydrate no island: each loads at most one file, the
 * site-wide script, within its budget. Anything else (the hydration
 * runtime, an island, a chunk, a second file) misses the target.
 */
function contentOnlyCheck(js: JsRow[]): TargetCheck {
  const rows = CONTENT_ONLY_PAGES.map((name) =>
    js.find((row) => row.name === name)
  );
  const measured = rows.filter((row): row is JsRow =>
    row !== undefined && row.status === 200
  );
  const unmeasured = CONTENT_ONLY_PAGES.length - measured.length;
  const extra = measured.filter((row) =>
    row.files.some((file) => !isSiteWideScript(file.url))
  );
  const heaviest = Math.max(0, ...measured.map((row) => row.gzipBytes));
  const overBudget = heaviest > SITE_WIDE_SCRIPT_MAX_GZIP_BYTES;
  return {
    target:
      `content-only pages: no island, only the one-file ${SITE_WIDE_SCRIPT} script ≤ ${
        SITE_WIDE_SCRIPT_MAX_GZIP_BYTES / 1000
      } KB gzipped`,
    actual: [
      extra.length > 0
        ? `other JS on ${extra.map((row) => row.name).join(", ")}`
        : `${measured.length} pages, at most ${formatKilobytes(heaviest)}`,
      extra.length === 0 && overBudget ? "over budget" : "",
      unmeasured > 0 ? `${unmeasured} not measured` : "",
    ].filter(Boolean).join("; "),
    met: extra.length > 0 || overBudget ? false : unmeasured > 0 ? null : true,
  };
}

/** "12.3%", or "n/a" when there is no number. */
export function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)}%` : "n/a";
}

/** Bytes in decimal kilobytes with one decimal: "14.2 KB"; "0 B" for none. */
export function formatKilobytes(bytes: number): string {
  return bytes === 0 ? "0 B" : `${(bytes / 1000).toFixed(1)} KB`;
}

/** Message delivery on the event stream, p99, with every stream in one process. */
export const LIVE_ONE_PROCESS_P99_MS = 100;
/** The same when the message is posted to one process and streamed by another. */
export const LIVE_TWO_PROCESSES_P99_MS = 1_000;

/** What the live benchmark measured for one setting. */
export interface LiveDeliveryFigures {
  expected: number;
  received: number;
  p99Ms: number;
}

/**
 * The live targets: a setting counts as measured only when every stream
 * got every message (a lost event is a failure, not a fast delivery).
 */
export function evaluateLiveTargets(
  oneProcess: LiveDeliveryFigures,
  twoProcesses: LiveDeliveryFigures,
): TargetCheck[] {
  const check = (
    target: string,
    figures: LiveDeliveryFigures,
    limitMs: number,
  ): TargetCheck => {
    if (
      figures.received !== figures.expected || !Number.isFinite(figures.p99Ms)
    ) {
      return {
        target,
        actual: `${figures.received} of ${figures.expected} events arrived`,
        met: false,
      };
    }
    return {
      target,
      actual: `p99 ${figures.p99Ms.toFixed(1)} ms`,
      met: figures.p99Ms < limitMs,
    };
  };
  return [
    check(
      `live delivery p99 < ${LIVE_ONE_PROCESS_P99_MS} ms (one process)`,
      oneProcess,
      LIVE_ONE_PROCESS_P99_MS,
    ),
    check(
      `live delivery p99 < ${LIVE_TWO_PROCESSES_P99_MS} ms (two processes)`,
      twoProcesses,
      LIVE_TWO_PROCESSES_P99_MS,
    ),
  ];
}
