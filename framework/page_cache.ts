/**
 * A shared cache of rendered responses for pages that are the same for
 * every visitor who gets them. The app decides which requests qualify and
 * under which key (`PageCachePolicy.keyFor`, asked before any middleware
 * runs); this module keeps the entries and serves them:
 *
 * - bounded by bytes, least recently used out first;
 * - each entry holds the identity, gzip and Brotli bodies, compressed once
 *   when the page is stored, each with its complete header list and a strong
 *   ETag (a hash of the body), so a hit costs a map lookup and one Response
 *   (copying a `Headers` object costs more than the rest of a hit together),
 *   and the 304 answer to `If-None-Match` costs nothing;
 * - only a 200 that sets no cookie and does not forbid storing is kept;
 * - concurrent misses for one key render once;
 * - a page that proves popular (`DENSE_AFTER_HITS` hits) has its Brotli
 *   body made again at a denser level, after the answer that counted it:
 *   about 10 ms of CPU once per page and data version, for bodies about a
 *   tenth smaller on every later hit. One-off URLs never pay for it.
 *
 * Entries also expire after `maxAgeMs`, so content that changes with the
 * clock alone (today's free slots, "2 days ago") is never older than that.
 */
import {
  type Encoding,
  ENCODINGS,
  gzipWhole,
  pickEncoding,
} from "./encoding.ts";
import { etagMatches } from "./static.ts";
import { brotliCompressSync, constants } from "node:zlib";

/** Decides, per request, whether and under which key a response is shared. */
export interface PageCachePolicy {
  /**
   * The key for this request's response, or `null` when it must be rendered
   * for this visitor alone. `route` is the matched route pattern (empty for
   * static files and unknown paths); `url` is the request's URL, parsed.
   * Runs before any middleware.
   */
  keyFor(
    req: Request,
    route: string,
    url: URL,
  ): string | null | Promise<string | null>;
  /** `Cache-Control` of a shared response. */
  cacheControl: string;
  /** Extra `Vary` names of a shared response besides `Accept-Encoding`. */
  vary?: string[];
}

export interface PageCacheOptions {
  /** The most bytes all entries may hold together (bodies of every encoding). */
  maxBytes?: number;
  /** How long an entry is served before it is rendered again. */
  maxAgeMs?: number;
}

export const DEFAULT_PAGE_CACHE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_PAGE_CACHE_AGE_MS = 60_000;
/** A single response larger than this share of the cache is not kept. */
const MAX_ENTRY_SHARE = 0.25;

type Header = [string, string];

/** One encoding of a kept page, ready to send. */
interface Variant {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** Every header of a 200 (or HEAD) answer. */
  headers: Header[];
  /** Every header of the 304 answer. */
  notModified: Header[];
}

interface Entry {
  status: number;
  variants: Map<Encoding | "identity", Variant>;
  bytes: number;
  storedAt: number;
  /** The headers every variant shares, and the hash of the identity body. */
  shared: Header[];
  hash: string;
  hits: number;
}

/** Counters for tests and the benchmark. */
export interface PageCacheStats {
  hits: number;
  misses: number;
  stored: number;
  evicted: number;
  /** Entries whose Brotli body was made again at the dense level. */
  densified: number;
  entries: number;
  bytes: number;
}

/** The response cache; one per app. */
export class PageCache {
  readonly maxBytes: number;
  readonly maxAgeMs: number;
  #entries = new Map<string, Entry>();
  #pending = new Map<string, Promise<Entry | null>>();
  #bytes = 0;
  #stats = { hits: 0, misses: 0, stored: 0, evicted: 0, densified: 0 };

  constructor(options: PageCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_PAGE_CACHE_BYTES;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_PAGE_CACHE_AGE_MS;
  }

  stats(): PageCacheStats {
    return {
      ...this.#stats,
      entries: this.#entries.size,
      bytes: this.#bytes,
    };
  }

