/** Shared set-up for the framework tests: builds the fixture project into a temp folder. */
import { fileURLToPath } from "node:url";
import { build, type BuildInfo } from "../build.ts";
import type { FreshConfig } from "../types.ts";

export const FIXTURE_ROOT = fileURLToPath(new URL(".", import.meta.url));

/** Builds the fixture's assets into a new temp `outDir`; remove it with `cleanup`. */
export async function buildFixture(config: FreshConfig = {}): Promise<{
  config: FreshConfig;
  info: BuildInfo;
  outDir: string;
  cleanup: () => Promise<void>;
}> {
  const outDir = await Deno.makeTempDir({ prefix: "fresh-fixture-" });
  const fullConfig = { ...config, outDir };
  const info = await build(FIXTURE_ROOT, fullConfig);
  return {
    config: fullConfig,
    info,
    outDir,
    cleanup: () => Deno.remove(outDir, { recursive: true }),
  };
}
