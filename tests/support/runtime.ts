/**
 * The process wiring for tests, built the way main.ts builds it: a config
 * from env.ts (as if these variables were set), providers bound to a fresh
 * `:memory:` KV and the job worker running (runtime.ts). Dispose the runtime
 * (`await using`) to stop the worker and close the database.
 */
import { type Config, loadConfig } from "@/env.ts";
import { type Runtime, startRuntime } from "@/runtime.ts";
import { openTestKv } from "./kv.ts";

/** Environment variables every test runtime starts from. */
const TEST_ENV = { KV_PATH: ":memory:", SEED_DEMO_DATA: "false" };

/** The config a process with `env` set (over TEST_ENV) would load. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ ...TEST_ENV, ...env });
}

/** A started runtime on its own `:memory:` KV, configured by `env`. */
export async function startTestRuntime(
  env: Record<string, string> = {},
): Promise<Runtime> {
  return await startRuntime(testConfig(env), { kv: await openTestKv() });
}
