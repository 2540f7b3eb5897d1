/**
 * The expected failures of the account flows. Each has a stable `code` (the
 * API's `error` field), an HTTP `status` and a message fit to show a user.
 * Malformed input is the shared `ValidationError` from services/errors.ts.
 */
import type { FieldErrors } from "@/services/platform/errors.ts";

/** Base class: `status` and `code` say how the HTTP layer should answer. */
export class AuthError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Wrong email or password; deliberately does not say which. */
export class InvalidCredentialsError extends AuthError {
  constructor() {
    super("invalid_credentials", 401, "Email or password is incorrect.");
  }
}

/** Too many wrong passwords in a row; try again after `retryAfterSeconds`. */
export class AccountLockedError extends AuthError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      "account_locked",
      423,
      `This account is locked after too many failed sign-in attempts. Try again in ${
        Math.ceil(retryAfterSeconds / 60)
      } minutes or reset your password.`,
    );
  }
}

/** An admin suspended the account. */
export class AccountSuspendedError extends AuthError {
  constructor() {
    super(
      "account_suspended",
      423,
      "This account is suspended. Contact support if you think this is a mistake.",
    );
  }
}

/** Too many attempts of one kind; try again after `retryAfterSeconds`. */
export class RateLimitedError extends AuthError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      "rate_limited",
      429,
      `Too many attempts. Try again in ${waitText(retryAfterSeconds)}.`,
    );
  }
}

/** Another account already uses this email address. */
export class EmailTakenError extends AuthError {
  readonly fieldErrors: FieldErrors = {
    email: ["An account with this email already exists."],
  };
  constructor() {
    super("email_taken", 409, "An account with this email already exists.");
  }
}

/** A verification or reset link that is unknown, expired or already used. */
export class InvalidTokenError extends AuthError {
  constructor() {
    super(
      "invalid_token",
      400,
      "This link is invalid, has expired or was already used. Ask for a new one.",
    );
  }
}

/** A wrong, reused or malformed two-factor or recovery code. */
export class InvalidCodeError extends AuthError {
  readonly fieldErrors: FieldErrors = { code: ["The code is not valid."] };
  constructor(status: 400 | 401 = 400) {
    super(
      "invalid_code",
      status,
      "The code is not valid. Enter the current code from your authenticator app or an unused recovery code.",
    );
  }
}

export type WeakPasswordReason = "too_short" | "too_long" | "common";

/** The new password breaks the password policy; `reason` says how. */
export class WeakPasswordError extends AuthError {
  readonly fieldErrors: FieldErrors;
  constructor(readonly reason: WeakPasswordReason, field = "password") {
    const message = {
      too_short: "Use at least 10 characters.",
      too_long: "Use at most 256 characters.",
      common:
        "This password is too common. Choose one that is harder to guess.",
    }[reason];
    super("weak_password", 400, message);
    this.fieldErrors = { [field]: [message] };
  }
}

/** An admin action by an admin who has not turned on two-factor auth. */
export class TwoFactorRequiredError extends AuthError {
  constructor() {
    super(
      "two_factor_required",
      403,
      "Turn on two-factor authentication before using admin tools.",
    );
  }
}

/** The actor may not do this (e.g. a non-admin calling an admin flow). */
export class ForbiddenError extends AuthError {
  constructor(message = "You don't have permission to do this.") {
    super("forbidden", 403, message);
  }
}

/** The session (or the pending two-factor login) is gone or expired. */
export class SessionExpiredError extends AuthError {
  constructor(message = "Your session has ended. Log in again.") {
    super("session_expired", 401, message);
  }
}

/** 45 → "45 seconds", 600 → "10 minutes", 7200 → "2 hours". */
export function waitText(seconds: number): string {
  const plural = (n: number, unit: string) =>
    `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds < 90) return plural(Math.max(1, Math.ceil(seconds)), "second");
  if (seconds < 90 * 60) return plural(Math.ceil(seconds / 60), "minute");
  return plural(Math.ceil(seconds / 3600), "hour");
}
