import { expect } from "expect";
import {
  CONTENT_ONLY_PAGES,
  evaluateLiveTargets,
  evaluateTargets,
  formatKilobytes,
  isSiteWideScript,
  type JsRow,
  LIVE_ONE_PROCESS_P99_MS,
  LIVE_TWO_PROCESSES_P99_MS,
  type LoadRow,
  percentOf,
  SAME_BYTES_SUFFIX,
  SITE_WIDE_SCRIPT_MAX_GZIP_BYTES,
} from "./targets.ts";

function loadRow(
  name: string,
  rps: number,
  bareRps: number,
  errors = 0,
): LoadRow {
  return {
    name,
    path: "/",
    url: "http://127.0.0.1:1/",
    concurrency: 32,
    durationSeconds: 5,
    warmupSeconds: 1,
    measuredSeconds: 5,
    rps,
    responses: rps * 5,
    errors,
    statuses: { "200": rps * 5 },
    errorMessages: [],
    latencyMs: { p50: 1, p99: 2, mean: 1, max: 3 },
    averageBodyBytes: 100,
    percentOfBare: percentOf(rps, bareRps),
  };
}

function jsRow(
  name: string,
  gzipBytes: number,
  status = 200,
  file = "/_fresh/js/a.js",
): JsRow {
  return {
    name,
    path: name,
    status,
    files: gzipBytes > 0
      ? [{ url: `http://h${file}`, status: 200, rawBytes: 1, gzipBytes }]
      : [],
    gzipBytes,
    problems: [],
  };
}

const CONSENT_FILE = "/_fresh/js/site-AB12CD34.js";
/** Content pages as built: each loads the site-wide script and nothing else. */
const contentPages = (gzipBytes = 1_700) =>
  CONTENT_ONLY_PAGES.map((name) => jsRow(name, gzipBytes, 200, CONSENT_FILE));

Deno.test("percentOf compares with the baseline and refuses a dead one", () => {
  expect(percentOf(2500, 10000)).toBe(25);
  expect(percentOf(10, 0)).toBeNaN();
});

Deno.test("all targets met", () => {
  const checks = evaluateTargets(
    [loadRow("bare baseline", 10000, 10000), loadRow("/experts", 2500, 10000)],
    [...contentPages(), jsRow("/experts", 19_999)],
  );
  expect(checks.map((check) => check.met)).toEqual([true, true, true, true]);
  expect(checks[3].actual).toBe(
    "lowest 25.0% (/experts); highest p99 2.0 ms (/experts)",
  );
  expect(checks[0].actual).toBe("25.0%");
  expect(checks[1].actual).toBe("8 pages, at most 1.7 KB");
  expect(checks[2].actual).toBe("20.0 KB");
});

Deno.test("each target can be missed on its own", () => {
  const checks = evaluateTargets(
    [loadRow("bare baseline", 10000, 10000), loadRow("/experts", 1999, 10000)],
    [
      ...contentPages().map((row) =>
        row.name === "/faq" ? jsRow("/faq", 900) : row
      ),
      jsRow("/experts", 20_000),
    ],
  );
  expect(checks.map((check) => check.met)).toEqual([
    false,
    false,
    false,
    false,
  ]);
  expect(checks[1].actual).toBe("other JS on /faq");
});

Deno.test("what could not be measured is neither met nor missed", () => {
  const checks = evaluateTargets(
    [
      loadRow("bare baseline", 10000, 10000),
      loadRow("/experts", 9000, 10000, 3),
    ],
    contentPages().map((row) =>
      row.name === "/join" ? jsRow("/join", 0, 404) : row
    ),
  );
  expect(checks.map((check) => check.met)).toEqual([null, null, null, null]);
  expect(checks[0].actual).toBe("90.0% (3 errors)");
  expect(checks[1].actual).toBe("7 pages, at most 1.7 KB; 1 not measured");
  expect(checks[2].actual).toBe("not measured");
});

Deno.test("content pages: only the one site-wide file, within its budget", () => {
  const load = [loadRow("bare baseline", 10000, 10000)];
  const check = (rows: JsRow[]) => evaluateTargets(load, rows)[1];
  expect(isSiteWideScript(`http://h${CONSENT_FILE}`)).toBe(true);
  expect(isSiteWideScript("http://h/_fresh/js/chunk-AB12CD34.js")).toBe(false);
  expect(isSiteWideScript("http://h/_fresh/js/client-AB12CD34.js")).toBe(false);

  // No JavaScript at all still meets it.
  expect(check(contentPages(0)).met).toBe(true);
  expect(check(contentPages(0)).actual).toBe("8 pages, at most 0 B");

  const over = check(contentPages(SITE_WIDE_SCRIPT_MAX_GZIP_BYTES + 1));
  expect(over.met).toBe(false);
  expect(over.actual).toBe("8 pages, at most 2.0 KB; over budget");

  // A page that also loads a chunk (or the hydration runtime) misses it.
  const withChunk = contentPages().map((row) =>
    row.name === "/blog"
      ? {
        ...row,
        files: [...row.files, {
          url: "http://h/_fresh/js/chunk-ZZ.js",
          status: 200,
          rawBytes: 1,
          gzipBytes: 100,
        }],
      }
      : row
  );
  expect(check(withChunk)).toMatchObject({
    met: false,
    actual: "other JS on /blog",
  });
});

Deno.test("uncached rows do not count against the cached-page target", () => {
  const checks = evaluateTargets([
    loadRow("bare baseline", 10000, 10000),
    loadRow("/experts", 3000, 10000),
    loadRow("/experts · uncached", 100, 10000),
  ], []);
  expect(checks[3].met).toBe(true);
});

Deno.test("a cached page is compared with a bare server sending its own response", () => {
  const rows = (cachedRps: number) => [
    loadRow("bare baseline", 10000, 10000),
    loadRow("/experts", cachedRps, 10000),
    loadRow(`/experts${SAME_BYTES_SUFFIX}`, 2000, 10000),
  ];
  const sameBytes = (rps: number) =>
    evaluateTargets(rows(rps), []).find((check) =>
      check.target.includes("same response")
    )!;
  // The bare server sending the same bytes does not count as a cached page.
  expect(evaluateTargets(rows(1900), [])[3].actual).toContain("/experts");
  expect(sameBytes(1900)).toMatchObject({
    actual: "lowest 95.0% (/experts)",
    met: true,
  });
  expect(sameBytes(1000).met).toBe(false);
});

Deno.test("formatKilobytes uses decimal kilobytes", () => {
  expect(formatKilobytes(0)).toBe("0 B");
  expect(formatKilobytes(14_249)).toBe("14.2 KB");
});

Deno.test("live targets: p99 under the limit, and every event must arrive", () => {
  const [one, two] = evaluateLiveTargets(
    { expected: 10, received: 10, p99Ms: 40 },
    { expected: 10, received: 10, p99Ms: 1_200 },
  );
  expect(one.met).toBe(true);
  expect(one.target).toContain(`${LIVE_ONE_PROCESS_P99_MS} ms`);
  expect(two.met).toBe(false);
  expect(two.target).toContain(`${LIVE_TWO_PROCESSES_P99_MS} ms`);
  const [lost] = evaluateLiveTargets(
    { expected: 10, received: 9, p99Ms: 1 },
    { expected: 0, received: 0, p99Ms: NaN },
  );
  expect(lost).toMatchObject({ met: false, actual: "9 of 10 events arrived" });
});
