/**
 * `deno task bench`: builds the assets, seeds a throwaway database, serves
 * TapTime twice on it (with the shared page cache, as deployed, and with it
 * off, so every request renders) and a bare baseline server side by side,
 * holds 1,000 open event streams (bench/live.ts),
 * loads each signed-out page on both with autocannon (same settings for
 * every target), weighs the JavaScript that
 * Chromium downloads for every public page, and prints the numbers with the
 * project targets beside them. The same numbers go to
 * bench/results/latest.json. See bench/README.md for how to read them.
 */
import { benchSlots, SLOTS_TARGET_MS, type SlotsBenchResult } from "./slots.ts";
import {
  benchBookings,
  BOOKINGS_TARGET_RATIO,
  type BookingsBenchResult,
} from "./bookings.ts";
import { benchLive, renderLive } from "./live.ts";
import { dirname, resolve } from "node:path";
import {
  ArgsError,
  BENCH_USAGE,
  type BenchSettings,
  parseBenchArgs,
} from "./args.ts";
import {
  filteredBrowsePath,
  firstExpertOf,
  firstLinkUnder,
  profilePath,
  searchPath,
} from "./discover.ts";
import { measurePageJs } from "./js_weight.ts";
import { freePort, REPO_ROOT, runDeno, ServerProcess } from "./processes.ts";
import { loadSameBytes, runLoad } from "./load_runs.ts";
import {
  type BenchResults,
  type MachineFacts,
  renderPreamble,
  renderResults,
} from "./report.ts";
import {
  BARE_NAME,
  evaluateTargets,
  type JsRow,
  type LoadRow,
  percentOf,
  SAME_BYTES_SUFFIX,
  UNCACHED_SUFFIX,
} from "./targets.ts";
import { openKv } from "@/services/platform/kv.ts";
import { seedDemoData, seedGeneratedExperts } from "@/services/seed/mod.ts";
import { fillMissingNextFree } from "@/services/next_free/mod.ts";
import { EXPERT_PREFIX, type ExpertProfile } from "@/services/experts/mod.ts";
import { CHROMIUM_PATH, launchBrowser } from "@/tests/support/helpers.ts";

/** Experts written per `seedGeneratedExperts` call, to keep each batch's memory and time small. */
const SEED_BATCH = 500;

/** Content pages weighed for JavaScript, beside the discovered profile and blog post. */
const STATIC_PAGES = [
  "/about",
  "/how-it-works",
  "/faq",
  "/contact",
  "/feedback",
  "/blog",
  "/join",
];

