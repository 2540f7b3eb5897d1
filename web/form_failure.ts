/**
 * How a services/auth flow's failure becomes what an account form shows.
 * (Who is asking, the RequestMeta, comes from auth/request_meta.ts.)
 */
import { AuthError } from "@/services/auth/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import { firstErrors } from "./forms.ts";

/** What a form shows after a flow refused its input. */
export interface FormFailure {
  /** The page's response status: the flow's own (400, 401, 409, 423, 429). */
  status: number;
  /** One message per field that failed. */
  errors: Record<string, string>;
  /** A message for the form as a whole (locked, rate-limited, wrong password). */
  message: string | null;
  /** Seconds to wait, for 429 and locked 423 answers. */
  retryAfterSeconds: number | null;
}

/**
 * Turns an expected flow failure (a ValidationError, an AuthError, a
 * conflict or a missing record) into what the form shows. Anything else is a bug and is thrown again, to become
 * the 500 page.
 */
export function formFailure(error: unknown): FormFailure {
  if (error instanceof ValidationError) {
    return {
      status: 400,
      errors: firstErrors(error.fieldErrors),
      message: null,
      retryAfterSeconds: null,
    };
  }
  if (error instanceof ConflictError || error instanceof NotFoundError) {
    return {
      status: error instanceof ConflictError ? 409 : 404,
      errors: {},
      message: error.message,
      retryAfterSeconds: null,
    };
  }
  if (error instanceof AuthError) {
    const fields = "fieldErrors" in error
      ? firstErrors(error.fieldErrors as Record<string, string[]>)
      : {};
    const retry = "retryAfterSeconds" in error
      ? Number(error.retryAfterSeconds)
      : null;
    return {
      status: error.status,
      errors: fields,
      message: Object.keys(fields).length ? null : error.message,
      retryAfterSeconds: retry,
    };
  }
  throw error;
}

/** Response headers for a failure: `Retry-After` when the flow gave one. */
export function failureInit(failure: FormFailure): ResponseInit {
  const headers = new Headers();
  if (failure.retryAfterSeconds !== null) {
    headers.set("retry-after", String(Math.ceil(failure.retryAfterSeconds)));
  }
  return { status: failure.status, headers };
}
