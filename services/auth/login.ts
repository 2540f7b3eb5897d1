/**
 * Signing in: the password step, the second-factor step for accounts with
 * two-factor auth, and the lockout after repeated wrong passwords.
 *
 * KV keys
 *   ["login_failures", userId] → LoginFailures   consecutive wrong passwords
 *                                                and the lock they caused;
 *                                                cleared by a successful
 *                                                login or a password reset
 */
import { z } from "zod";
import { parseInput } from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import { EMAIL_MAX_LENGTH } from "@/services/platform/model.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { accountLockedEmail, deliver } from "./emails.ts";
import {
  AccountLockedError,
  AccountSuspendedError,
  InvalidCodeError,
  InvalidCredentialsError,
  SessionExpiredError,
} from "./errors.ts";
import type { PublicUser, RequestMeta } from "./model.ts";
import {
  DUMMY_PASSWORD_HASH,
  passwordHasher,
  passwordSchema,
} from "./passwords.ts";
import {
  enforceRateLimit,
  limitWrongCodes,
  RATE_LIMITS,
} from "./rate_limits.ts";
import { recordEvent } from "./security_events.ts";
import {
  addNewSession,
  deleteSession,
  isSessionLive,
  readSessionEntry,
  type SessionRecord,
} from "./sessions.ts";
import {
  checkSecondFactor,
  spendProof,
  type TwoFactorCodeInput,
  twoFactorCodeInputSchema,
} from "./totp.ts";
import {
  ACCOUNT_RETRY,
  findUserRecordByEmail,
  readUserEntry,
  toPublicUser,
  type UserRecord,
} from "./users.ts";

/** Wrong passwords in a row that lock an account. */
export const LOCKOUT_THRESHOLD = 10;
export const LOCKOUT_MS = 15 * 60 * 1000;

const LOGIN_FAILURES = "login_failures";

interface LoginFailures {
  count: number;
  /** ISO time the lock ends; null while not locked. */
  lockedUntil: string | null;
}

/** The key of `userId`'s wrong-password count (and lock). */
export function loginFailuresKey(userId: string): Deno.KvKey {
  return [LOGIN_FAILURES, userId];
}

/**
 * An email and password to sign in with. The email is not checked for shape:
 * anything that names no account is a wrong email or password, like any
 * other unknown address.
 */
export const loginInputSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email address.")
    .max(EMAIL_MAX_LENGTH, "Enter a valid email address."),
  password: passwordSchema,
});
export type LoginInput = z.input<typeof loginInputSchema>;

function secondsUntil(iso: string): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - now().getTime()) / 1000));
}

/**
 * Checks an email and password. Without two-factor auth it starts a session;
 * with it, it returns a pending token (5 minutes) for
 * `completeTwoFactorLogin`. Unknown emails cost one password verification
 * like known ones. Throws InvalidCredentialsError, AccountLockedError (after
 * 10 wrong passwords in a row, for 15 minutes), AccountSuspendedError (only
 * once the password is right) or RateLimitedError.
 */
export async function login(
  kv: Deno.Kv,
  input: LoginInput,
  meta: RequestMeta,
): Promise<
  { user: PublicUser; sessionToken: string } | {
    twoFactorRequired: true;
    pendingToken: string;
  }
> {
  const { email, password } = parseInput(
    loginInputSchema,
    input,
    "Enter your email and password.",
  );
  await enforceRateLimit(kv, RATE_LIMITS.loginPerIp, meta.ip);
  await enforceRateLimit(kv, RATE_LIMITS.loginPerEmail, email);
  const user = await findUserRecordByEmail(kv, email);
  if (!user) {
    await passwordHasher.verify(password, DUMMY_PASSWORD_HASH);
    await recordEvent(kv, {
      type: "login_failed",
      actorId: null,
      userId: null,
      details: { email, reason: "unknown_email" },
    }, meta);
    throw new InvalidCredentialsError();
  }

  const failuresKey = loginFailuresKey(user.id);
  const failures = await kv.get<LoginFailures>(failuresKey);
  const lockedUntil = failures.value?.lockedUntil;
  if (lockedUntil && Date.parse(lockedUntil) > now().getTime()) {
    throw new AccountLockedError(secondsUntil(lockedUntil));
  }
  if (!(await passwordHasher.verify(password, user.passwordHash))) {
    await recordWrongPassword(kv, user, meta);
    throw new InvalidCredentialsError();
  }
  if (user.status === "suspended") {
    await recordEvent(kv, {
      type: "login_failed",
      actorId: null,
      userId: user.id,
      details: { reason: "suspended" },
    }, meta);
    throw new AccountSuspendedError();
  }

  const op = kv.atomic().delete(failuresKey);
  if (user.totpSecret) {
    const { token } = await addNewSession(op, user.id, meta, {
      twoFactorPending: true,
    });
    await withLockRetry(() => op.commit());
    return { twoFactorRequired: true, pendingToken: token };
  }
  const { token } = await addNewSession(op, user.id, meta);
  addSecurityEvent(op, {
    type: "login_succeeded",
    actorId: user.id,
    userId: user.id,
    details: { method: "password" },
  }, meta);
  await withLockRetry(() => op.commit());
  return { user: toPublicUser(user), sessionToken: token };
}

