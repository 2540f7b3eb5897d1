/**
 * The page layer's command line, run from the project root:
 *
 *   deno run -A framework/cli.ts manifest   regenerate fresh.gen.ts
 *   deno run -A framework/cli.ts build      regenerate fresh.gen.ts, then build assets
 *
 * `build` imports only `fresh.config.ts`, never the routes, so a stale or
 * missing `fresh.gen.ts` on a fresh clone cannot break it.
 */
import { build } from "./build.ts";
import { loadConfig } from "./dev.ts";
import { writeManifest } from "./manifest.ts";

async function main(command: string | undefined): Promise<number> {
  const root = Deno.cwd();
  if (command === "manifest") {
    const changed = await writeManifest(root);
    console.log(changed ? "Wrote fresh.gen.ts" : "fresh.gen.ts is up to date");
    return 0;
  }
  if (command === "build") {
    await writeManifest(root);
    const started = performance.now();
    const info = await build(root, await loadConfig(root));
    const elapsed = Math.round(performance.now() - started);
    console.log(
      `Built ${Object.keys(info.islands).length} island file(s) and ` +
        `${info.css.length} stylesheet(s) in ${elapsed} ms`,
    );
    return 0;
  }
  console.error("Usage: deno run -A framework/cli.ts <manifest|build>");
  return 2;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args[0]));
}
