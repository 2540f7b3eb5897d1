/** Thrown when a request body is larger than allowed; rendered as 413. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Request body is larger than ${limitBytes} bytes.`);
    this.name = "PayloadTooLargeError";
  }
}

/**
 * Returns `"too-large"` when the request declares a body over the limit, or a
 * request whose body stream errors with `PayloadTooLargeError` once more than
 * `limitBytes` arrive (for chunked bodies that declare no length). Checking the
 * header first lets honest clients get a 413 before anything is read.
 */
export function limitRequestBody(
  request: Request,
  limitBytes: number,
): Request | "too-large" {
  if (request.body === null) return request;
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    const length = Number(declared);
    if (!Number.isFinite(length) || length > limitBytes) return "too-large";
    return request;
  }
  let received = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      received += chunk.byteLength;
      if (received > limitBytes) {
        controller.error(new PayloadTooLargeError(limitBytes));
        return;
      }
      controller.enqueue(chunk);
    },
  });
  return new Request(request, { body: request.body.pipeThrough(counter) });
}
