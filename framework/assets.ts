/**
 * The built browser assets a page links, read once from
 * `<outDir>/build.json` (written by `deno task build`): the client
 * runtime, each island's module, the stylesheets and the client scripts.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { BuildInfo } from "./build.ts";
import type { AssetUrls } from "./render.ts";
import type { FreshConfig } from "./types.ts";

/** The asset URLs of the build in `outDir`; a missing build is a clear error when islands need one. */
export function loadAssets(
  outDir: string,
  islandFiles: string[],
  config: FreshConfig,
): AssetUrls {
  const buildFile = join(outDir, "build.json");
  if (!existsSync(buildFile)) {
    if (islandFiles.length > 0 || (config.plugins ?? []).length > 0) {
      throw new Error(
        `No client build at ${buildFile}. Run \`deno task build\` first.`,
      );
    }
    return { runtime: null, islandModules: {}, css: [], scripts: {} };
  }
  const build = JSON.parse(Deno.readTextFileSync(buildFile)) as BuildInfo;
  const islandModules: Record<string, string> = {};
  for (const file of islandFiles) {
    const built = build.islands[file];
    if (!built) {
      throw new Error(
        `The client build in ${outDir} has no bundle for ${file}. Run \`deno task build\` again.`,
      );
    }
    islandModules[file] = `/_fresh/${built.file}`;
  }
  const scripts: Record<string, string> = {};
  for (const name of Object.keys(config.scripts ?? {})) {
    const file = build.scripts?.[name];
    if (!file) {
      throw new Error(
        `The client build in ${outDir} has no script "${name}". Run \`deno task build\` again.`,
      );
    }
    scripts[name] = `/_fresh/${file}`;
  }
  return {
    runtime: `/_fresh/${build.runtime}`,
    islandModules,
    css: build.css.map((file) => `/_fresh/${file}`),
    scripts,
  };
}