async function main(settings: BenchSettings): Promise<void> {
  const runStart = performance.now();
  const machine = await machineFacts();
  const runSettings = {
    experts: settings.experts,
    concurrency: settings.concurrency,
    durationSeconds: settings.durationSeconds,
    warmupSeconds: settings.warmupSeconds,
    acceptEncoding: settings.acceptEncoding,
  };
  console.log(renderPreamble(machine, runSettings));
  console.log();

  if (!settings.skipBuild) {
    await step(
      "building assets",
      () =>
        runDeno(["run", "-A", "framework/cli.ts", "build"], { cwd: REPO_ROOT }),
    );
  }

  const tempDir = await Deno.makeTempDir({ prefix: "taptime-bench-" });
  const kvPath = `${tempDir}/bench.kv`;
  const servers: ServerProcess[] = [];
  const cleanUp = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await Deno.remove(tempDir, { recursive: true }).catch(() => {});
  };
  // Ctrl-C skips `finally`; stop the servers and delete the database anyway.
  const onInterrupt = () => cleanUp().finally(() => Deno.exit(130));
  Deno.addSignalListener("SIGINT", onInterrupt);

  try {
    const seedStart = performance.now();
    const catalog = await step(
      `seeding ${settings.experts} experts`,
      () => seedDatabase(kvPath, settings.experts),
    );
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const appPort = freePort();
    const uncachedPort = freePort();
    const barePort = freePort();
    const app = new ServerProcess(
      "TapTime (main.ts)",
      ["run", "-A", "main.ts"],
      {
        cwd: REPO_ROOT,
        env: {
          PORT: String(appPort),
          KV_PATH: kvPath,
          SEED_DEMO_DATA: "false",
        },
      },
    );
    servers.push(app);
    const uncached = new ServerProcess(
      "TapTime without the page cache (main.ts, PAGE_CACHE_MB=0)",
      ["run", "-A", "main.ts"],
      {
        cwd: REPO_ROOT,
        env: {
          PORT: String(uncachedPort),
          KV_PATH: kvPath,
          SEED_DEMO_DATA: "false",
          PAGE_CACHE_MB: "0",
        },
      },
    );
    servers.push(uncached);
    const bare = new ServerProcess(
      "bare baseline (bench/bare_server.ts)",
      ["run", "-A", "bench/bare_server.ts"],
      { cwd: REPO_ROOT, env: { PORT: String(barePort) } },
    );
    servers.push(bare);
    const appOrigin = `http://127.0.0.1:${appPort}`;
    const uncachedOrigin = `http://127.0.0.1:${uncachedPort}`;
    const bareOrigin = `http://127.0.0.1:${barePort}`;
    await step("starting servers", () =>
      Promise.all([
        app.waitUntilReady(`${appOrigin}/`),
        uncached.waitUntilReady(`${uncachedOrigin}/`),
        bare.waitUntilReady(`${bareOrigin}/`),
      ]));

    const notes: string[] = [];
    const loadTargets = await findLoadTargets(appOrigin, notes);
    const load: LoadRow[] = [];
    let bareRps = NaN;
    // Each page cached (the deployed configuration, named as before) and
    // rendered on every request (" · uncached"), beside the baseline.
    const runs = [
      { name: BARE_NAME, path: "/", origin: bareOrigin },
      ...loadTargets.flatMap((target) => [
        { ...target, origin: appOrigin },
        {
          ...target,
          name: `${target.name}${UNCACHED_SUFFIX}`,
          origin: uncachedOrigin,
        },
      ]),
    ];
    for (const { origin, ...target } of runs) {
      const result = await step(
        `loading ${
          target.name === target.path
            ? target.name
            : `${target.name} (${target.path})`
        }`,
        () => runLoad(`${origin}${target.path}`, settings),
      );
      if (target.name === BARE_NAME) bareRps = result.rps;
      load.push({
        ...target,
        ...result,
        percentOfBare: percentOf(result.rps, bareRps),
      });
      // What sending this very response costs with no app behind it.
      if (origin === appOrigin) {
        const name = `${target.name}${SAME_BYTES_SUFFIX}`;
        const same = await step(
          `loading ${name}`,
          () =>
            loadSameBytes(
              `${origin}${target.path}`,
              settings,
              tempDir,
              servers,
            ),
        );
        load.push({
          ...target,
          name,
          ...same,
          percentOfBare: percentOf(same.rps, bareRps),
        });
      }
    }

    const js = await step(
      "weighing client JavaScript",
      () => weighPages(appOrigin, loadTargets, notes),
    );

    // Scheduling: the slot engine and the booking commit, against their
    // own baselines in this run (raw KV commits of a booking's size).
    const slots = await step(
      "computing slots for a busy expert",
      () => Promise.resolve(benchSlots()),
    );
    const bookings = await step(
      "booking commits against raw commits",
      () => benchBookings(),
    );

    // The live layer: 1,000 event streams on their own app processes and
    // database, after the page servers above are done with the machine.
    const live = await step(
      "1,000 event streams: delivery latency and memory",
      () => benchLive({ connections: 1000 }),
    );

    const results: BenchResults = {
      startedAt: new Date(Date.now() - (performance.now() - runStart))
        .toISOString(),
      machine,
      settings: runSettings,
      database: { ...catalog, seedSeconds: round(seedSeconds, 2) },
      load,
      js,
      targets: evaluateTargets(load, js),
      notes,
      totalSeconds: round((performance.now() - runStart) / 1000, 1),
    };
    console.log();
    console.log(renderResults(results));
    console.log(renderScheduling(slots, bookings));
    console.log(renderLive(live));

    const outputPath = resolve(Deno.cwd(), settings.outputPath);
    await Deno.mkdir(dirname(outputPath), { recursive: true });
    await Deno.writeTextFile(
      outputPath,
      JSON.stringify(
        { ...results, scheduling: { slots, bookings }, live },
        null,
        2,
      ) +
        "\n",
    );
    console.log(`\nJSON: ${outputPath} (run took ${results.totalSeconds} s)`);
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
    await cleanUp();
  }
}

/**
 * Seeds the demo data, then generated experts in batches until `total`
 * experts exist. Each batch has its own fixed generator seed, so every run
 * benchmarks the same catalog. The database is closed again before the app
 * opens it.
 */
/** The scheduling section of the report: figures, targets and the checks behind them. */
function renderScheduling(
  slots: SlotsBenchResult,
  bookings: BookingsBenchResult,
): string {
  const met = (ok: boolean) => (ok ? "met" : "NOT MET");
  return [
    "",
    "Scheduling",
    `slot computation, 60 days of a busy expert (${slots.busyRanges} busy ranges, ${slots.slots} slots): median ${
      slots.medianMs.toFixed(2)
    } ms, p95 ${slots.p95Ms.toFixed(2)} ms (target < ${SLOTS_TARGET_MS} ms: ${
      met(slots.medianMs < SLOTS_TARGET_MS)
    })`,
    `booking commits: ${bookings.bookingsPerSecond.toFixed(0)}/s against ${
      bookings.rawPerSecond.toFixed(0)
    }/s raw commits of the same size (${bookings.shape.checks} checks, ${bookings.shape.writes} writes): ratio ${
      bookings.ratio.toFixed(2)
    } (target ≥ ${BOOKINGS_TARGET_RATIO}: ${
      met(bookings.ratio >= BOOKINGS_TARGET_RATIO)
    })`,
    `contention: ${bookings.contended.attempts} attempts on 5 slots → ${bookings.contended.booked} booked, ${bookings.contended.refused} told the time is taken; double bookings ${bookings.doubleBookings}; ledger ${
      bookings.ledgerOk ? "balanced" : "BROKEN"
    }`,
  ].join("\n");
}

