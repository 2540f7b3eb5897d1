/**
 * Compression of the responses made per request (kept pages and built
 * files come already encoded).
 *
 * A page the framework rendered is one whole string, so it is compressed
 * in one call, on the bytes at hand. Streaming it through
 * `CompressionStream`, as Hono's compress does for any body, made the same
 * gzip bytes for several times the CPU (a 55 KB expert home: 1.1 ms against
 * 0.2 ms in one call), the largest single cost of a signed-in page.
 *
 * Zstandard (level 3) where the browser takes it (Chromium, Firefox): a
 * third to two thirds of gzip's CPU for about the same bytes. Else gzip at
 * level 6, what every browser takes. Not Brotli: at quality 4 it is 6 % smaller than gzip for
 * 70 % more CPU, and a page made for one reader is sent once (kept public
 * pages get their Brotli bodies once, page_cache.ts). Everything else (API
 * answers, CSV, files) still streams through Hono's compress, which leaves
 * alone what is encoded here.
 */
import type { MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { firstAccepted, gzipWhole, zstdWhole } from "./encoding.ts";

/** Bodies of the responses that hold one whole rendered string. */
const wholeBodies = new WeakMap<Response, string>();

/** Below this many characters, compressing saves less than it costs. */
const MIN_LENGTH = 1024;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;

/**
 * Marks `response` as carrying exactly `body`, so it is compressed in one
 * call. A layer that copies the response loses the mark; the copy is then
 * compressed as a stream, which is slower but the same.
 */
export function withWholeBody(response: Response, body: string): Response {
  wholeBodies.set(response, body);
  return response;
}

/**
 * The compression layer: whole bodies compressed at once (zstd or gzip),
 * other bodies by Hono's streaming compress (gzip or deflate, 1 KB and up).
 */
export function compressResponses(): MiddlewareHandler[] {
  const whole: MiddlewareHandler = async (c, next) => {
    await next();
    const body = wholeBodies.get(c.res);
    if (body === undefined) return;
    const bytes = new TextEncoder().encode(body);
    const encoding = body.length < MIN_LENGTH ? null : firstAccepted(
      c.req.header("accept-encoding") ?? null,
      ["zstd", "gzip"] as const,
    );
    if (
      encoding === null || c.res.status === 206 ||
      c.res.headers.has("content-encoding") ||
      NO_TRANSFORM.test(c.res.headers.get("cache-control") ?? "")
    ) {
      // Sent as it is, with its length: that tells the streaming layer to
      // leave a small body alone, and a HEAD answer (whose body Hono drops)
      // would otherwise say 0.
      c.res.headers.set("content-length", String(bytes.byteLength));
      return;
    }
    const previous = c.res;
    const headers = new Headers(previous.headers);
    headers.set("content-encoding", encoding);
    const etag = headers.get("etag");
    // A validator names one representation; this is another.
    if (etag && !etag.startsWith("W/")) headers.set("etag", `W/${etag}`);
    if (
      !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(headers.get("vary") ?? "")
    ) {
      headers.append("vary", "Accept-Encoding");
    }
    // Cleared first: Hono would otherwise copy the old headers (the strong
    // ETag among them) over the new ones, and the body into a stream.
    c.res = undefined as unknown as Response;
    const encoded = encoding === "zstd" ? zstdWhole(bytes) : gzipWhole(bytes);
    // Named, as a HEAD answer must name what a GET would send.
    headers.set("content-length", String(encoded.byteLength));
    c.res = new Response(
      encoded,
      {
        status: previous.status,
        statusText: previous.statusText,
        headers,
      },
    );
  };
  // The streaming one is outermost: it skips what the inner one encoded.
  return [compress(), whole];
}
