/**
 * Thrown by a handler or middleware to answer with an HTTP error status
 * (Fresh 2's convention). The root `_error.tsx` page renders it when present
 * (its `error` prop is this object); otherwise a 404 renders `_404` and other
 * statuses get a short plain-text answer.
 */
export class HttpError extends Error {
  constructor(readonly status: number, message?: string) {
    super(message ?? STATUS_TEXT[status] ?? `HTTP ${status}`);
    this.name = "HttpError";
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  429: "Too Many Requests",
};
