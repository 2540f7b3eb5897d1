/**
 * Client JavaScript weight: for a page, every distinct JS file the browser
 * downloads on load (its scripts and their static imports, transitively),
 * each counted once at its gzipped size.
 */
import {
  findImportSpecifiers,
  findPageScripts,
  resolveSpecifier,
} from "./scripts.ts";

/** One JavaScript file a page loads. */
export interface JsFile {
  url: string;
  status: number;
  rawBytes: number;
  gzipBytes: number;
}

/** The JavaScript one page loads. */
export interface PageJsWeight {
  path: string;
  /** Status of the page itself; the weight is only meaningful for 200. */
  status: number;
  files: JsFile[];
  /** Sum of `gzipBytes` over `files`. */
  gzipBytes: number;
  /** Problems found: a page or script that did not load, an unresolvable import. */
  problems: string[];
}

type Fetch = (url: string) => Promise<Response>;

/** Gzipped size of `bytes` as `CompressionStream("gzip")` produces it. */
export async function gzipSize(bytes: Uint8Array): Promise<number> {
  const compressed = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new CompressionStream("gzip"));
  let size = 0;
  for await (const chunk of compressed) size += chunk.byteLength;
  return size;
}

/**
 * Measures the JavaScript loaded by `origin + path`. Pass the same
 * `cache` for every page of a run so shared chunks are fetched once.
 */
export async function measurePageJs(
  origin: string,
  path: string,
  fetchUrl: Fetch = (url) => fetch(url),
  cache: Map<string, Promise<JsFileWithImports>> = new Map(),
): Promise<PageJsWeight> {
  const pageUrl = new URL(path, origin).href;
  const response = await fetchUrl(pageUrl);
  const html = await response.text();
  const problems: string[] = [];
  if (response.status !== 200) {
    problems.push(`page answered ${response.status}`);
    return { path, status: response.status, files: [], gzipBytes: 0, problems };
  }
  const page = findPageScripts(html, pageUrl);
  for (const specifier of page.unresolved) {
    problems.push(`boot script imports unresolvable "${specifier}"`);
  }

  const files = new Map<string, JsFile>();
  const queue = [...page.urls];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (files.has(url)) continue;
    if (!cache.has(url)) cache.set(url, loadJsFile(url, fetchUrl));
    const file = await cache.get(url)!;
    files.set(url, file.file);
    if (file.file.status !== 200) {
      problems.push(`${new URL(url).pathname} answered ${file.file.status}`);
    }
    for (const specifier of file.imports) {
      const resolved = resolveSpecifier(specifier, url);
      if (resolved === null) {
        problems.push(
          `${new URL(url).pathname} imports unresolvable "${specifier}"`,
        );
      } else if (!files.has(resolved)) {
        queue.push(resolved);
      }
    }
  }
  const list = [...files.values()];
  return {
    path,
    status: response.status,
    files: list,
    gzipBytes: list.reduce((total, file) => total + file.gzipBytes, 0),
    problems,
  };
}

/** A fetched JS file and the specifiers it statically imports. */
export interface JsFileWithImports {
  file: JsFile;
  imports: string[];
}

async function loadJsFile(
  url: string,
  fetchUrl: Fetch,
): Promise<JsFileWithImports> {
  const response = await fetchUrl(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) {
    return {
      file: { url, status: response.status, rawBytes: 0, gzipBytes: 0 },
      imports: [],
    };
  }
  return {
    file: {
      url,
      status: response.status,
      rawBytes: bytes.byteLength,
      gzipBytes: await gzipSize(bytes),
    },
    imports: findImportSpecifiers(new TextDecoder().decode(bytes)),
  };
}
