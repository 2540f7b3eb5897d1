/**
 * Finds the JavaScript a page makes the browser download, by reading its HTML
 * and the JS itself as text. Regular expressions are enough here because the
 * inputs are our own server's HTML and esbuild's minified ESM output, whose
 * import statements have a fixed shape (`import{a as b}from"./chunk-X.js";`).
 */

/** Where a page's scripts come from, before fetching any of them. */
export interface PageScripts {
  /** Absolute URLs of scripts the page loads directly. */
  urls: string[];
  /** Bare specifiers in boot scripts that no import map resolves (reported, not fetched). */
  unresolved: string[];
}

const SCRIPT_ELEMENT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const LINK_ELEMENT = /<link\b([^>]*)>/gi;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/**
 * The scripts an HTML page loads: every `<script src>`, every
 * `<link rel="modulepreload">`, and the `import` specifiers (static and
 * dynamic with a literal string) of inline `<script type="module">` boot
 * scripts, resolved against `pageUrl` and any inline import map.
 */
export function findPageScripts(html: string, pageUrl: string): PageScripts {
  const urls = new Set<string>();
  const unresolved = new Set<string>();
  const importMap = findImportMap(html);

  for (const match of html.matchAll(SCRIPT_ELEMENT)) {
    const attributes = parseAttributes(match[1]);
    const type = (attributes.get("type") ?? "").toLowerCase();
    const src = attributes.get("src");
    if (src !== undefined) {
      urls.add(new URL(src, pageUrl).href);
    } else if (type === "module") {
      for (const specifier of findImportSpecifiers(match[2], true)) {
        const resolved = resolveSpecifier(specifier, pageUrl, importMap);
        if (resolved === null) unresolved.add(specifier);
        else urls.add(resolved);
      }
    }
  }
  for (const match of html.matchAll(LINK_ELEMENT)) {
    const attributes = parseAttributes(match[1]);
    const rel = (attributes.get("rel") ?? "").toLowerCase().split(/\s+/);
    const href = attributes.get("href");
    if (rel.includes("modulepreload") && href !== undefined) {
      urls.add(new URL(href, pageUrl).href);
    }
  }
  return { urls: [...urls], unresolved: [...unresolved] };
}

/**
 * Module specifiers that `source` imports statically: `import … from "x"`,
 * `import "x"`, `export … from "x"`. With `includeDynamic`, also
 * `import("x")` with a literal string (used for inline boot scripts, which
 * run at once, so whatever they import is downloaded with the page).
 */
export function findImportSpecifiers(
  source: string,
  includeDynamic = false,
): string[] {
  const found = new Set<string>();
  // `(?<![.\w$])` skips `foo.import(` and identifiers like `reimport`;
  // `[^'"`;]*?` stops at the end of a statement, so an `export{a}` with no
  // `from` never swallows a later string.
  const staticForm =
    /(?<![.\w$])(?:import|export)\s*(?:[^'"`;()]*?\bfrom\s*)?(["'])([^"'\n]+)\1/g;
  for (const match of source.matchAll(staticForm)) found.add(match[2]);
  if (includeDynamic) {
    const dynamicForm = /(?<![.\w$])import\s*\(\s*(["'])([^"'\n]+)\1\s*\)/g;
    for (const match of source.matchAll(dynamicForm)) found.add(match[2]);
  }
  return [...found];
}

/** Resolves a specifier the way a browser would, or null for an unmapped bare name. */
export function resolveSpecifier(
  specifier: string,
  baseUrl: string,
  importMap: Record<string, string> = {},
): string | null {
  if (specifier in importMap) {
    return new URL(importMap[specifier], baseUrl).href;
  }
  const prefix = Object.keys(importMap)
    .filter((key) => key.endsWith("/") && specifier.startsWith(key))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix !== undefined) {
    return new URL(importMap[prefix] + specifier.slice(prefix.length), baseUrl)
      .href;
  }
  if (/^(\/|\.\/|\.\.\/)/.test(specifier)) {
    return new URL(specifier, baseUrl).href;
  }
  try {
    return new URL(specifier).href;
  } catch {
    return null;
  }
}

/**
 * The first `href` in `html` whose path starts with `pathPrefix` and goes
 * deeper than it (e.g. a post under "/blog/"), or null.
 */
export function findFirstLink(html: string, pathPrefix: string): string | null {
  for (const match of html.matchAll(/<a\b([^>]*)>/gi)) {
    const href = parseAttributes(match[1]).get("href");
    if (href === undefined) continue;
    const path = href.replace(/^https?:\/\/[^/]+/, "").split(/[?#]/)[0];
    if (path.startsWith(pathPrefix) && path.length > pathPrefix.length) {
      return path;
    }
  }
  return null;
}

function findImportMap(html: string): Record<string, string> {
  for (const match of html.matchAll(SCRIPT_ELEMENT)) {
    const type = (parseAttributes(match[1]).get("type") ?? "").toLowerCase();
    if (type !== "importmap") continue;
    try {
      const parsed = JSON.parse(match[2]);
      if (parsed && typeof parsed.imports === "object") {
        return Object.fromEntries(
          Object.entries(parsed.imports).filter(([, value]) =>
            typeof value === "string"
          ),
        ) as Record<string, string>;
      }
    } catch {
      // A broken import map loads nothing in the browser either.
    }
  }
  return {};
}

function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    attributes.set(match[1].toLowerCase(), decodeEntities(value));
  }
  return attributes;
}

function decodeEntities(value: string): string {
  return value
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}