  /** Drops every entry. */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  /**
   * Answers `req` from the entry under `key`, or renders it with `render`
   * (which runs the app for this request), keeps the result when it may be
   * shared, and answers from that. A response that may not be shared is
   * returned as `render` gave it.
   */
  async respond(
    req: Request,
    key: string,
    policy: PageCachePolicy,
    render: () => Promise<Response>,
  ): Promise<Response> {
    let entry = this.#lookup(key);
    if (entry) {
      this.#stats.hits++;
      if (++entry.hits === DENSE_AFTER_HITS) {
        // After this answer is on its way, not before.
        setTimeout(() => this.#densify(key, entry!), 0);
      }
      return serveEntry(req, entry);
    }
    this.#stats.misses++;
    const pending = this.#pending.get(key);
    if (pending) {
      entry = await pending;
      if (entry) return serveEntry(req, entry);
      return await render();
    }
    const rendered: { response?: Response } = {};
    const rendering = (async () => {
      const response = await render();
      const made = await this.#entryFrom(response, policy);
      if (!made) rendered.response = response;
      return made;
    })();
    this.#pending.set(key, rendering);
    try {
      entry = await rendering;
    } finally {
      this.#pending.delete(key);
    }
    if (!entry) return rendered.response!;
    this.#store(key, entry);
    return serveEntry(req, entry);
  }

  #lookup(key: string): Entry | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    this.#entries.delete(key);
    if (Date.now() - entry.storedAt > this.maxAgeMs) {
      this.#bytes -= entry.bytes;
      return null;
    }
    // Re-inserting moves it to the recent end of the map's order.
    this.#entries.set(key, entry);
    return entry;
  }

  #store(key: string, entry: Entry): void {
    if (entry.bytes > this.maxBytes * MAX_ENTRY_SHARE) return;
    const previous = this.#entries.get(key);
    if (previous) {
      this.#entries.delete(key);
      this.#bytes -= previous.bytes;
    }
    this.#entries.set(key, entry);
    this.#bytes += entry.bytes;
    this.#stats.stored++;
    for (const [oldKey, old] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldKey);
      this.#bytes -= old.bytes;
      this.#stats.evicted++;
    }
  }

  /** Replaces a kept page's Brotli body with a denser one, if still kept. */
  #densify(key: string, entry: Entry): void {
    const quick = entry.variants.get("br");
    if (!quick || this.#entries.get(key) !== entry) return;
    let dense: Uint8Array<ArrayBuffer>;
    try {
      const identity = entry.variants.get("identity")!;
      dense = new Uint8Array(
        brotliCompressSync(identity.body, DENSE_BROTLI_OPTIONS),
      );
    } catch (error) {
      // The quick body still serves; this runs outside any request.
      console.error(`Could not recompress the kept page ${key}:`, error);
      return;
    }
    this.#stats.densified++;
    if (dense.byteLength >= quick.body.byteLength) return;
    // Other bytes, so another validator (the quick body's stays unmatched).
    const variant = variantOf(
      entry.shared,
      `"${entry.hash}-br-dense"`,
      "br",
      dense,
    );
    entry.variants.set("br", variant);
    const change = variantBytes(variant) - variantBytes(quick);
    entry.bytes += change;
    this.#bytes += change;
  }

  async #entryFrom(
    response: Response,
    policy: PageCachePolicy,
  ): Promise<Entry | null> {
    if (!isShareable(response)) return null;
    const body = new Uint8Array(await response.arrayBuffer());
    const bodies = new Map<Encoding | "identity", Uint8Array<ArrayBuffer>>([
      ["identity", body],
    ]);
    for (const { name } of ENCODINGS) {
      const compressed = compressFor(name, body);
      if (compressed.byteLength < body.byteLength) {
        bodies.set(name, compressed);
      }
    }
    const headers = new Headers(response.headers);
    for (const name of ["content-length", "content-encoding", "etag"]) {
      headers.delete(name);
    }
    headers.set("cache-control", policy.cacheControl);
    headers.set("vary", ["Accept-Encoding", ...(policy.vary ?? [])].join(", "));
    const shared: Header[] = [...headers];
    const etag = await hashOf(body);
    const variants = new Map<Encoding | "identity", Variant>();
    // Variants share the header strings: count them once.
    let bytes = 200;
    for (const [name, value] of shared) bytes += name.length + value.length;
    for (const [encoding, part] of bodies) {
      // Each encoding is a different representation, so its own validator.
      const tag = encoding === "identity"
        ? `"${etag}"`
        : `"${etag}-${encoding}"`;
      const variant = variantOf(shared, tag, encoding, part);
      variants.set(encoding, variant);
      bytes += variantBytes(variant);
    }
    return {
      status: response.status,
      variants,
      bytes,
      storedAt: Date.now(),
      shared,
      hash: etag,
      hits: 0,
    };
  }
}