/**
 * Counts a wrong password; the tenth in a row locks the account for 15
 * minutes and emails the owner (once per lock: attempts during the lock are
 * refused before they get here).
 */
async function recordWrongPassword(
  kv: Deno.Kv,
  user: UserRecord,
  meta: RequestMeta,
): Promise<void> {
  const key = loginFailuresKey(user.id);
  const justLocked = await untilCommitted(async () => {
    const entry = await kv.get<LoginFailures>(key);
    const previous = entry.value;
    const lockOver = previous?.lockedUntil &&
      Date.parse(previous.lockedUntil) <= now().getTime();
    const count = (lockOver ? 0 : previous?.count ?? 0) + 1;
    const locks = count >= LOCKOUT_THRESHOLD;
    const lockedUntil = locks
      ? new Date(now().getTime() + LOCKOUT_MS).toISOString()
      : null;
    const op = kv.atomic().check(entry).set(key, { count, lockedUntil });
    addSecurityEvent(op, {
      type: "login_failed",
      actorId: null,
      userId: user.id,
      details: { reason: "wrong_password", consecutive: String(count) },
    }, meta);
    if (locks) {
      addSecurityEvent(op, {
        type: "account_locked",
        actorId: null,
        userId: user.id,
        details: { until: lockedUntil! },
      }, meta);
    }
    return (await op.commit()).ok ? locks : RETRY;
  }, ACCOUNT_RETRY);
  if (justLocked) {
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

/**
 * Finishes a login that needs a second factor: `code` is a current TOTP code
 * or an unused recovery code. The pending session is replaced by a new full
 * one. SessionExpiredError when the pending login is gone (log in again),
 * InvalidCodeError (401) for a wrong or reused code, RateLimitedError after 5
 * wrong codes in 5 minutes.
 */
export async function completeTwoFactorLogin(
  kv: Deno.Kv,
  pendingToken: string,
  input: TwoFactorCodeInput,
  meta: RequestMeta,
): Promise<{ user: PublicUser; sessionToken: string }> {
  const { code } = parseInput(
    twoFactorCodeInputSchema,
    input,
    "Enter the code.",
  );
  const expired = () =>
    new SessionExpiredError("Your sign-in has expired. Log in again.");
  const pending = await readSessionEntry(kv, pendingToken);
  if (
    !pending || !pending.value.twoFactorPending || !isSessionLive(pending.value)
  ) throw expired();
  const userId = pending.value.userId;
  const user = (await readUserEntry(kv, userId)).value;
  if (!user) throw expired();
  if (user.status === "suspended") throw new AccountSuspendedError();
  const token = await limitWrongCodes(
    kv,
    userId,
    () => finishTwoFactorLogin(kv, pending, user, code, meta),
  );
  return { user: toPublicUser(user), sessionToken: token };
}

/** Checks `code` and swaps the pending session for a full one. */
async function finishTwoFactorLogin(
  kv: Deno.Kv,
  pending: Deno.KvEntry<SessionRecord>,
  user: UserRecord,
  code: string,
  meta: RequestMeta,
): Promise<string> {
  const userId = user.id;
  const proof = await checkSecondFactor(kv, user, code);
  if (!proof) {
    await recordEvent(kv, {
      type: "login_failed",
      actorId: null,
      userId,
      details: { reason: "wrong_second_factor" },
    }, meta);
    throw new InvalidCodeError(401);
  }
  const op = kv.atomic().check(pending);
  spendProof(op, userId, proof);
  deleteSession(op, pending.value);
  const { token } = await addNewSession(op, userId, meta);
  const method = proof.kind === "totp" ? "totp" : "recovery_code";
  addSecurityEvent(op, {
    type: "login_succeeded",
    actorId: userId,
    userId,
    details: { method },
  }, meta);
  if (proof.kind === "recovery") {
    addSecurityEvent(op, {
      type: "recovery_code_used",
      actorId: userId,
      userId,
    }, meta);
  }
  // A failed check means the code (or the pending login) was used meanwhile.
  if (!(await withLockRetry(() => op.commit())).ok) {
    throw new InvalidCodeError(401);
  }
  return token;
}
