/**
 * Serving a recording's file with HTTP range requests (RFC 9110 §14), so a
 * <video> element can seek and start playing before the whole file
 * arrives: `Range: bytes=a-b` (or `a-`, or `-n` for the last n bytes)
 * answers 206 with Content-Range; a range past the end answers 416 with
 * `Content-Range: bytes *\/size`; a malformed or multi-part Range is
 * ignored (the whole file, 200), as the RFC allows. The ETag is the file's
 * SHA-256 (or, for a file LiveKit wrote, its id and size); If-None-Match
 * answers 304 and an If-Range naming another version gets the whole file.
 * Recordings are personal: `private, no-store`, never sniffed.
 */
import { getFileStore, type StoredFile } from "@/services/storage/mod.ts";
import type { Recording } from "./model.ts";

/** The request headers the answer depends on. */
export interface RangeRequest {
  range: string | null;
  ifRange: string | null;
  ifNoneMatch: string | null;
  /** HEAD: the headers without the body. */
  head?: boolean;
}

/** The byte range `header` asks for in a file of `size` bytes. */
export function parseRange(
  header: string,
  size: number,
): { start: number; end: number } | "unsatisfiable" | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  if (start >= size) return "unsatisfiable";
  const end = match[2] === "" ? size - 1 : Number(match[2]);
  if (end < start) return null;
  return { start, end: Math.min(end, size - 1) };
}

/** The bytes [start, end] of `body`. */
function slice(
  body: ReadableStream<Uint8Array>,
  start: number,
  end: number,
): ReadableStream<Uint8Array> {
  let offset = 0;
  const reader = body.getReader();
  return new ReadableStream({
    async pull(controller) {
      while (true) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        const from = offset;
        offset += value.byteLength;
        if (offset <= start) continue;
        const part = value.subarray(
          Math.max(0, start - from),
          Math.min(value.byteLength, end + 1 - from),
        );
        if (part.byteLength > 0) controller.enqueue(part);
        if (offset > end) {
          await reader.cancel();
          return controller.close();
        }
        return;
      }
    },
    cancel: () => reader.cancel(),
  });
}

const etagOf = (recording: Recording, file: StoredFile) =>
  file.sha256 ? `"${file.sha256}"` : `"${recording.id}-${file.size}"`;

function tagListed(header: string, etag: string): boolean {
  return header.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}

/** The response for `recording`'s file; 404 when the file is gone. */
export async function recordingResponse(
  kv: Deno.Kv,
  recording: Recording,
  request: RangeRequest,
): Promise<Response> {
  const found = recording.status === "ready"
    ? await getFileStore(kv).get(recording.fileKey)
    : null;
  const headers = new Headers({
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "accept-ranges": "bytes",
  });
  if (!found) {
    headers.set("content-type", "text/plain; charset=utf-8");
    return new Response("This recording is not available.", {
      status: 404,
      headers,
    });
  }
  const { file, body } = found;
  const etag = etagOf(recording, file);
  headers.set("etag", etag);
  if (request.ifNoneMatch && tagListed(request.ifNoneMatch, etag)) {
    await body.cancel();
    return new Response(null, { status: 304, headers });
  }
  headers.set("content-type", recording.contentType);
  const wanted = request.range &&
      (!request.ifRange || request.ifRange.trim() === etag)
    ? parseRange(request.range, file.size)
    : null;
  if (wanted === "unsatisfiable") {
    await body.cancel();
    headers.set("content-range", `bytes */${file.size}`);
    headers.set("content-type", "text/plain; charset=utf-8");
    return new Response("That range is outside the recording.", {
      status: 416,
      headers,
    });
  }
  if (wanted === null) {
    headers.set("content-length", String(file.size));
    if (request.head) await body.cancel();
    return new Response(request.head ? null : body, { status: 200, headers });
  }
  headers.set(
    "content-range",
    `bytes ${wanted.start}-${wanted.end}/${file.size}`,
  );
  headers.set("content-length", String(wanted.end - wanted.start + 1));
  if (request.head) {
    await body.cancel();
    return new Response(null, { status: 206, headers });
  }
  return new Response(slice(body, wanted.start, wanted.end), {
    status: 206,
    headers,
  });
}
