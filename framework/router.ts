/**
 * The file-system router: turns manifest keys like `./routes/experts/[id].tsx`
 * into URL patterns, orders them the way Fresh does, and matches request paths.
 *
 * - `index.tsx` maps to its folder: `./routes/blog/index.tsx` → `/blog`.
 * - `[id].tsx` is one dynamic segment (`:id`).
 * - `[...rest].tsx` is a catch-all: one or more segments, joined with `/`.
 * - Only the final `.ts`/`.tsx` is stripped: `sitemap.xml.ts` → `/sitemap.xml`.
 * - Files starting with `_` (`_app`, `_layout`, `_middleware`, `_404`, `_500`)
 *   are special and never routes.
 *
 * Precedence: patterns are compared segment by segment; at the first segment
 * that differs in kind, static beats dynamic beats catch-all. When one pattern
 * is a prefix of the other in kind, the deeper one is tried first.
 */

/** One segment of a URL pattern. */
export type Segment =
  | { kind: "static"; value: string }
  | { kind: "dynamic"; name: string }
  | { kind: "catchAll"; name: string };

const KIND_RANK = { static: 0, dynamic: 1, catchAll: 2 } as const;

/** A compiled pattern for a folder or route file. */
export interface RoutePattern {
  segments: Segment[];
  /** Human-readable form, e.g. `/experts/:id` or `/docs/:rest+`. */
  pattern: string;
}

/** Strips `./routes/` and the final `.ts`/`.tsx` from a manifest key. */
export function routeFilePath(manifestKey: string): string {
  return manifestKey.replace(/^\.\/routes\//, "").replace(/\.tsx?$/, "");
}

/** The file's base name without extension, e.g. `_layout` or `[id]`. */
export function routeBaseName(manifestKey: string): string {
  const parts = routeFilePath(manifestKey).split("/");
  return parts[parts.length - 1];
}

/** Folder of a route file relative to `routes/`, `""` for the root. */
export function routeFolder(manifestKey: string): string {
  const parts = routeFilePath(manifestKey).split("/");
  return parts.slice(0, -1).join("/");
}

function parseSegment(part: string): Segment {
  const catchAll = /^\[\.\.\.([A-Za-z_$][\w$]*)\]$/.exec(part);
  if (catchAll) return { kind: "catchAll", name: catchAll[1] };
  const dynamic = /^\[([A-Za-z_$][\w$]*)\]$/.exec(part);
  if (dynamic) return { kind: "dynamic", name: dynamic[1] };
  return { kind: "static", value: part };
}

function formatPattern(segments: Segment[]): string {
  const parts = segments.map((segment) => {
    if (segment.kind === "static") return segment.value;
    if (segment.kind === "dynamic") return `:${segment.name}`;
    return `:${segment.name}+`;
  });
  return "/" + parts.join("/");
}

/** Compiles a folder (relative to `routes/`, `""` for root) into a pattern. */
export function folderPattern(folder: string): RoutePattern {
  const segments = folder === "" ? [] : folder.split("/").map(parseSegment);
  return { segments, pattern: formatPattern(segments) };
}

/** Compiles a route file's manifest key into its URL pattern. */
export function routePattern(manifestKey: string): RoutePattern {
  const parts = routeFilePath(manifestKey).split("/");
  if (parts[parts.length - 1] === "index") parts.pop();
  const segments = parts.map(parseSegment);
  const catchAllAt = segments.findIndex((s) => s.kind === "catchAll");
  if (catchAllAt !== -1 && catchAllAt !== segments.length - 1) {
    throw new Error(
      `Route ${manifestKey}: a catch-all segment must be the last one`,
    );
  }
  return { segments, pattern: formatPattern(segments) };
}

/**
 * Orders two patterns by precedence (negative: `a` is tried first).
 * Usable directly as an `Array.prototype.sort` comparator.
 */
export function comparePatterns(a: RoutePattern, b: RoutePattern): number {
  const shared = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < shared; i++) {
    const rankA = KIND_RANK[a.segments[i].kind];
    const rankB = KIND_RANK[b.segments[i].kind];
    if (rankA !== rankB) return rankA - rankB;
  }
  if (a.segments.length !== b.segments.length) {
    return b.segments.length - a.segments.length;
  }
  return a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0;
}

/** Splits a URL pathname into decoded segments; `null` if percent-encoding is malformed. */
export function splitPath(pathname: string): string[] | null {
  const parts = pathname.split("/").filter((part) => part !== "");
  try {
    return parts.map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
}

/**
 * Matches path segments against a pattern. With `prefix`, the pattern only
 * has to match the start of the path (used for folder middlewares).
 * Returns the params, or `null` when it does not match.
 */
export function matchSegments(
  pattern: RoutePattern,
  pathSegments: string[],
  prefix = false,
): Record<string, string> | null {
  const params: Record<string, string> = {};
  const { segments } = pattern;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === "catchAll") {
      const rest = pathSegments.slice(i);
      if (rest.length === 0) return null;
      params[segment.name] = rest.join("/");
      return params;
    }
    const part = pathSegments[i];
    if (part === undefined) return null;
    if (segment.kind === "static") {
      if (segment.value !== part) return null;
    } else {
      params[segment.name] = part;
    }
  }
  if (!prefix && pathSegments.length !== segments.length) return null;
  return params;
}

/** A router over values of type `T`, each registered with its pattern. */
export class Router<T> {
  #entries: { pattern: RoutePattern; value: T }[] = [];

  /** Registers `value` under `pattern`; the ordering is kept sorted by precedence. */
  add(pattern: RoutePattern, value: T): void {
    const duplicate = this.#entries.find((entry) =>
      entry.pattern.pattern === pattern.pattern
    );
    if (duplicate) {
      throw new Error(`Two routes map to the same URL: ${pattern.pattern}`);
    }
    this.#entries.push({ pattern, value });
    this.#entries.sort((a, b) => comparePatterns(a.pattern, b.pattern));
  }

  /** The patterns in the order they are tried. */
  get patterns(): string[] {
    return this.#entries.map((entry) => entry.pattern.pattern);
  }

  /** The first route matching `pathSegments`, with its params. */
  match(
    pathSegments: string[],
  ): { value: T; params: Record<string, string>; pattern: string } | null {
    for (const entry of this.#entries) {
      const params = matchSegments(entry.pattern, pathSegments);
      if (params) {
        return { value: entry.value, params, pattern: entry.pattern.pattern };
      }
    }
    return null;
  }
}
