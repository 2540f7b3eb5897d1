/**
 * Serves files from a folder: content types, ETag/304, cache headers, the
 * Brotli or gzip copy prepared at build time (precompress.ts) when the
 * client accepts it, and no way out of the folder (`..`, encoded or not, and
 * NUL bytes are refused).
 */
import { extname, join, resolve, sep } from "node:path";
import { type Encoding, ENCODINGS, pickEncoding } from "./encoding.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".mp3": "audio/mpeg",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".wasm": "application/wasm",
  ".pdf": "application/pdf",
};

/** The content type for a file name, `application/octet-stream` if unknown. */
export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ??
    "application/octet-stream";
}

export interface StaticFolder {
  /** Absolute path of the folder. */
  dir: string;
  /** URL prefix the folder is served at, e.g. `/` or `/_fresh/`. */
  urlPrefix: string;
  cacheControl: string;
  /**
   * The folder's files (relative paths with `/`), listed once at start-up so
   * that page requests never touch the disk. `null` checks the disk every
   * time (development, where files change under a running server).
   */
  files: Set<string> | null;
  /** Relative paths never served (sources a build step reads, e.g. Tailwind's input). */
  exclude?: ReadonlySet<string>;
  /**
   * The build's compressed copies: their folder, mirroring URL paths, and
   * the copies in it (`_fresh/js/x.js.br`). Absent in development.
   */
  precompressed?: { dir: string; files: ReadonlySet<string> };
}

/** Lists every regular file under `dir` (recursively); empty if it doesn't exist. */
export function listFiles(dir: string): Set<string> {
  const files = new Set<string>();
  const walk = (folder: string, prefix: string) => {
    let entries: Iterable<Deno.DirEntry>;
    try {
      entries = Deno.readDirSync(folder);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.isDirectory) {
        walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      } else if (entry.isFile) files.add(prefix + entry.name);
    }
  };
  walk(dir, "");
  return files;
}

const etags = new Map<string, { mtime: number; size: number; etag: string }>();

async function etagFor(path: string, info: Deno.FileInfo): Promise<string> {
  const mtime = info.mtime?.getTime() ?? 0;
  const cached = etags.get(path);
  if (cached && cached.mtime === mtime && cached.size === info.size) {
    return cached.etag;
  }
  const digest = await crypto.subtle.digest(
    "SHA-1",
    await Deno.readFile(path),
  );
  const hex = Array.from(new Uint8Array(digest).slice(0, 12))
    .map((byte) => byte.toString(16).padStart(2, "0")).join("");
  const etag = `"${hex}"`;
  etags.set(path, { mtime, size: info.size, etag });
  return etag;
}

/**
 * Resolves a URL pathname to a file inside the folder, or `null` when the
 * path is outside the prefix, unsafe, or not an existing regular file.
 */
export async function findStaticFile(
  folder: StaticFolder,
  pathname: string,
): Promise<StaticFile | null> {
  if (!pathname.startsWith(folder.urlPrefix) || pathname.endsWith("/")) {
    return null;
  }
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(folder.urlPrefix.length));
  } catch {
    return null;
  }
  const parts = relative.split("/");
  if (
    relative.includes("\0") || relative.includes("\\") ||
    parts.some((part) => part === ".." || part === "." || part === "")
  ) {
    return null;
  }
  const name = parts.join("/");
  if (folder.exclude?.has(name)) return null;
  if (folder.files && !folder.files.has(name)) return null;
  const root = resolve(folder.dir);
  const path = join(root, ...parts);
  if (!path.startsWith(root + sep)) return null;
  try {
    const info = await Deno.stat(path);
    return info.isFile
      ? { path, info, urlPath: folder.urlPrefix + name }
      : null;
  } catch {
    return null;
  }
}

/** A file found in a static folder. */
export interface StaticFile {
  path: string;
  info: Deno.FileInfo;
  /** The URL path it is served at (`/_fresh/js/x.js`). */
  urlPath: string;
}

/** The build's compressed copy of `file` for `encoding`, if it is current. */
async function compressedCopy(
  folder: StaticFolder,
  file: StaticFile,
  encoding: Encoding,
): Promise<{ path: string; info: Deno.FileInfo } | null> {
  const suffix = ENCODINGS.find((e) => e.name === encoding)!.suffix;
  const name = file.urlPath.slice(1) + suffix;
  if (!folder.precompressed?.files.has(name)) return null;
  const path = join(folder.precompressed.dir, name);
  try {
    const info = await Deno.stat(path);
    // A source changed after the build: its copy is stale.
    const stale = (info.mtime?.getTime() ?? 0) <
      (file.info.mtime?.getTime() ?? 0);
    return stale ? null : { path, info };
  } catch {
    return null;
  }
}

/**
 * Builds the response for a found file, answering 304 when the ETag
 * matches. A compressed copy gets its own ETag (`"<hash>-br"`), as a
 * different representation must.
 */
export async function serveFile(
  req: Request,
  file: StaticFile,
  folder: StaticFolder,
): Promise<Response> {
  let etag = await etagFor(file.path, file.info);
  const headers = new Headers({
    "content-type": contentTypeFor(file.path),
    "cache-control": folder.cacheControl,
  });
  if (file.info.mtime) {
    headers.set("last-modified", file.info.mtime.toUTCString());
  }
  let body = { path: file.path, size: file.info.size };
  if (folder.precompressed) {
    headers.set("vary", "Accept-Encoding");
    const copies = new Map<Encoding, { path: string; info: Deno.FileInfo }>();
    for (const { name } of ENCODINGS) {
      const copy = await compressedCopy(folder, file, name);
      if (copy) copies.set(name, copy);
    }
    const encoding = pickEncoding(
      req.headers.get("accept-encoding"),
      (name) => copies.has(name),
    );
    if (encoding) {
      const copy = copies.get(encoding)!;
      body = { path: copy.path, size: copy.info.size };
      headers.set("content-encoding", encoding);
      etag = `${etag.slice(0, -1)}-${encoding}"`;
    }
  }
  headers.set("etag", etag);
  const ifNoneMatch = req.headers.get("if-none-match");
  if (ifNoneMatch && etagMatches(ifNoneMatch, etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("content-length", String(body.size));
  if (req.method === "HEAD") return new Response(null, { headers });
  return new Response(await Deno.readFile(body.path), { headers });
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, `*` matches). */
export function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  // Weak comparison: a compressing proxy (or our compress step) adds `W/`.
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((candidate) =>
    candidate.trim().replace(/^W\//, "") === bare
  );
}
