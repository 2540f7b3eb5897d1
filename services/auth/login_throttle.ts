/**
 * How wrong passwords are slowed down and refused without letting a
 * stranger lock the owner out.
 *
 * - Per source: every attempt from an address counts against
 *   `RATE_LIMITS.loginPerIp`.
 * - Per account and source: wrong passwords for one email from one address
 *   count against `RATE_LIMITS.loginPerEmailAndIp`.
 * - Per account: wrong passwords from sources the account has never signed
 *   in from slow the next attempts from such sources down progressively,
 *   and the tenth in a row locks them out for 15 minutes (the owner is
 *   emailed once per lock).
 * - A known source skips the account-wide parts: its correct password is
 *   never refused for what strangers did. A browser holding this account's
 *   device cookie skips every limit; an address the account signed in from
 *   (without the cookie, e.g. an API client) still counts against the
 *   per-source limit, since others may share that address.
 *
 * Everything is keyed by the email typed, not by the account, so an email
 * with no account is slowed, limited and locked exactly like one with an
 * account: the answers never tell whether an account exists.
 *
 * KV keys
 *   ["login_failures", email]                        → LoginFailures
 *       wrong passwords in a row from unknown sources and the lock they
 *       caused; cleared by a successful login or a password reset
 *   ["known_sources", userId, "device", tokenHash]   → { lastSeenAt }
 *       (expires a year after the last sign-in from that browser)
 *   ["known_sources", userId, "ip", address]         → { lastSeenAt }
 *       (expires 90 days after the last sign-in from that address)
 */
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import {
  isTokenShaped,
  randomToken,
  sha256Hex,
} from "@/services/platform/crypto.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { accountLockedEmail, deliver } from "./emails.ts";
import { AccountLockedError, RateLimitedError } from "./errors.ts";
import type { RequestMeta } from "./model.ts";
import {
  consumeRateLimit,
  enforceRateLimit,
  peekRateLimit,
  RATE_LIMITS,
} from "./rate_limits.ts";
import { ACCOUNT_RETRY, type UserRecord } from "./users.ts";

/** Wrong passwords in a row (from unknown sources) that lock an email. */
export const LOCKOUT_THRESHOLD = 10;
export const LOCKOUT_MS = 15 * 60 * 1000;

const LOGIN_FAILURES = "login_failures";
const KNOWN_SOURCES = "known_sources";
const DEVICE_TTL_MS = 365 * 24 * 60 * 60 * 1000;
const ADDRESS_TTL_MS = 90 * 24 * 60 * 60 * 1000;

interface LoginFailures {
  count: number;
  /** ISO time the lock ends; null while not locked. */
  lockedUntil: string | null;
}

/** The key of the wrong-password count (and lock) for a typed email. */
export function loginFailuresKey(email: string): Deno.KvKey {
  return [LOGIN_FAILURES, email];
}

/**
 * How long an attempt from an unknown source waits after `failures` wrong
 * passwords in a row: nothing for the first few, then doubling to 1.6 s.
 * Reached through this object so tests can skip the waiting.
 */
export const loginDelay = {
  ms(failures: number): number {
    return failures < 5 ? 0 : Math.min(100 * 2 ** (failures - 5), 1600);
  },
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  },
};

function deviceKey(userId: string, tokenHash: string): Deno.KvKey {
  return [KNOWN_SOURCES, userId, "device", tokenHash];
}

function addressKey(userId: string, ip: string): Deno.KvKey {
  return [KNOWN_SOURCES, userId, "ip", ip];
}

/**
 * How this attempt's source has signed in to `userId` before: from this
 * browser ("device"), from this address only ("address"), or never (null).
 */
export async function knownSource(
  kv: Deno.Kv,
  userId: string,
  ip: string,
  deviceToken: string | null | undefined,
): Promise<"device" | "address" | null> {
  if (deviceToken && isTokenShaped(deviceToken)) {
    const device = await kv.get(
      deviceKey(userId, await sha256Hex(deviceToken)),
    );
    if (device.versionstamp !== null) return "device";
  }
  const address = await kv.get(addressKey(userId, ip));
  return address.versionstamp !== null ? "address" : null;
}

