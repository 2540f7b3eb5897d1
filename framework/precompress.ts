/**
 * Static assets compressed once, at build time: a Brotli (`.br`) and a gzip
 * (`.gz`) copy of every compressible file, kept in one folder mirroring the
 * URL paths, so the server never compresses a static file per request.
 *
 *   <outDir>/precompressed/_fresh/js/client-AB12CD34.js.br
 *   <outDir>/precompressed/favicon.svg.gz
 *
 * A copy is written only when it is meaningfully smaller, and used only
 * while it is newer than its source (a source edited after the build is
 * served as it is).
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { dirname, extname, join, relative, resolve } from "node:path";
import type { FreshConfig } from "./types.ts";
import { listFiles } from "./static.ts";

/** Folder (inside `outDir`) holding the compressed copies. */
export const PRECOMPRESSED_DIR = "precompressed";

const COMPRESSIBLE = new Set([
  ".js",
  ".mjs",
  ".css",
  ".svg",
  ".json",
  ".map",
  ".txt",
  ".xml",
  ".html",
  ".webmanifest",
  ".ico",
]);

/** Whether a file of this name is worth compressing (text, not images). */
export function isCompressible(path: string): boolean {
  return COMPRESSIBLE.has(extname(path).toLowerCase());
}

/** Brotli at its best quality: done once per build or per cached page. */
export function brotli(bytes: Uint8Array): Uint8Array {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
    },
  });
}

/** gzip at its best level. */
export function gzip(bytes: Uint8Array): Uint8Array {
  return gzipSync(bytes, { level: 9 });
}

/** Compressed copies must save at least this share to be worth a variant. */
const MIN_SAVING = 0.1;

/**
 * Writes the compressed copies of every compressible file in `folders`
 * (each served at its `urlPrefix`) under `<outDir>/precompressed`, replacing
 * what an earlier build left. `exclude` lists URL paths never served.
 */
export async function precompressAssets(
  outDir: string,
  folders: { dir: string; urlPrefix: string }[],
  exclude: ReadonlySet<string> = new Set(),
): Promise<number> {
  const target = join(outDir, PRECOMPRESSED_DIR);
  await Deno.remove(target, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  let written = 0;
  for (const folder of folders) {
    for (const file of listFiles(folder.dir)) {
      const urlPath = folder.urlPrefix + file;
      if (!isCompressible(file) || exclude.has(urlPath)) continue;
      const bytes = await Deno.readFile(join(folder.dir, file));
      for (
        const [suffix, compress] of [[".br", brotli], [".gz", gzip]] as const
      ) {
        const compressed = compress(bytes);
        if (compressed.byteLength > bytes.byteLength * (1 - MIN_SAVING)) {
          continue;
        }
        const path = join(target, urlPath.slice(1) + suffix);
        await Deno.mkdir(dirname(path), { recursive: true });
        await Deno.writeFile(path, compressed);
        written++;
      }
    }
  }
  return written;
}

/**
 * URL paths of plugin inputs that sit in the static folder (Tailwind's
 * source stylesheet): they are read by the build, never served.
 */
export function unservedStaticPaths(
  root: string,
  config: FreshConfig,
): string[] {
  const staticDir = resolve(root, config.staticDir ?? "static");
  const paths: string[] = [];
  for (const plugin of config.plugins ?? []) {
    for (const input of plugin.inputs ?? []) {
      const rel = relative(staticDir, resolve(root, input)).replaceAll(
        "\\",
        "/",
      );
      if (!rel.startsWith("../") && rel !== "..") paths.push("/" + rel);
    }
  }
  return paths;
}
