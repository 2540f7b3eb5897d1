/**
 * Shared set-up for HTTP and browser tests: a TapTime app on a fresh
 * `:memory:` KV seeded with the demo data, wired as main.ts wires it (see
 * ./runtime.ts), and (for browser tests) served on an ephemeral port with
 * Debian's Chromium driven by playwright-core.
 */
import { type Browser, chromium } from "playwright-core";
import { createTapTime } from "@/app.ts";
import { seedDemoData } from "@/services/seed/mod.ts";
import { startTestRuntime } from "./runtime.ts";

export interface TestApp {
  kv: Deno.Kv;
  fetch: (req: Request) => Promise<Response>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * An app on its own in-memory KV, with the demo data unless `seed: false`;
 * `env` adds environment variables (as env.ts reads them) to its config.
 */
export async function createTestApp(
  options: { seed?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const runtime = await startTestRuntime({
    PUBLIC_URL: "http://localhost:8000",
    ...options.env,
  });
  if (options.seed !== false) await seedDemoData(runtime.kv);
  const app = createTapTime(runtime);
  return {
    kv: runtime.kv,
    fetch: (req) => app.fetch(req),
    [Symbol.asyncDispose]: () => runtime[Symbol.asyncDispose](),
  };
}

export interface ServedApp extends TestApp {
  baseUrl: string;
}

/**
 * Serves a seeded test app on 127.0.0.1 at a port the OS picks (no
 * PUBLIC_URL: links use the request's origin).
 */
export async function serveTestApp(
  options: { env?: Record<string, string> } = {},
): Promise<ServedApp> {
  const runtime = await startTestRuntime(options.env);
  const { kv } = runtime;
  await seedDemoData(kv);
  const app = createTapTime(runtime);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req, info) => app.fetch(req, info),
  );
  return {
    kv,
    fetch: (req) => app.fetch(req),
    baseUrl: `http://127.0.0.1:${server.addr.port}`,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
      await runtime[Symbol.asyncDispose]();
    },
  };
}

/** Debian's Chromium; browsers are never downloaded by test tools here. */
export const CHROMIUM_PATH = Deno.env.get("CHROMIUM_PATH") ??
  "/usr/bin/chromium";

/**
 * Launches headless Chromium with the flags this environment needs. Under CI
 * a missing browser is a failure, never a skip.
 */
export async function launchBrowser(): Promise<Browser> {
  return await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Browser tests run wherever Chromium exists, and always under CI. */
export const browserTestsEnabled = Deno.env.get("CI") === "true" || (() => {
  try {
    return Deno.statSync(CHROMIUM_PATH).isFile;
  } catch {
    return false;
  }
})();

/**
 * Markup with the whitespace inside its tags collapsed, as an HTML parser
 * reads it: compiled JSX templates leave a space where an absent attribute
 * would have been (`<li >`, `href="/"  class`), which no browser sees.
 */
export function tidyTags(html: string): string {
  return html.replace(
    /<[a-zA-Z][^<>]*>/g,
    (tag) => tag.replace(/\s+/g, " ").replace(/ >$/, ">"),
  );
}