/** Whether a response may be kept and served to others. */
function isShareable(response: Response): boolean {
  if (response.status !== 200 || response.headers.has("set-cookie")) {
    return false;
  }
  if (response.headers.has("content-encoding")) return false;
  const cacheControl = response.headers.get("cache-control") ?? "";
  return !/\b(no-store|private)\b/i.test(cacheControl);
}

// Brotli at quality 6 compresses a page in about a millisecond; it runs
// once per page and data version, on the request that rendered it.
const BROTLI_OPTIONS = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 6 },
};

/**
 * Hits after which a page is worth its dense Brotli body. Quality 10 makes
 * a 50 KB page about 10 % smaller than quality 6 in about 10 ms (11 gains
 * 2 % more for five times the CPU). The event loop waits while it runs:
 * Deno's Brotli runs on the calling thread even when asked asynchronously.
 */
const DENSE_AFTER_HITS = 20;
const DENSE_BROTLI_OPTIONS = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 10 },
};

/** One encoding's answers: the body, and the headers of a 200 and a 304. */
function variantOf(
  shared: Header[],
  etag: string,
  encoding: Encoding | "identity",
  body: Uint8Array<ArrayBuffer>,
): Variant {
  const notModified: Header[] = [...shared, ["etag", etag]];
  const headers: Header[] = [...notModified];
  if (encoding !== "identity") headers.push(["content-encoding", encoding]);
  headers.push(["content-length", String(body.byteLength)]);
  return { body, etag, headers, notModified };
}

/** What a variant adds to its entry's size: its body and its own headers. */
function variantBytes(variant: Variant): number {
  let bytes = variant.body.byteLength;
  // The shared headers come first; the etag and what follows are its own.
  for (
    const [name, value] of variant.headers.slice(variant.notModified.length - 1)
  ) {
    bytes += name.length + value.length;
  }
  return bytes;
}

function compressFor(
  encoding: Encoding,
  body: Uint8Array,
): Uint8Array<ArrayBuffer> {
  return encoding === "br"
    ? new Uint8Array(brotliCompressSync(body, BROTLI_OPTIONS))
    : gzipWhole(body);
}

async function hashOf(body: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    body as Uint8Array<ArrayBuffer>,
  );
  return Array.from(new Uint8Array(digest).slice(0, 16))
    .map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The response for a kept entry: the best encoding accepted, 304, or HEAD. */
export function serveEntry(req: Request, entry: Entry): Response {
  const encoding = pickEncoding(
    req.headers.get("accept-encoding"),
    (name) => entry.variants.has(name),
  );
  const variant = entry.variants.get(encoding ?? "identity")!;
  const ifNoneMatch = req.headers.get("if-none-match");
  if (ifNoneMatch && etagMatches(ifNoneMatch, variant.etag)) {
    return new Response(null, { status: 304, headers: variant.notModified });
  }
  return new Response(req.method === "HEAD" ? null : variant.body, {
    status: entry.status,
    headers: variant.headers,
  });
}
