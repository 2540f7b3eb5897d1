/**
 * The asset build: bundles the client runtime and every island file with
 * esbuild, runs the plugins (Tailwind), and records the result in
 * `<outDir>/build.json`, which the server reads at startup.
 *
 * Islands are bundled from their file paths, so the build never imports
 * route or island modules and works even when `fresh.gen.ts` is stale.
 *
 * Output layout (all names content-hashed, so they are cached forever):
 *
 *   <outDir>/js/client-<hash>.js     the hydration runtime
 *   <outDir>/js/<Island>-<hash>.js   one entry per island file
 *   <outDir>/js/<script>-<hash>.js   one self-contained file per client script
 *   <outDir>/js/chunk-<hash>.js      islands' shared code (preact, signals, …)
 *   <outDir>/css/…                   written by plugins
 *   <outDir>/precompressed/…         Brotli and gzip copies (precompress.ts)
 *   <outDir>/build.json              {@link BuildInfo}
 */
import * as esbuild from "esbuild";
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { precompressAssets, unservedStaticPaths } from "./precompress.ts";
import type { FreshConfig } from "./types.ts";

/** Contents of `<outDir>/build.json`. Paths are relative to `outDir`. */
export interface BuildInfo {
  /** The client runtime module, e.g. `js/client-AB12CD34.js`. */
  runtime: string;
  /** By island manifest key (`./islands/Counter.tsx`): its module and export names. */
  islands: Record<string, { file: string; exports: string[] }>;
  /** Stylesheets contributed by plugins, linked on every page. */
  css: string[];
  /** Each configured client script's module, by name (`js/tz-AB12CD34.js`). */
  scripts: Record<string, string>;
}

const CLIENT_ENTRY = fileURLToPath(new URL("./client.ts", import.meta.url));
const SOURCE_EXTENSIONS = /\.(tsx?|jsx?)$/;

