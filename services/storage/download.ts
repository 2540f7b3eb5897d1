/**
 * Turning a stored file into an HTTP response. Uploaded files come from
 * users, so the response must never let a browser treat them as something
 * else (nosniff) and must not be cached by shared caches: documents are only
 * for their owner and admins, checked by the route before calling this.
 * Public files whose URL changes with their content (processed images) are
 * the exception: `immutableFileResponse` lets every cache keep them a year.
 */
import type { StoredFile } from "./types.ts";

/**
 * A streaming response for `found` (from `FileStore.get`) with its content
 * type, length, and an ETag from its SHA-256. `filename` names the file for
 * the browser; `download: true` asks it to save rather than display it.
 */
export function fileResponse(
  found: { file: StoredFile; body: ReadableStream<Uint8Array> },
  opts: { filename?: string; download?: boolean } = {},
): Response {
  const { file, body } = found;
  const headers = new Headers({
    "content-type": file.contentType,
    "content-length": String(file.size),
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
    "content-disposition": contentDisposition(
      opts.download ? "attachment" : "inline",
      opts.filename,
    ),
  });
  if (file.sha256) headers.set("etag", `"${file.sha256}"`);
  return new Response(body, { headers });
}

/**
 * `inline; filename="cv.pdf"; filename*=UTF-8''cv.pdf`: the plain form for
 * old clients (ASCII only, no quotes), the encoded form for everything else.
 */
function contentDisposition(
  kind: "inline" | "attachment",
  filename: string | undefined,
): string {
  if (!filename) return kind;
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A year: what a URL that changes with its content may be cached for. */
export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";

/**
 * A response for a public file whose URL changes whenever its content does:
 * cached for a year by browsers and CDNs, with its SHA-256 as the ETag, and
 * a bodiless 304 when `ifNoneMatch` (the request's If-None-Match) names it.
 */
export function immutableFileResponse(
  found: { file: StoredFile; body: ReadableStream<Uint8Array> },
  ifNoneMatch: string | null,
): Response {
  const { file, body } = found;
  const etag = `"${file.sha256}"`;
  const headers = new Headers({
    "cache-control": IMMUTABLE_CACHE,
    etag,
    "x-content-type-options": "nosniff",
  });
  if (ifNoneMatch !== null && etagMatches(ifNoneMatch, etag)) {
    body.cancel();
    return new Response(null, { status: 304, headers });
  }
  headers.set("content-type", file.contentType);
  headers.set("content-length", String(file.size));
  return new Response(body, { headers });
}

/** If-None-Match is `*` or a list of (possibly weak) tags. */
function etagMatches(header: string, etag: string): boolean {
  return header.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}
