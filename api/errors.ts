/**
 * The API's one error shape and the mapping from service errors to it.
 *
 *   { "error": "<code>", "message": "<human text>", "details"?: { "<field>": ["<message>"] } }
 */
import { z } from "zod";
import {
  MAX_BODY_BYTES,
  PayloadTooLargeError,
  payloadTooLargeMessage,
} from "@/middleware/body_limit.ts";
import {
  AccountLockedError,
  AuthError,
  RateLimitedError,
} from "@/services/auth/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";

export const errorBodySchema = z.object({
  error: z.string().describe("Machine-readable code, e.g. validation_error."),
  message: z.string().describe("What went wrong, for people."),
  details: z.record(z.string(), z.array(z.string())).optional().describe(
    "Problems per field (query parameter or body property).",
  ),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

export type ErrorStatus =
  | 400
  | 401
  | 403
  | 404
  | 405
  | 409
  | 413
  | 423
  | 429
  | 500;

/** An error that already knows its HTTP status and code. */
export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Builds a JSON error response in the API's shape. */
export function errorResponse(
  status: ErrorStatus,
  code: string,
  message: string,
  details?: Record<string, string[]>,
  headers?: HeadersInit,
): Response {
  const body: ErrorBody = details
    ? { error: code, message, details }
    : { error: code, message };
  return Response.json(body, { status, headers });
}

/**
 * Turns anything thrown by a handler into a response: expected errors keep
 * their meaning; anything else is logged and reported without internals.
 */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    return errorResponse(
      error.status,
      error.code,
      error.message,
      error.details,
    );
  }
  if (error instanceof AuthError) {
    return authErrorResponse(error);
  }
  if (error instanceof ValidationError) {
    return errorResponse(
      400,
      "validation_error",
      error.message,
      error.fieldErrors,
    );
  }
  if (error instanceof NotFoundError) {
    return errorResponse(404, "not_found", error.message);
  }
  if (error instanceof ConflictError) {
    return errorResponse(409, "conflict", error.message);
  }
  if (error instanceof PayloadTooLargeError) {
    return errorResponse(
      413,
      "payload_too_large",
      payloadTooLargeMessage(error.limitBytes),
    );
  }
  if (error instanceof Error && error.name === "BodyLimitError") {
    return errorResponse(
      413,
      "payload_too_large",
      payloadTooLargeMessage(MAX_BODY_BYTES),
    );
  }
  console.error("Unexpected API error:", error);
  return errorResponse(
    500,
    "internal_error",
    "Something went wrong on our side. Please try again.",
  );
}

/**
 * An AuthError keeps its own status and code. Field-level problems (a weak
 * password, a taken email, a wrong code) travel as `details`, and waits (rate
 * limits, lockouts) as `Retry-After`.
 */
function authErrorResponse(error: AuthError): Response {
  const headers = new Headers();
  if (
    error instanceof RateLimitedError || error instanceof AccountLockedError
  ) {
    headers.set("retry-after", String(Math.max(1, error.retryAfterSeconds)));
  }
  const fieldErrors = "fieldErrors" in error
    ? error.fieldErrors as Record<string, string[]>
    : undefined;
  return errorResponse(
    error.status as ErrorStatus,
    error.code,
    error.message,
    fieldErrors,
    headers,
  );
}
