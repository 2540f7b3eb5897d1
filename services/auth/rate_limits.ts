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
import { InvalidCodeError, RateLimitedError } from "./errors.ts";
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
  /** Password re-entry (signed in, to confirm a change) per account email. */
  loginPerEmail: { bucket: "login_email", limit: 5, windowSeconds: 60 },
  /** Wrong passwords for one email from one client IP (unknown sources). */
  loginPerEmailAndIp: {
    bucket: "login_email_ip",
    limit: 5,
    windowSeconds: 900,
  },
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
  /** Wrong two-factor codes per user (right ones are not counted). */
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
  rule: { limit: number; windowSeconds: number },
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const { allowed, retryAfterSeconds } = await takeSlot(kv, bucket, key, rule);
  return { allowed, retryAfterSeconds };
}

async function takeSlot(
  kv: Deno.Kv,
  bucket: string,
  key: string,
  { limit, windowSeconds }: { limit: number; windowSeconds: number },
): Promise<
  { allowed: boolean; retryAfterSeconds: number; counterKey: Deno.KvKey }
> {
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
    if (count >= limit) {
      return { allowed: false, retryAfterSeconds, counterKey };
    }
    const result = await kv.atomic()
      .check(entry)
      .set(counterKey, count + 1, { expireIn: windowMs + 1000 })
      .commit();
    // Someone else counted in between: read again and recount.
    return result.ok ? { allowed: true, retryAfterSeconds, counterKey } : RETRY;
  }, COUNTER_RETRY);
}

/** Gives back a slot `takeSlot` took (in the same window it was taken in). */
async function returnSlot(
  kv: Deno.Kv,
  counterKey: Deno.KvKey,
  windowSeconds: number,
): Promise<void> {
  await untilCommitted(async () => {
    const entry = await kv.get<number>(counterKey);
    if (!entry.value) return true;
    const op = kv.atomic().check(entry);
    if (entry.value <= 1) op.delete(counterKey);
    else {
      op.set(counterKey, entry.value - 1, {
        expireIn: windowSeconds * 1000 + 1000,
      });
    }
    return (await op.commit()).ok ? true : RETRY;
  }, COUNTER_RETRY);
}

/** Whether `rule` would still allow an attempt for `key`, taking none. */
export async function peekRateLimit(
  kv: Deno.Kv,
  rule: RateLimitRule,
  key: string,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const windowMs = rule.windowSeconds * 1000;
  const time = now().getTime();
  const windowIndex = Math.floor(time / windowMs);
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil(((windowIndex + 1) * windowMs - time) / 1000),
  );
  const entry = await kv.get<number>([
    "rate_limits",
    rule.bucket,
    key,
    windowIndex,
  ]);
  return { allowed: (entry.value ?? 0) < rule.limit, retryAfterSeconds };
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

/**
 * Runs `attempt` under `rule`, counting it only when it fails with an error
 * `isFailure` accepts (a wrong code): right answers and unrelated errors give
 * their slot back. The slot is taken before the attempt runs, so parallel
 * guesses cannot all slip in under the limit. RateLimitedError when `limit`
 * failures are already counted in the window.
 */
export async function limitFailures<T>(
  kv: Deno.Kv,
  rule: RateLimitRule,
  key: string,
  isFailure: (error: unknown) => boolean,
  attempt: () => Promise<T>,
): Promise<T> {
  const slot = await takeSlot(kv, rule.bucket, key, rule);
  if (!slot.allowed) throw new RateLimitedError(slot.retryAfterSeconds);
  try {
    const result = await attempt();
    await returnSlot(kv, slot.counterKey, rule.windowSeconds);
    return result;
  } catch (error) {
    if (!isFailure(error)) {
      await returnSlot(kv, slot.counterKey, rule.windowSeconds);
    }
    throw error;
  }
}

/**
 * Runs a step that checks a two-factor code under the per-user limit, which
 * counts wrong codes only: a person who signs in often is never refused.
 */
export function limitWrongCodes<T>(
  kv: Deno.Kv,
  userId: string,
  attempt: () => Promise<T>,
): Promise<T> {
  return limitFailures(
    kv,
    RATE_LIMITS.twoFactor,
    userId,
    (error) => error instanceof InvalidCodeError,
    attempt,
  );
}