/** Island files under `<root>/islands`, as sorted manifest keys (`./islands/X.tsx`). */
export async function findIslandFiles(root: string): Promise<string[]> {
  const dir = join(root, "islands");
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = async (folder: string) => {
    for await (const entry of Deno.readDir(folder)) {
      const path = join(folder, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (SOURCE_EXTENSIONS.test(entry.name)) {
        found.push("./" + relative(root, path).replaceAll("\\", "/"));
      }
    }
  };
  await walk(dir);
  return found.sort();
}

/** The folder whose `node_modules` holds preact, searching upwards from `root`. */
function findNodeModulesParent(root: string): string | null {
  let dir = resolve(root);
  while (true) {
    if (existsSync(join(dir, "node_modules", "preact", "package.json"))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

async function ensureNodeModules(root: string): Promise<string> {
  const existing = findNodeModulesParent(root);
  if (existing) return existing;
  const install = await new Deno.Command(Deno.execPath(), {
    args: ["install"],
    cwd: root,
    stdin: "null",
  }).output();
  if (!install.success) {
    throw new Error(
      `\`deno install\` failed in ${root}:\n${
        new TextDecoder().decode(install.stderr)
      }`,
    );
  }
  const installed = findNodeModulesParent(root);
  if (!installed) {
    throw new Error(
      `preact is not installed under ${root}/node_modules; is it in deno.json "imports"?`,
    );
  }
  return installed;
}

/**
 * Resolves bare imports the way the server sees them: `npm:` specifiers are
 * stripped to package paths, and every `preact` import resolves from the
 * project's own node_modules so the bundle holds exactly one copy.
 */
function denoResolvePlugin(
  nodeModulesParent: string,
  localAliases: [prefix: string, folder: string][],
): esbuild.Plugin {
  return {
    name: "deno-resolve",
    setup(build) {
      for (const [prefix, folder] of localAliases) {
        const filter = new RegExp(
          `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
        );
        build.onResolve(
          { filter },
          (args) =>
            build.resolve("./" + args.path.slice(prefix.length), {
              kind: args.kind,
              resolveDir: folder,
            }),
        );
      }
      build.onResolve({ filter: /^npm:/ }, (args) => {
        const withoutPrefix = args.path.slice("npm:".length).replace(
          /^\/?(@[^/]+\/[^@/]+|[^@/]+)@[^/]+/,
          "$1",
        );
        return build.resolve(withoutPrefix, {
          kind: args.kind,
          resolveDir: args.resolveDir,
        });
      });
      build.onResolve({ filter: /^jsr:/ }, (args) => ({
        errors: [{ text: `jsr: imports cannot be bundled (${args.path})` }],
      }));
      build.onResolve({ filter: /^preact(\/.*)?$/ }, (args) => {
        if (args.pluginData === "deduped") return undefined;
        return build.resolve(args.path, {
          kind: args.kind,
          resolveDir: nodeModulesParent,
          pluginData: "deduped",
        });
      });
    },
  };
}

/**
 * Folder aliases of the project's import map (`"@/": "./"` in deno.json), so
 * islands bundle with the same specifiers the server resolves.
 */
async function localImportAliases(
  root: string,
): Promise<[prefix: string, folder: string][]> {
  let imports: Record<string, string> = {};
  try {
    const config = JSON.parse(await Deno.readTextFile(join(root, "deno.json")));
    imports = config.imports ?? {};
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return Object.entries(imports)
    .filter(([prefix, target]) =>
      prefix.endsWith("/") && /^\.{1,2}\//.test(target)
    )
    .map(([prefix, target]) => [prefix, resolve(root, target)]);
}

function islandEntryName(key: string): string {
  return key.replace(/^\.\/islands\//, "").replace(SOURCE_EXTENSIONS, "")
    .replace(/[^\w-]/g, "_");
}

/**
 * Builds the browser assets of the project at `root` into its `outDir`
 * (default `_fresh`) and writes `build.json`. Stale hashed files are removed.
 */
export async function build(
  root: string,
  config: FreshConfig,
  options: { dev?: boolean } = {},
): Promise<BuildInfo> {
  const dev = options.dev ?? false;
  root = resolve(root);
  const outDir = resolve(root, config.outDir ?? "_fresh");
  const jsDir = join(outDir, "js");
  const nodeModulesParent = await ensureNodeModules(root);
  const islandFiles = await findIslandFiles(root);

  const entryPoints: Record<string, string> = { client: CLIENT_ENTRY };
  for (const key of islandFiles) {
    entryPoints[islandEntryName(key)] = join(root, key);
  }
  // Client scripts are built on their own, unsplit: a script runs on pages
  // that hydrate nothing, so it must be one file that shares no chunk with
  // the islands (nor with another script).
  const scriptEntries: Record<string, string> = {};
  for (const [name, file] of Object.entries(config.scripts ?? {})) {
    if (!/^[\w-]+$/.test(name) || name in entryPoints) {
      throw new Error(
        `Client script name "${name}" must be letters, digits, - or _, and differ from the islands'.`,
      );
    }
    scriptEntries[name] = resolve(root, file);
  }

  const common: esbuild.BuildOptions = {
    absWorkingDir: root,
    outdir: jsDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2020"],
    minify: !dev,
    sourcemap: dev ? "inline" : false,
    entryNames: "[name]-[hash]",
    jsx: "automatic",
    jsxImportSource: "preact",
    write: true,
    logLevel: "silent",
    plugins: [
      denoResolvePlugin(nodeModulesParent, await localImportAliases(root)),
    ],
  };
  const metafile: esbuild.Metafile = { inputs: {}, outputs: {} };
  try {
    const islandBuild = await esbuild.build({
      ...common,
      entryPoints,
      splitting: true,
      chunkNames: "chunk-[hash]",
      metafile: true,
    });
    Object.assign(metafile.outputs, islandBuild.metafile.outputs);
    if (Object.keys(scriptEntries).length > 0) {
      const scriptBuild = await esbuild.build({
        ...common,
        entryPoints: scriptEntries,
        splitting: false,
        metafile: true,
      });
      Object.assign(metafile.outputs, scriptBuild.metafile.outputs);
    }
  } finally {
    await esbuild.stop();
  }
  const result = { metafile };

  const outputs = new Map<string, { file: string; exports: string[] }>();
  for (const [outFile, output] of Object.entries(result.metafile.outputs)) {
    if (!output.entryPoint) continue;
    outputs.set(resolve(root, output.entryPoint), {
      file: relative(outDir, resolve(root, outFile)).replaceAll("\\", "/"),
      exports: [...output.exports].sort(),
    });
  }
  const runtime = outputs.get(CLIENT_ENTRY);
  if (!runtime) throw new Error("esbuild produced no client runtime");
  const islands: BuildInfo["islands"] = {};
  for (const key of islandFiles) {
    const output = outputs.get(join(root, key));
    if (!output) throw new Error(`esbuild produced no bundle for ${key}`);
    islands[key] = output;
  }

  const css: string[] = [];
  for (const plugin of config.plugins ?? []) {
    const contributed = await plugin.build?.({ root, outDir, dev });
    if (contributed?.css) css.push(...contributed.css);
  }

  const scripts: BuildInfo["scripts"] = {};
  for (const [name, file] of Object.entries(config.scripts ?? {})) {
    const output = outputs.get(resolve(root, file));
    if (!output) throw new Error(`esbuild produced no bundle for ${file}`);
    scripts[name] = output.file;
  }

  const info: BuildInfo = { runtime: runtime.file, islands, css, scripts };
  await Deno.writeTextFile(
    join(outDir, "build.json"),
    JSON.stringify(info, null, 2) + "\n",
  );
  const keep = new Set(
    Object.keys(result.metafile.outputs).map((file) => resolve(root, file)),
  );
  await removeFilesExcept(jsDir, keep);
  if (!dev) {
    const staticDir = resolve(root, config.staticDir ?? "static");
    await precompressAssets(outDir, [
      { dir: jsDir, urlPrefix: "/_fresh/js/" },
      { dir: join(outDir, "css"), urlPrefix: "/_fresh/css/" },
      { dir: staticDir, urlPrefix: "/" },
    ], new Set(unservedStaticPaths(root, config)));
  }
  return info;
}

async function removeFilesExcept(dir: string, keep: Set<string>) {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isFile && !keep.has(path)) await Deno.remove(path);
  }
}
