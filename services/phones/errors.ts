/**
 * The expected failures of verifying a phone number. They are account
 * errors (AuthError: a `code`, an HTTP `status`, a message fit to show), so
 * the API and the account forms answer them like the other account flows;
 * field problems travel as `fieldErrors`, waits as Retry-After.
 */
import { AuthError, RateLimitedError, waitText } from "@/services/auth/mod.ts";
import type { FieldErrors } from "@/services/platform/errors.ts";

/** A refusal with its own code and status; `field` puts the message beside that field. */
export class PhoneError extends AuthError {
  readonly fieldErrors: FieldErrors;

  constructor(code: string, status: number, message: string, field?: string) {
    super(code, status, message);
    this.fieldErrors = field ? { [field]: [message] } : {};
  }
}

/** Too many codes asked for within the hour. */
export class CodeSendLimitError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds);
    this.message =
      `You've asked for several codes in the last hour. Try again in ${
        waitText(retryAfterSeconds)
      }.`;
  }
}
