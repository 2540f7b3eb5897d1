/**
 * `deno task lighthouse`: mobile Lighthouse (the npm package, its default
 * mobile emulation and simulated slow 4G) against the app as `deno task
 * start` runs it, on a fresh database seeded with the demo data and the
 * demo experts' portraits, so pages are measured as they look with photos.
 * Prints each public page's category scores, LCP, CLS, TBT and bytes.
 *
 *   deno task lighthouse            every public page (below)
 *   deno task lighthouse /about     other paths instead
 *
 * Below 100 in a category, the failing audits are printed under the page;
 * LIGHTHOUSE_REPORTS=dir also keeps each page's full JSON report there.
 *
 * Uses Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Takes
 * a minute or two (seeding portraits, then ~10 s per page), so it is not
 * part of `deno task test`.
 */
import lighthouse from "lighthouse";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import { createFileStore, fileStoreProvider } from "@/services/storage/mod.ts";
import {
  DEMO_EXPERTS,
  DEMO_POSTS,
  demoExpertId,
  seedDemoData,
  seedDemoPhotos,
} from "@/services/seed/mod.ts";

const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";

/**
 * Every public page: each shared (cached) route, plus the legal pages.
 * Not /privacy/cookies: it shows this browser's own choice, so it is
 * `noindex` on purpose, which Lighthouse's SEO category counts against it.
 */
const DEFAULT_PAGES = [
  "/",
  "/experts",
  `/experts/${demoExpertId(0)}`,
  "/categories",
  `/categories/${DEMO_EXPERTS[0].categoryIds[0]}`,
  "/faq",
  "/about",
  "/how-it-works",
  "/join",
  "/contact",
  "/feedback",
  "/blog",
  `/blog/${DEMO_POSTS[0].slug}`,
  "/privacy",
  "/terms",
];

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Seeds a fresh KV file with the demo data and portraits. */
async function seed(kvPath: string): Promise<void> {
  const kv = await Deno.openKv(kvPath);
  bindProviders(kv, [
    provide(fileStoreProvider, createFileStore(kv, undefined)),
  ]);
  const started = performance.now();
  await seedDemoData(kv);
  const photos = await seedDemoPhotos(kv);
  console.log(
    `Seeded the demo data and ${photos} portraits in ${
      ((performance.now() - started) / 1000).toFixed(0)
    } s.`,
  );
  kv.close();
}

/** Starts main.ts on the seeded KV; resolves with its origin. */
async function startApp(kvPath: string) {
  const build = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", "framework/cli.ts", "build"],
  }).output();
  if (!build.success) throw new Error(new TextDecoder().decode(build.stderr));
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    env: { KV_PATH: kvPath, PORT: String(port) },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!/running at (\S+)\//.test(seen)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`The app stopped:\n${seen}`);
    seen += value;
  }
  // Keep draining so the app never blocks on a full pipe.
  (async () => {
    while (!(await reader.read()).done);
  })();
  return { origin: `http://127.0.0.1:${port}`, child };
}

async function startChromium(port: number) {
  const profile = await Deno.makeTempDir({ prefix: "lighthouse-profile-" });
  const child = new Deno.Command(CHROMIUM, {
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--no-first-run",
      `--user-data-dir=${profile}`,
      `--remote-debugging-port=${port}`,
      "about:blank",
    ],
    stdout: "null",
    stderr: "null",
  }).spawn();
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json/version`);
      await res.body?.cancel();
      if (res.ok) return { child, profile };
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Chromium at ${CHROMIUM} did not start.`);
}

interface Row {
  path: string;
  scores: Record<string, number>;
  lcp: string;
  cls: string;
  tbt: string;
  kib: number;
  lcpElement: string;
  /** Audits that pulled a category below 100, one line each. */
  failing: string[];
}

const REPORTS_DIR = Deno.env.get("LIGHTHOUSE_REPORTS");