/**
 * Remembers that `userId` signed in from `ip` and, unless `deviceToken` is
 * undefined (no browser to give a cookie to), from this browser: the token
 * it already has, or a new one. Returns the browser's token to keep.
 */
export async function rememberSource(
  kv: Deno.Kv,
  userId: string,
  ip: string,
  deviceToken?: string | null,
): Promise<string | null> {
  const seen = { lastSeenAt: now().toISOString() };
  const op = kv.atomic().set(addressKey(userId, ip), seen, {
    expireIn: ADDRESS_TTL_MS,
  });
  const token = deviceToken === undefined
    ? null
    : isTokenShaped(deviceToken)
    ? deviceToken
    : randomToken();
  if (token) {
    op.set(deviceKey(userId, await sha256Hex(token)), seen, {
      expireIn: DEVICE_TTL_MS,
    });
  }
  await op.commit();
  return token;
}

function secondsUntil(iso: string): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - now().getTime()) / 1000));
}

/**
 * The checks an attempt from an unknown source passes before its password
 * is looked at: the per-source limit, the per-account-and-source limit, the
 * lock, and the progressive wait. RateLimitedError or AccountLockedError.
 */
export async function guardUnknownSource(
  kv: Deno.Kv,
  email: string,
  ip: string,
): Promise<void> {
  await enforceRateLimit(kv, RATE_LIMITS.loginPerIp, ip);
  const pair = await peekRateLimit(
    kv,
    RATE_LIMITS.loginPerEmailAndIp,
    `${email} ${ip}`,
  );
  if (!pair.allowed) throw new RateLimitedError(pair.retryAfterSeconds);
  const failures = (await kv.get<LoginFailures>(loginFailuresKey(email)))
    .value;
  const lockedUntil = failures?.lockedUntil;
  if (lockedUntil && Date.parse(lockedUntil) > now().getTime()) {
    throw new AccountLockedError(secondsUntil(lockedUntil));
  }
  const wait = loginDelay.ms(lockedUntil ? 0 : failures?.count ?? 0);
  if (wait > 0) await loginDelay.wait(wait);
}

/**
 * Counts a wrong password for `email` from `ip` (known account or not); the
 * tenth in a row locks unknown sources out for 15 minutes and emails the
 * owner, if there is one (once per lock: attempts during the lock are
 * refused before they get here).
 */
export async function countWrongPassword(
  kv: Deno.Kv,
  email: string,
  user: UserRecord | null,
  meta: RequestMeta,
  fromKnownSource: boolean,
): Promise<void> {
  await consumeRateLimit(
    kv,
    RATE_LIMITS.loginPerEmailAndIp.bucket,
    `${email} ${meta.ip}`,
    RATE_LIMITS.loginPerEmailAndIp,
  );
  const key = loginFailuresKey(email);
  const justLocked = await untilCommitted(async () => {
    const entry = await kv.get<LoginFailures>(key);
    const previous = entry.value;
    const lockOver = previous?.lockedUntil &&
      Date.parse(previous.lockedUntil) <= now().getTime();
    const before = lockOver ? 0 : previous?.count ?? 0;
    // The owner's own typos do not bring strangers closer to a lock.
    const count = fromKnownSource ? before : before + 1;
    const locks = !fromKnownSource && count >= LOCKOUT_THRESHOLD;
    const lockedUntil = locks
      ? new Date(now().getTime() + LOCKOUT_MS).toISOString()
      : null;
    const op = kv.atomic().check(entry).set(key, { count, lockedUntil }, {
      expireIn: LOCKOUT_MS * 4,
    });
    addSecurityEvent(op, {
      type: "login_failed",
      actorId: null,
      userId: user?.id ?? null,
      details: user
        ? { reason: "wrong_password", consecutive: String(count) }
        : { email, reason: "unknown_email" },
    }, meta);
    if (locks && user) {
      addSecurityEvent(op, {
        type: "account_locked",
        actorId: null,
        userId: user.id,
        details: { until: lockedUntil! },
      }, meta);
    }
    return (await op.commit()).ok ? locks : RETRY;
  }, ACCOUNT_RETRY);
  if (justLocked && user) {
    await deliver(
      kv,
      accountLockedEmail(
        user.email,
        user.name,
        LOCKOUT_MS / 60_000,
        meta.baseUrl,
      ),
    );
  }
}
