/**
 * Signing in: the password step and the second-factor step for accounts
 * with two-factor auth. How wrong passwords are limited, slowed and locked
 * without locking the owner out is in login_throttle.ts.
 */
import { z } from "zod";
import { parseInput } from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { EMAIL_MAX_LENGTH } from "@/services/platform/model.ts";
import {
  AccountSuspendedError,
  InvalidCodeError,
  InvalidCredentialsError,
  SessionExpiredError,
} from "./errors.ts";
import {
  countWrongPassword,
  guardUnknownSource,
  knownSource,
  loginFailuresKey,
  rememberSource,
} from "./login_throttle.ts";
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
  findUserRecordByEmail,
  readUserEntry,
  toPublicUser,
  type UserRecord,
} from "./users.ts";

export { LOCKOUT_MS, LOCKOUT_THRESHOLD } from "./login_throttle.ts";

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

/** How the browser making the attempt is known, if at all. */
export interface LoginSource {
  /**
   * The browser's device cookie; null for a browser without one (it gets a
   * new one on success); undefined when there is no browser to keep one.
   */
  deviceToken?: string | null;
}

/**
 * Checks an email and password. Without two-factor auth it starts a session;
 * with it, it returns a pending token (5 minutes) for
 * `completeTwoFactorLogin`. Unknown emails cost one password verification
 * and are limited and locked like known ones (login_throttle.ts). A source
 * that signed in to the account before is never refused the right password.
 * `deviceToken` in the answer is the browser's device cookie to keep.
 * Throws InvalidCredentialsError, AccountLockedError (after 10 wrong
 * passwords in a row from unknown sources, for 15 minutes; not for known
 * ones), AccountSuspendedError (only once the password is right) or
 * RateLimitedError.
 */
export async function login(
  kv: Deno.Kv,
  input: LoginInput,
  meta: RequestMeta,
  source: LoginSource = {},
): Promise<
  ({ user: PublicUser; sessionToken: string } | {
    twoFactorRequired: true;
    pendingToken: string;
  }) & { deviceToken?: string }
> {
  const { email, password } = parseInput(
    loginInputSchema,
    input,
    "Enter your email and password.",
  );
  const user = await findUserRecordByEmail(kv, email);
  const trust = user &&
    await knownSource(kv, user.id, meta.ip, source.deviceToken);
  if (!trust) await guardUnknownSource(kv, email, meta.ip);
  else if (trust === "address") {
    await enforceRateLimit(kv, RATE_LIMITS.loginPerIp, meta.ip);
  }
  const known = trust !== null;
  const hash = user?.passwordHash ?? DUMMY_PASSWORD_HASH;
  if (!(await passwordHasher.verify(password, hash)) || !user) {
    await countWrongPassword(kv, email, user, meta, known);
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

  const deviceToken = await rememberSource(
    kv,
    user.id,
    meta.ip,
    source.deviceToken,
  );
  const device = deviceToken ? { deviceToken } : {};
  const op = kv.atomic().delete(loginFailuresKey(email));
  if (user.totpSecret) {
    const { token } = await addNewSession(op, user.id, meta, {
      twoFactorPending: true,
    });
    await withLockRetry(() => op.commit());
    return { twoFactorRequired: true, pendingToken: token, ...device };
  }
  const { token } = await addNewSession(op, user.id, meta);
  addSecurityEvent(op, {
    type: "login_succeeded",
    actorId: user.id,
    userId: user.id,
    details: { method: "password" },
  }, meta);
  await withLockRetry(() => op.commit());
  return { user: toPublicUser(user), sessionToken: token, ...device };
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