/** The first DOM node's HTML snippet anywhere in an audit's details. */
function firstSnippet(value: unknown): string {
  if (typeof value !== "object" || value === null) return "";
  const record = value as Record<string, unknown>;
  if (record.type === "node" && typeof record.snippet === "string") {
    return record.snippet;
  }
  for (const child of Object.values(record)) {
    const found = firstSnippet(child);
    if (found) return found;
  }
  return "";
}

/** Tries per page: a run can lose its trace (NO_NAVSTART) on a busy machine. */
const ATTEMPTS = 3;

/** Lighthouse's result for `url`, run again while it reports a runtime error. */
async function runLighthouse(url: string, port: number) {
  for (let attempt = 1;; attempt++) {
    const result = await lighthouse(url, {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
    });
    if (!result) throw new Error(`No Lighthouse result for ${url}`);
    const error = result.lhr.runtimeError;
    if (!error || attempt === ATTEMPTS) return result.lhr;
    console.log(`    ${error.code} on ${url}; running it again`);
  }
}

async function audit(url: string, port: number): Promise<Row> {
  const lhr = await runLighthouse(url, port);
  const audits = lhr.audits;
  if (REPORTS_DIR) {
    await Deno.mkdir(REPORTS_DIR, { recursive: true });
    const name = new URL(url).pathname.replace(/\W+/g, "_") || "_";
    await Deno.writeTextFile(
      `${REPORTS_DIR}/${name}.json`,
      JSON.stringify(lhr, null, 1),
    );
  }
  const failing: string[] = [];
  for (const [id, category] of Object.entries(lhr.categories)) {
    if ((category.score ?? 0) >= 1) continue;
    for (const ref of category.auditRefs) {
      const found = audits[ref.id];
      if (ref.weight === 0 || found.score === null || found.score >= 1) {
        continue;
      }
      failing.push(
        `${id}: ${ref.id} ${found.score} ${found.displayValue ?? ""} ${
          firstSnippet(found.details).slice(0, 100)
        }`,
      );
    }
  }
  const scores = Object.fromEntries(
    Object.entries(lhr.categories).map((
      [id, category],
    ) => [id, Math.round((category.score ?? 0) * 100)]),
  );
  const lcpAudit = audits["largest-contentful-paint-element"] ??
    audits["lcp-breakdown-insight"];
  return {
    path: new URL(url).pathname,
    scores,
    lcp: audits["largest-contentful-paint"].displayValue ?? "",
    cls: audits["cumulative-layout-shift"].displayValue ?? "",
    tbt: audits["total-blocking-time"].displayValue ?? "",
    kib: Math.round(
      (audits["total-byte-weight"].numericValue ?? 0) / 1024,
    ),
    lcpElement: firstSnippet(lcpAudit?.details).slice(0, 70),
    failing,
  };
}

const paths = Deno.args.length > 0 ? Deno.args : DEFAULT_PAGES;
const dir = await Deno.makeTempDir({ prefix: "taptime-lighthouse-" });
const kvPath = `${dir}/taptime.kv`;
await seed(kvPath);
const app = await startApp(kvPath);
const debugPort = freePort();
const chromium = await startChromium(debugPort);
const rows: Row[] = [];
try {
  for (const path of paths) {
    rows.push(await audit(new URL(path, app.origin).href, debugPort));
    const row = rows.at(-1)!;
    console.log(
      `${
        row.path.padEnd(40)
      } perf ${row.scores.performance} a11y ${row.scores.accessibility} bp ${
        row.scores["best-practices"]
      } seo ${row.scores.seo}  LCP ${row.lcp}  CLS ${row.cls}  TBT ${row.tbt}  ${row.kib} KiB  LCP element: ${row.lcpElement}`,
    );
    for (const line of row.failing) console.log(`    ${line}`);
  }
} finally {
  chromium.child.kill();
  app.child.kill();
  await Promise.allSettled([chromium.child.status, app.child.status]);
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  await Deno.remove(chromium.profile, { recursive: true }).catch(() => {});
}
