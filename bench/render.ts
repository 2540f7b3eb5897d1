/**
 * What one page render costs in CPU, in process: `deno run -A
 * bench/render.ts` (optionally `--requests 500`). The app runs with the page
 * cache off on a `:memory:` database with the demo data, and each page is
 * requested again and again through the app's own `fetch` by a signed-in
 * demo learner or expert, or by a visitor, asking for compressed bodies as
 * every browser does (compression is part of what a visit costs). The
 * process's CPU time (user + system, so Deno KV's threads count too) is
 * divided by the requests.
 *
 * The baseline, measured in the same run the same way, is a handler that
 * answers every request with a fixed page: "× bare" says how many such
 * answers one page costs, which compares across machines where raw
 * milliseconds do not. Pages alternate in rounds so a busy machine slows
 * every page alike; each page's figure is its best round.
 * `benchRender` returns the same numbers for a combined report.
 */
import process from "node:process";
import { createAuthTestApp, logIn } from "@/tests/support/auth.ts";
import {
  DEMO_PASSWORD,
  seedDemoAccounts,
  seedDemoData,
} from "@/services/seed/mod.ts";

export interface RenderRow {
  path: string;
  /** Who asks: "learner", "expert" or "visitor". */
  as: string;
  status: number;
  cpuMs: number;
  timesBare: number;
}

export interface RenderBenchResult {
  requests: number;
  bareCpuMs: number;
  rows: RenderRow[];
}

/** The pages measured, and who asks for each. */
const PAGES: readonly { path: string; as: "learner" | "expert" | "visitor" }[] =
  [
    { path: "/dashboard", as: "learner" },
    { path: "/bookings", as: "learner" },
    { path: "/notifications", as: "learner" },
    { path: "/account", as: "learner" },
    { path: "/expert", as: "expert" },
    { path: "/", as: "visitor" },
    { path: "/experts", as: "visitor" },
    // The first demo expert's profile and a category the demo data fills.
    { path: "/experts/01JGFJJZ0W000000000000000W", as: "visitor" },
    { path: "/categories/software-engineering", as: "visitor" },
  ];

const ROUNDS = 3;
/** What Chromium sends. */
const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";
const BARE_PAGE =
  `<!DOCTYPE html><html lang="en"><head><title>Bare</title></head><body><p>${
    "x".repeat(120)
  }</p></body></html>`;

/** CPU milliseconds per call of `once`, over `count` calls. */
async function cpuPerCall(
  count: number,
  once: () => Promise<unknown>,
): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) await once();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / count;
}

export async function benchRender(
  requests = 300,
): Promise<RenderBenchResult> {
  await using app = await createAuthTestApp({ env: { PAGE_CACHE_MB: "0" } });
  await seedDemoData(app.kv);
  await seedDemoAccounts(app.kv);
  const clients = {
    learner: await logIn(app, "learner@taptime.example", DEMO_PASSWORD),
    expert: await logIn(app, "expert@taptime.example", DEMO_PASSWORD),
    visitor: app.client(),
  };
  const bare = (request: Request) =>
    Promise.resolve(
      new Response(BARE_PAGE, {
        headers: { "content-type": "text/html; charset=utf-8" },
      }),
    ).then(async (response) => {
      await request.arrayBuffer();
      return await response.arrayBuffer();
    });

  const best = new Map<string, { cpuMs: number; status: number }>();
  let bareCpuMs = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    bareCpuMs = Math.min(
      bareCpuMs,
      await cpuPerCall(
        requests,
        () => bare(new Request("http://localhost:8000/")),
      ),
    );
    for (const page of PAGES) {
      const client = clients[page.as];
      let status = 0;
      const get = async () => {
        const response = await client.request(page.path, {
          headers: { "accept-encoding": BROWSER_ACCEPT_ENCODING },
        });
        status = response.status;
        await response.arrayBuffer();
      };
      if (round === 0) { for (let i = 0; i < 20; i++) await get(); }
      const cpuMs = await cpuPerCall(requests, get);
      const key = `${page.as} ${page.path}`;
      const before = best.get(key);
      if (!before || cpuMs < before.cpuMs) best.set(key, { cpuMs, status });
    }
  }
  return {
    requests,
    bareCpuMs,
    rows: PAGES.map((page) => {
      const { cpuMs, status } = best.get(`${page.as} ${page.path}`)!;
      return {
        path: page.path,
        as: page.as,
        status,
        cpuMs,
        timesBare: cpuMs / bareCpuMs,
      };
    }),
  };
}

/** The result as a table. */
export function renderRenderBench(result: RenderBenchResult): string {
  const lines = [
    `CPU per request, in process, page cache off (${result.requests} requests a round, best of ${ROUNDS}):`,
    `  ${"page".padEnd(36)} ${"as".padEnd(8)} status   CPU ms   × bare`,
    `  ${"bare handler".padEnd(36)} ${"".padEnd(8)} ${"200".padStart(6)} ${
      result.bareCpuMs.toFixed(3).padStart(8)
    } ${"1".padStart(8)}`,
  ];
  for (const row of result.rows) {
    lines.push(
      `  ${row.path.padEnd(36)} ${row.as.padEnd(8)} ${
        String(row.status).padStart(6)
      } ${row.cpuMs.toFixed(3).padStart(8)} ${
        row.timesBare.toFixed(0).padStart(8)
      }`,
    );
  }
  return lines.join("\n");
}

if (import.meta.main) {
  const at = Deno.args.indexOf("--requests");
  const requests = at === -1 ? 300 : Number(Deno.args[at + 1]);
  if (!Number.isInteger(requests) || requests < 10) {
    console.error("--requests takes a whole number of at least 10.");
    Deno.exit(2);
  }
  console.log(renderRenderBench(await benchRender(requests)));
}
