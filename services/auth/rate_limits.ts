/**
 * Fixed-window rate limits kept in KV, correct across processes.
 *
 * KV keys
 *   ["rate_limits", bucket, key, windowIndex] → number   attempts so far in
 *       the window; windowIndex = floor(now / window). Written with an atomic
 *       check on the counter's versionstamp (retried on conflict), so two
 *       processes never both take the last slot. Entries expire with their
 *       window (`expireIn`).
 */
import { now } from "@/services/platform/clock.ts";
import { RateLimitedError } from "./errors.ts";
import {
  RETRY,
  type RetryOptions,
  untilCommitted,
} from "@/services/platform/retry.ts";

export interface RateLimitRule {
  bucket: string;
  limit: number;
  windowSeconds: number;
}

/**
 * A busy counter (one IP's login attempts) sees many writers at once; each
 * retry waits a little longer, so all of them get counted well before this
 * gives up.
 */
const COUNTER_RETRY: RetryOptions = {
  attempts: 30,
  conflictMessage: "Too many requests at once; try again in a moment.",
};

/** The limits the account flows apply. */
export const RATE_LIMITS = {
  /** Login attempts per client IP. */
  loginPerIp: { bucket: "login_ip", limit: 10, windowSeconds: 60 },
  /** Login (and password re-entry) attempts per account email. */
  loginPerEmail: { bucket: "login_email", limit: 5, windowSeconds: 60 },
  /** New accounts per client IP. */
  signupPerIp: { bucket: "signup_ip", limit: 5, windowSeconds: 3600 },
  /** Password reset requests per client IP. */
  passwordResetPerIp: { bucket: "reset_ip", limit: 5, windowSeconds: 3600 },
  /** Password reset requests per email address. */
  passwordResetPerEmail: {
    bucket: "reset_email",
    limit: 3,
    windowSeconds: 3600,
  },
  /** Verification emails per user. */
  verificationResend: {
    bucket: "verify_resend",
    limit: 5,
    windowSeconds: 3600,
  },
  /** Two-factor code attempts per user. */
  twoFactor: { bucket: "two_factor", limit: 5, windowSeconds: 300 },
  /** Contact messages per client IP: people write a few; spam writes many. */
  contactPerIp: { bucket: "contact_ip", limit: 5, windowSeconds: 3600 },
  /** Feedback entries per client IP. */
  feedbackPerIp: { bucket: "feedback_ip", limit: 10, windowSeconds: 3600 },
} as const satisfies Record<string, RateLimitRule>;

/**
 * Takes one attempt from `bucket`/`key`'s current window. `allowed` is false
 * once `limit` attempts were taken; `retryAfterSeconds` says when the window
 * ends (always at least 1).
 */
export async function consumeRateLimit(
  kv: Deno.Kv,
  bucket: string,
  key: string,
  { limit, windowSeconds }: { limit: number; windowSeconds: number },
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const windowMs = windowSeconds * 1000;
  const time = now().getTime();
  const windowIndex = Math.floor(time / windowMs);
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil(((windowIndex + 1) * windowMs - time) / 1000),
  );
  const counterKey = ["rate_limits", bucket, key, windowIndex];
  return await untilCommitted(async () => {
    const entry = await kv.get<number>(counterKey);
    const count = entry.value ?? 0;
    if (count >= limit) return { allowed: false, retryAfterSeconds };
    const result = await kv.atomic()
      .check(entry)
      .set(counterKey, count + 1, { expireIn: windowMs + 1000 })
      .commit();
    // Someone else counted in between: read again and recount.
    return result.ok ? { allowed: true, retryAfterSeconds } : RETRY;
  }, COUNTER_RETRY);
}

/** Consumes one attempt under `rule`, throwing RateLimitedError when over. */
export async function enforceRateLimit(
  kv: Deno.Kv,
  rule: RateLimitRule,
  key: string,
): Promise<void> {
  const result = await consumeRateLimit(kv, rule.bucket, key, rule);
  if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
}
