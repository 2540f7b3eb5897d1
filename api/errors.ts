/**
 * The API's one error shape, how each failure maps to it, and how the
 * OpenAPI document describes it (one `Error` schema, referenced everywhere).
 *
 *   { "error": "<code>", "message": "<human text>", "details"?: { "<field>": ["<message>"] } }
 *
 * (A booking held while the wallet is short adds `checkoutUrl` and `holdId`
 * to its 402.)
 *
 * Failures arrive three ways, all answered here: the request validators
 * (`validationHook`: bad params, query or body), Hono's own parsing
 * (`HTTPException`: malformed JSON, a body that is not JSON), and errors
 * thrown by handlers and services (`toErrorResponse`).
 */
import { z, type ZodError } from "zod";
import { HTTPException } from "hono/http-exception";
import {
  isRequestAborted,
  MAX_BODY_BYTES,
  PayloadTooLargeError,
  payloadTooLargeMessage,
  REQUEST_ABORTED_MESSAGE,
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
import { moneyErrorResponse } from "./money_errors.ts";

export const errorBodySchema = z.object({
  error: z.string().describe("Machine-readable code, e.g. validation_error."),
  message: z.string().describe("What went wrong, for people."),
  details: z.record(z.string(), z.array(z.string())).optional().describe(
    "Problems per field (query parameter or body property; nested ones as a.b.0).",
  ),
  checkoutUrl: z.url().optional().describe(
    "A booking held while the wallet is short (402 insufficient_funds): pay the difference here.",
  ),
  holdId: z.string().optional().describe(
    "That hold's id: GET /api/bookings/holds/{holdId}; the booking takes the same id.",
  ),
}).meta({ id: "Error" });

export type ErrorBody = z.infer<typeof errorBodySchema>;

export type ErrorStatus =
  | 400
  | 401
  | 402
  | 403
  | 404
  | 405
  | 409
  | 413
  | 423
  | 429
  | 500
  | 502;

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

const INVALID_INPUT: Record<string, string> = {
  query: "The query is invalid.",
  json: "The request body is invalid.",
};

/**
 * What the request validators do with bad input. A path parameter that fails
 * its schema can name nothing (ids are checked for shape only), so it is a
 * 404 with the schema's message; bad query or body fields are a 400 listing
 * the problems per field, exactly as a service's ValidationError would.
 */
export function validationHook(
  result:
    & { target: string }
    & (
      | { success: true }
      | { success: false; error: ZodError }
    ),
): Response | undefined {
  if (result.success) return;
  if (result.target === "param") {
    const message = result.error.issues[0]?.message ?? "Not found.";
    return errorResponse(404, "not_found", message);
  }
  return toErrorResponse(
    ValidationError.fromZod(
      result.error,
      INVALID_INPUT[result.target] ?? "The request is invalid.",
    ),
  );
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
  // The client stopped sending: its doing, not ours, so nothing is logged.
  if (isRequestAborted(error)) {
    return errorResponse(400, "request_aborted", REQUEST_ABORTED_MESSAGE);
  }
  if (error instanceof HTTPException) {
    return httpExceptionResponse(error);
  }
  const money = moneyErrorResponse(error);
  if (money) return money;
  console.error("Unexpected API error:", error);
  return errorResponse(
    500,
    "internal_error",
    "Something went wrong on our side. Please try again.",
  );
}

/**
 * Hono's body parsing refuses a malformed (or empty) JSON body with a 400
 * and a body of another media type with a 415; both are the caller sending
 * something other than the JSON object the operation documents, so both
 * are a 400 saying what to send.
 */
function httpExceptionResponse(error: HTTPException): Response {
  if (error.status === 415) {
    return errorResponse(
      400,
      "unsupported_media_type",
      "Send the request body as JSON, with Content-Type: application/json.",
    );
  }
  if (error.status === 400) {
    return errorResponse(
      400,
      "invalid_json",
      "The request body is empty or not valid JSON. Send a JSON object.",
    );
  }
  if (error.status === 413) {
    return errorResponse(
      413,
      "payload_too_large",
      payloadTooLargeMessage(MAX_BODY_BYTES),
    );
  }
  console.error("Unexpected HTTP exception in the API:", error);
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