async function seedDatabase(
  kvPath: string,
  total: number,
): Promise<{ experts: number; published: number }> {
  const kv = await openKv(kvPath);
  try {
    const demo = await seedDemoData(kv);
    let experts = demo.experts;
    for (let batch = 1; experts < total; batch++) {
      experts += await seedGeneratedExperts(
        kv,
        Math.min(SEED_BATCH, total - experts),
        batch,
      );
    }
    await fillMissingNextFree(kv); // browse by availability reads these
    // Generated experts are sometimes unpublished, as in real life; count
    // what the browse page can actually show.
    let published = 0;
    for await (
      const entry of kv.list<ExpertProfile>({ prefix: EXPERT_PREFIX })
    ) {
      if (entry.value.published) published++;
    }
    return { experts, published };
  } finally {
    kv.close();
  }
}

interface Target {
  name: string;
  path: string;
}

/** The app's load targets; ones that depend on a sample expert are skipped (with a note) if none is found. */
async function findLoadTargets(
  origin: string,
  notes: string[],
): Promise<Target[]> {
  const targets: Target[] = [{ name: "/", path: "/" }, {
    name: "/experts",
    path: "/experts",
  }, {
    name: "/experts (free this week, soonest)",
    path: "/experts?available=7d&sort=soonest",
  }];
  const response = await fetch(`${origin}/api/experts?limit=1`);
  const body = await response.json().catch(() => null);
  const expert = response.ok
    ? firstExpertOf(body)
    : new Error(`/api/experts?limit=1 answered ${response.status}`);
  if (expert instanceof Error) {
    notes.push(
      `${expert.message}: filtered browse, search and profile were not measured`,
    );
    return targets;
  }
  targets.push(
    { name: "/experts (filtered)", path: filteredBrowsePath(expert) },
    { name: "/experts (search)", path: searchPath(expert) },
    { name: "expert profile", path: profilePath(expert) },
  );
  targets.push({
    name: "category page",
    path: `/categories/${encodeURIComponent(expert.categoryIds[0])}`,
  });
  return targets;
}

/**
 * Measures, in Chromium, the client JavaScript of every public page; the
 * blog post is the first one /blog links to.
 */
async function weighPages(
  origin: string,
  loadTargets: Target[],
  notes: string[],
): Promise<JsRow[]> {
  try {
    await Deno.stat(CHROMIUM_PATH);
  } catch {
    notes.push(
      `no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH): client JavaScript was not weighed`,
    );
    return [];
  }
  const pages: Target[] = [
    { name: "/", path: "/" },
    { name: "/experts", path: "/experts" },
  ];
  const profile = loadTargets.find((target) =>
    target.name === "expert profile"
  );
  if (profile) pages.push(profile);
  for (const path of STATIC_PAGES) pages.push({ name: path, path });

  const browser = await launchBrowser();
  try {
    const rows: JsRow[] = [];
    // The blog post is appended while the loop runs, once /blog has been seen.
    for (const page of pages) {
      const { weight, links } = await measurePageJs(browser, origin, page.path);
      rows.push({ name: page.name, ...weight });
      if (page.path !== "/blog") continue;
      const postPath = firstLinkUnder(links, origin, "/blog/");
      if (postPath) pages.push({ name: "blog post", path: postPath });
      else {
        notes.push(
          "no link to a blog post on /blog: the blog post was not weighed",
        );
      }
    }
    return rows;
  } finally {
    await browser.close();
  }
}

async function machineFacts(): Promise<MachineFacts> {
  let cpuModel: string | null = null;
  try {
    const cpuinfo = await Deno.readTextFile("/proc/cpuinfo");
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1].trim() ?? null;
  } catch {
    // Not Linux; the core count still says the most.
  }
  let memoryGb: number | null = null;
  try {
    memoryGb = round(Deno.systemMemoryInfo().total / 1024 ** 3, 1);
  } catch {
    // Unavailable on some platforms.
  }
  return {
    cores: navigator.hardwareConcurrency,
    cpuModel,
    memoryGb,
    os: Deno.build.os,
    arch: Deno.build.arch,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    typescript: Deno.version.typescript,
  };
}

/** Runs `work`, printing its name and how long it took. */
async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  await Deno.stdout.write(new TextEncoder().encode(`${name} … `));
  try {
    const result = await work();
    console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    console.log("failed");
    throw error;
  }
}

function round(value: number, decimals: number): number {
  return Math.round(value * 10 ** decimals) / 10 ** decimals;
}

if (import.meta.main) {
  let settings: BenchSettings;
  try {
    settings = parseBenchArgs(Deno.args);
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    console.error(`${error.message}\n\n${BENCH_USAGE}`);
    Deno.exit(2);
  }
  if (settings.help) {
    console.log(BENCH_USAGE);
  } else {
    await main(settings);
  }
}
