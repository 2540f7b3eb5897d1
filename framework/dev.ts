/**
 * Development helpers: loading `fresh.config.ts` and rebuilding before the
 * app starts. The project's own `dev.ts` runs under `deno run --watch`, so a
 * change restarts the process and this runs again.
 */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "./build.ts";
import { writeManifest } from "./manifest.ts";
import type { FreshConfig } from "./types.ts";

/** Loads `<root>/fresh.config.ts`'s default export (an empty config if absent). */
export async function loadConfig(root: string): Promise<FreshConfig> {
  const path = join(resolve(root), "fresh.config.ts");
  try {
    await Deno.stat(path);
  } catch {
    return {};
  }
  const module = await import(pathToFileURL(path).href);
  return (module.default ?? {}) as FreshConfig;
}

/**
 * Regenerates `fresh.gen.ts` and rebuilds the assets (unminified, with
 * source maps) of the project at `root`. Call it before importing the app,
 * so the import sees the new manifest.
 */
export async function dev(root: string, config?: FreshConfig): Promise<void> {
  await writeManifest(root);
  await build(root, config ?? await loadConfig(root), { dev: true });
}
