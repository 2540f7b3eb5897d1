/**
 * Request body and path size rules, for pages and the API alike: one limit
 * for forms and JSON, larger ones only for the upload routes listed here, and
 * one plain-words 413 message.
 */
import { MAX_UPLOAD_BYTES } from "@/services/storage/mod.ts";

/** Forms and JSON bodies are small; upload routes are listed below. */
export const MAX_BODY_BYTES = 64 * 1024;

/** An upload request: the largest accepted file plus room for the multipart envelope. */
export const UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

/**
 * The only paths allowed bodies over MAX_BODY_BYTES, and their limits. Exact
 * paths, so every large-body route is a deliberate entry here. A file a little
 * over 10 MB still arrives, and the upload check refuses it with a clear 400.
 */
export const BODY_LIMIT_OVERRIDES: Readonly<Record<string, number>> = {
  "/api/expert/application/documents": UPLOAD_BODY_BYTES,
  "/api/admin/blog/images": UPLOAD_BODY_BYTES,
  // The pages' multipart forms: credentials, and the photo on both profile forms.
  "/expert/application/credentials": UPLOAD_BODY_BYTES,
  "/expert/application/profile": UPLOAD_BODY_BYTES,
  "/expert/profile": UPLOAD_BODY_BYTES,
};

/** The blog editor's pages (new and each post): their form carries an image. */
const BLOG_EDITOR_PATH = /^\/admin\/blog\/[^/]+$/;

/**
 * Upload routes with an id in their path, matched by pattern: sending a
 * message with an attachment (the API and the conversation page's form),
 * and the blog editor's form with an image.
 */
export const BODY_LIMIT_PATTERNS: readonly (readonly [RegExp, number])[] = [
  [/^\/api\/conversations\/[^/]+\/messages$/, UPLOAD_BODY_BYTES],
  [/^\/messages\/[^/]+$/, UPLOAD_BODY_BYTES],
  [BLOG_EDITOR_PATH, UPLOAD_BODY_BYTES],
];

/**
 * Page upload routes that answer a body over their limit themselves, with
 * the same page and the reason beside the file field, instead of the site's
 * 413 page: the request reaches the handler, whose body read fails with
 * {@linkcode PayloadTooLargeError}. The API keeps its JSON 413.
 */
export const ANSWERED_IN_PLACE: ReadonlySet<string> = new Set([
  "/expert/application/credentials",
  "/expert/application/profile",
  "/expert/profile",
]);

/** In-place routes with a slug in their path (see ANSWERED_IN_PLACE). */
export const ANSWERED_IN_PLACE_PATTERNS: readonly RegExp[] = [
  BLOG_EDITOR_PATH,
];

/**
 * How far past its limit an in-place route reads (and discards) a body, so
 * the browser, still sending, receives the page instead of a reset
 * connection. Anything larger still gets the plain 413 at once.
 */
export const IN_PLACE_DRAIN_FACTOR = 4;

/**
 * No id or slug of ours comes near this; a longer path segment names nothing,
 * and would otherwise reach Deno KV as a key over its 2 KiB limit.
 */
export const MAX_PATH_SEGMENT_LENGTH = 256;

/** True when some segment of the path is longer than any real id or slug. */
export function hasOverlongSegment(pathname: string): boolean {
  return pathname.split("/").some((segment) =>
    segment.length > MAX_PATH_SEGMENT_LENGTH
  );
}

/** The body limit for a request to `pathname`. */
export function bodyLimitFor(pathname: string): number {
  if (Object.hasOwn(BODY_LIMIT_OVERRIDES, pathname)) {
    return BODY_LIMIT_OVERRIDES[pathname];
  }
  return BODY_LIMIT_PATTERNS.find(([pattern]) => pattern.test(pathname))?.[1] ??
    MAX_BODY_BYTES;
}

/** The 413 message for a body over `limitBytes`, in the units a person thinks in. */
export function payloadTooLargeMessage(limitBytes: number): string {
  return limitBytes >= 1024 * 1024
    ? `That is larger than ${
      Math.floor(limitBytes / 1024 / 1024)
    } MB, the most one upload may be. Choose a smaller file and try again.`
    : `The request body is larger than ${
      limitBytes / 1024
    } KiB. Shorten it and try again.`;
}

/** Thrown when a request body is larger than allowed; rendered as 413. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Request body is larger than ${limitBytes} bytes.`);
    this.name = "PayloadTooLargeError";
  }
}

/**
 * True for a {@linkcode PayloadTooLargeError}, also after a body reader
 * (e.g. `request.formData()`) passed it on as a plain error of that name.
 */
export function isPayloadTooLarge(error: unknown): boolean {
  return error instanceof Error && error.name === "PayloadTooLargeError";
}

/**
 * Thrown while reading a request body the client stopped sending (it
 * disconnected or closed its side mid-upload): the client's doing, answered
 * as a 400 if anyone still listens, and never logged as our failure.
 */
export class RequestAbortedError extends Error {
  constructor(options?: ErrorOptions) {
    super("The request body ended before it was complete.", options);
    this.name = "RequestAbortedError";
  }
}

/**
 * True for a {@linkcode RequestAbortedError}, also after a body reader
 * passed it on as a plain error of that name.
 */
export function isRequestAborted(error: unknown): boolean {
  return error instanceof Error && error.name === "RequestAbortedError";
}

/** What to tell a client whose request body broke off. */
export const REQUEST_ABORTED_MESSAGE =
  "The request ended before its body was complete. Send it again.";

/**
 * Returns `"too-large"` when the request declares a body over the limit.
 * Otherwise the request comes back with its body read through a counter that
 * errors with `PayloadTooLargeError` once more than `limitBytes` arrive (for
 * chunked bodies that declare no length, or declare less than they send),
 * and with {@linkcode RequestAbortedError} when the connection fails before
 * the body's end (the runtime's own error names no cause a handler could
 * tell from a bug). Checking the header first lets honest clients get a 413
 * before anything is read.
 *
 * On an {@linkcode ANSWERED_IN_PLACE} route a body up to
 * {@linkcode IN_PLACE_DRAIN_FACTOR} times the limit is let through instead:
 * it is read to its end and discarded, and reading it then fails with
 * `PayloadTooLargeError`, for the handler to answer on its own page.
 */
export function limitRequestBody(
  request: Request,
  limitBytes: number,
): Request | "too-large" {
  if (request.body === null) return request;
  const path = new URL(request.url).pathname;
  const inPlace = ANSWERED_IN_PLACE.has(path) ||
    ANSWERED_IN_PLACE_PATTERNS.some((pattern) => pattern.test(path));
  const drainBytes = inPlace ? limitBytes * IN_PLACE_DRAIN_FACTOR : limitBytes;
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    const length = Number(declared);
    if (!Number.isFinite(length) || length > drainBytes) return "too-large";
  }
  const source = request.body.getReader();
  let received = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Past the limit, an in-place route's body is only drained: keep
      // reading until a chunk can be passed on or the body ends.
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await source.read();
        } catch (error) {
          controller.error(new RequestAbortedError({ cause: error }));
          return;
        }
        if (chunk.done) {
          if (received > limitBytes) {
            controller.error(new PayloadTooLargeError(limitBytes));
          } else controller.close();
          return;
        }
        received += chunk.value.byteLength;
        if (received > drainBytes) {
          controller.error(new PayloadTooLargeError(limitBytes));
          source.cancel().catch(() => {});
          return;
        }
        if (received <= limitBytes) {
          controller.enqueue(chunk.value);
          return;
        }
      }
    },
    cancel(reason) {
      return source.cancel(reason);
    },
  });
  return new Request(request, { body });
}
