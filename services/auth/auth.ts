/**
 * The account flows: sign-up, login (with the second factor), sessions, email
 * verification, password reset and change, two-factor setup, suspension,
 * role changes and the admin bootstrap. Every flow validates its input,
 * applies its rate limits, and writes its audit event in the same atomic
 * operation as the change it records.
 *
 * KV keys (this module's own; the others are described in users.ts,
 * sessions.ts, one_time_tokens.ts, totp.ts, rate_limits.ts and audit.ts)
 *   ["login_failures", userId] → LoginFailures   consecutive wrong passwords
 *                                                and the lock they caused
 */
import { z } from "zod";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import {
  addSecurityEvent,
  type NewSecurityEvent,
} from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import { sha256Hex } from "@/services/platform/crypto.ts";
import {
  accountLockedEmail,
  deliver,
  emailChangedEmail,
  passwordChangedEmail,
  passwordResetEmail,
  verificationEmail,
} from "./emails.ts";
import {
  AccountLockedError,
  AccountSuspendedError,
  EmailTakenError,
  ForbiddenError,
  InvalidCodeError,
  InvalidCredentialsError,
  InvalidTokenError,
  SessionExpiredError,
  TwoFactorRequiredError,
  WeakPasswordError,
} from "./errors.ts";
import { consumeTokenIn, createToken, findToken } from "./one_time_tokens.ts";
import {
  DUMMY_PASSWORD_HASH,
  passwordHasher,
  passwordProblem,
} from "./passwords.ts";
import { enforceRateLimit, RATE_LIMITS } from "./rate_limits.ts";
import {
  addNewSession,
  deleteSession,
  deleteSessionRefs,
  isSessionLive,
  listSessionRefs,
  readSessionEntry,
  SESSION_DELETE_BATCH,
  type SessionRecord,
  SESSIONS,
  SESSIONS_BY_USER,
  toSessionInfo,
  touchSession,
} from "./sessions.ts";
import {
  matchTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  otpauthUrl,
  qrSvg,
  RECOVERY_CODES,
  recoveryCodeKey,
  TOTP_LAST_STEP,
  TOTP_SETUP,
} from "./totp.ts";
import type { PublicUser, RequestMeta, Role, SessionInfo } from "./model.ts";
import {
  emailSchema,
  findUserRecordByEmail,
  nameSchema,
  readUserEntry,
  timeZoneSchema,
  toPublicUser,
  type UserRecord,
  USERS,
  USERS_BY_EMAIL,
  USERS_BY_ROLE,
} from "./users.ts";

export { listSecurityEvents } from "@/services/platform/audit.ts";
export { getUser, getUserByEmail, listUsers } from "./users.ts";

/** Wrong passwords in a row that lock an account. */
export const LOCKOUT_THRESHOLD = 10;
export const LOCKOUT_MS = 15 * 60 * 1000;
const TOTP_SETUP_MS = 15 * 60 * 1000;
/** Read-check-write attempts before a flow gives up with a ConflictError. */
const MAX_ATTEMPTS = 10;

interface LoginFailures {
  count: number;
  /** ISO time the lock ends; null while not locked. */
  lockedUntil: string | null;
}

const SYSTEM_META = { ip: "system", userAgent: "TapTime" };

// ---------------------------------------------------------------------------
// Helpers

/**
 * Runs `attempt` (a read-check-write) until it commits: it returns the result
 * or `RETRY` when its atomic check failed because something changed between
 * its read and its write.
 */
const RETRY = Symbol("retry");
async function untilCommitted<T>(
  attempt: () => Promise<T | typeof RETRY>,
): Promise<T> {
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const result = await withLockRetry(attempt);
    if (result !== RETRY) return result as T;
  }
  throw new ConflictError("The account changed at the same time; try again.");
}

/**
 * Parses `input` with `schema` and applies the password policy to its
 * `field`: bad fields give a ValidationError (the password problem included),
 * a policy failure alone gives a WeakPasswordError.
 */
async function parseWithPassword<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  field: string,
): Promise<z.output<Schema>> {
  const result = schema.safeParse(input);
  const password = (input as Record<string, unknown> | null)?.[field];
  const problem = typeof password === "string"
    ? await passwordProblem(password)
    : null;
  if (!result.success) {
    const error = ValidationError.fromZod(
      result.error,
      "Check the highlighted fields.",
    );
    if (problem && !error.fieldErrors[field]) {
      error.fieldErrors[field] = new WeakPasswordError(problem, field)
        .fieldErrors[field];
    }
    throw error;
  }
  if (problem) throw new WeakPasswordError(problem, field);
  return result.data;
}

async function recordEvent(
  kv: Deno.Kv,
  event: NewSecurityEvent,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<void> {
  await withLockRetry(() => {
    const op = kv.atomic();
    addSecurityEvent(op, event, meta);
    return op.commit();
  });
}

async function requireUserEntry(
  kv: Deno.Kv,
  userId: string,
): Promise<Deno.KvEntry<UserRecord>> {
  const entry = await readUserEntry(kv, userId);
  if (entry.versionstamp === null) throw new NotFoundError("No such user.");
  return entry as Deno.KvEntry<UserRecord>;
}

function userWrites(op: Deno.AtomicOperation, user: UserRecord): void {
  op.set([USERS, user.id], user)
    .set([USERS_BY_EMAIL, user.email], user.id)
    .set([USERS_BY_ROLE, user.role, user.id], user.id);
}

function secondsUntil(iso: string): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - now().getTime()) / 1000));
}

/**
 * Adds to `op` the end of `session` and a replacement with a new token that
 * keeps the original absolute expiry; returns the new token.
 */
async function addRotation(
  op: Deno.AtomicOperation,
  session: SessionRecord,
  meta: RequestMeta,
): Promise<string> {
  deleteSession(op, session);
  const { token } = await addNewSession(op, session.userId, meta, {
    expiresAt: session.expiresAt,
  });
  return token;
}

/** A current, full (not pending) session of `userId` for `token`, or null. */
async function ownLiveSession(
  kv: Deno.Kv,
  userId: string,
  token: string | null | undefined,
): Promise<Deno.KvEntry<SessionRecord> | null> {
  const entry = await readSessionEntry(kv, token);
  if (
    !entry || entry.value.userId !== userId || entry.value.twoFactorPending ||
    !isSessionLive(entry.value)
  ) return null;
  return entry;
}

async function assertCurrentPassword(
  kv: Deno.Kv,
  user: UserRecord,
  password: string,
  field: string,
): Promise<void> {
  // Re-entering the password is a guess like a login: same per-account limit.
  await enforceRateLimit(kv, RATE_LIMITS.loginPerEmail, user.email);
  if (!(await passwordHasher.verify(password, user.passwordHash))) {
    throw new ValidationError("Your current password is incorrect.", {
      [field]: ["Your current password is incorrect."],
    });
  }
}

// ---------------------------------------------------------------------------
// Second factor

type SecondFactorProof =
  | {
    kind: "totp";
    step: number;
    lastStep: Deno.KvEntryMaybe<number>;
  }
  | { kind: "recovery"; code: Deno.KvEntry<unknown> };

/**
 * Checks a TOTP code (not used before) or an unused recovery code for
 * `user`. The proof is spent by `spendProof` in the caller's atomic, whose
 * checks make each code work exactly once even under concurrent use.
 */
async function checkSecondFactor(
  kv: Deno.Kv,
  user: UserRecord,
  code: string,
): Promise<SecondFactorProof | null> {
  if (!user.totpSecret) return null;
  const compact = code.replace(/\s/g, "");
  if (/^\d{6}$/.test(compact)) {
    const step = await matchTotpStep(user.totpSecret, compact);
    if (step === null) return null;
    const lastStep = await kv.get<number>([TOTP_LAST_STEP, user.id]);
    if (lastStep.value !== null && step <= lastStep.value) return null;
    return { kind: "totp", step, lastStep };
  }
  const recovery = normalizeRecoveryCode(code);
  if (!recovery) return null;
  const entry = await kv.get(await recoveryCodeKey(user.id, recovery));
  if (entry.versionstamp === null) return null;
  return { kind: "recovery", code: entry as Deno.KvEntry<unknown> };
}

function spendProof(
  op: Deno.AtomicOperation,
  userId: string,
  proof: SecondFactorProof,
): void {
  if (proof.kind === "totp") {
    op.check(proof.lastStep).set([TOTP_LAST_STEP, userId], proof.step);
  } else {
    op.check(proof.code).delete(proof.code.key);
  }
}

const codeSchema = z.object({
  code: z.string().trim().min(1, "Enter the code.").max(40),
});

// ---------------------------------------------------------------------------
// Sign-up and login

const signupSchema = z.object({
  email: emailSchema,
  password: z.string().max(1024, "Use at most 256 characters."),
  name: nameSchema,
  role: z.enum(["learner", "expert"], "Choose learner or expert."),
  timeZone: timeZoneSchema.optional(),
});

/**
 * Creates a learner or expert account, signs it in and emails a verification
 * link. EmailTakenError when the email is in use; RateLimitedError after 5
 * sign-ups an hour from one IP.
 */
export async function signup(
  kv: Deno.Kv,
  input: {
    email: string;
    password: string;
    name: string;
    role: "learner" | "expert";
    timeZone?: string;
  },
  meta: RequestMeta,
): Promise<{ user: PublicUser; sessionToken: string }> {
  const fields = await parseWithPassword(signupSchema, input, "password");
  await enforceRateLimit(kv, RATE_LIMITS.signupPerIp, meta.ip);
  if ((await kv.get([USERS_BY_EMAIL, fields.email])).versionstamp !== null) {
    throw new EmailTakenError();
  }
  const at = now().toISOString();
  const user: UserRecord = {
    id: newId(),
    email: fields.email,
    name: fields.name,
    role: fields.role,
    timeZone: fields.timeZone || "UTC",
    emailVerified: false,
    status: "active",
    createdAt: at,
    updatedAt: at,
    passwordHash: await passwordHasher.hash(fields.password),
    totpSecret: null,
  };
  const sessionToken = await createUser(kv, user, meta, {
    withSession: true,
    details: { role: user.role },
  });
  if (sessionToken === null) throw new EmailTakenError();
  await sendVerification(kv, user, meta.baseUrl);
  return { user: toPublicUser(user), sessionToken };
}

/** Writes a new user atomically; null when the email was taken meanwhile. */
async function createUser(
  kv: Deno.Kv,
  user: UserRecord,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
  opts: { withSession: boolean; details: Record<string, string> },
): Promise<string | null> {
  return await withLockRetry(async () => {
    const op = kv.atomic()
      .check({ key: [USERS_BY_EMAIL, user.email], versionstamp: null })
      .check({ key: [USERS, user.id], versionstamp: null });
    userWrites(op, user);
    const session = opts.withSession
      ? await addNewSession(op, user.id, meta)
      : null;
    addSecurityEvent(op, {
      type: "signup",
      actorId: opts.withSession ? user.id : null,
      userId: user.id,
      details: opts.details,
    }, meta);
    const result = await op.commit();
    return result.ok ? session?.token ?? "" : null;
  });
}

async function sendVerification(
  kv: Deno.Kv,
  user: UserRecord,
  baseUrl: string,
): Promise<void> {
  const token = await createToken(kv, "verify_email", user.id, user.email);
  await deliver(kv, verificationEmail(user.email, user.name, token, baseUrl));
}

const loginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email address.")
    .max(254, "Enter a valid email address."),
  password: z.string().min(1, "Enter your password.").max(1024),
});

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
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<
  { user: PublicUser; sessionToken: string } | {
    twoFactorRequired: true;
    pendingToken: string;
  }
> {
  const { email, password } = parseInput(
    loginSchema,
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

  const failuresKey = ["login_failures", user.id];
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
  const key = ["login_failures", user.id];
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
  });
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
 * attempts in 5 minutes.
 */
export async function completeTwoFactorLogin(
  kv: Deno.Kv,
  pendingToken: string,
  input: { code: string },
  meta: RequestMeta,
): Promise<{ user: PublicUser; sessionToken: string }> {
  const { code } = parseInput(codeSchema, input, "Enter the code.");
  const expired = () =>
    new SessionExpiredError("Your sign-in has expired. Log in again.");
  const pending = await readSessionEntry(kv, pendingToken);
  if (
    !pending || !pending.value.twoFactorPending || !isSessionLive(pending.value)
  ) throw expired();
  const userId = pending.value.userId;
  await enforceRateLimit(kv, RATE_LIMITS.twoFactor, userId);
  const user = (await readUserEntry(kv, userId)).value;
  if (!user) throw expired();
  if (user.status === "suspended") throw new AccountSuspendedError();

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
  return { user: toPublicUser(user), sessionToken: token };
}

/** Ends the session of `sessionToken` (pending or full); unknown is a no-op. */
export async function logout(
  kv: Deno.Kv,
  sessionToken: string,
  meta: RequestMeta,
): Promise<void> {
  const entry = await readSessionEntry(kv, sessionToken);
  if (!entry) return;
  const op = kv.atomic();
  deleteSession(op, entry.value);
  if (!entry.value.twoFactorPending) {
    addSecurityEvent(op, {
      type: "logout",
      actorId: entry.value.userId,
      userId: entry.value.userId,
    }, meta);
  }
  await withLockRetry(() => op.commit());
}

/**
 * The signed-in user and session for a session token, or null: unknown,
 * expired (7 days idle, 30 days absolute), pending a second factor, or the
 * user is suspended or gone. Refreshes lastSeenAt at most once a minute.
 */
export async function authenticate(
  kv: Deno.Kv,
  sessionToken: string | null | undefined,
): Promise<{ user: PublicUser; session: SessionInfo } | null> {
  const entry = await readSessionEntry(kv, sessionToken);
  if (!entry || entry.value.twoFactorPending) return null;
  if (!isSessionLive(entry.value)) {
    const op = kv.atomic().check(entry);
    deleteSession(op, entry.value);
    await op.commit();
    return null;
  }
  const user = (await readUserEntry(kv, entry.value.userId)).value;
  if (!user || user.status !== "active") return null;
  const session = await touchSession(kv, entry);
  return { user: toPublicUser(user), session: toSessionInfo(session, true) };
}

/**
 * Gives the session a new token (and public id), keeping its user and
 * absolute expiry, and returns the new token: call it at any privilege
 * change. SessionExpiredError when the session is not a live, full one.
 */
export async function rotateSession(
  kv: Deno.Kv,
  sessionToken: string,
  meta: RequestMeta,
): Promise<string> {
  const entry = await readSessionEntry(kv, sessionToken);
  if (!entry || entry.value.twoFactorPending || !isSessionLive(entry.value)) {
    throw new SessionExpiredError();
  }
  const op = kv.atomic().check(entry);
  const token = await addRotation(op, entry.value, meta);
  if (!(await withLockRetry(() => op.commit())).ok) {
    throw new SessionExpiredError();
  }
  return token;
}

// ---------------------------------------------------------------------------
// Email verification and password reset

/**
 * Marks the email address a verification link was sent to as verified.
 * InvalidTokenError for an unknown, expired or used link, or one for an
 * address the account no longer has.
 */
export async function verifyEmail(
  kv: Deno.Kv,
  token: string,
  meta: RequestMeta,
): Promise<PublicUser> {
  return await untilCommitted(async () => {
    const link = await findToken(kv, "verify_email", token);
    if (!link) throw new InvalidTokenError();
    const entry = await readUserEntry(kv, link.value.userId);
    const user = entry.value;
    if (!user || user.email !== link.value.email) {
      throw new InvalidTokenError();
    }
    const updated = {
      ...user,
      emailVerified: true,
      updatedAt: now().toISOString(),
    };
    const op = kv.atomic().check(entry).set([USERS, user.id], updated);
    consumeTokenIn(op, link);
    addSecurityEvent(op, {
      type: "email_verified",
      actorId: user.id,
      userId: user.id,
      details: { email: user.email },
    }, meta);
    return (await op.commit()).ok ? toPublicUser(updated) : RETRY;
  });
}

/**
 * Sends a new verification link. ConflictError when already verified,
 * RateLimitedError after 5 an hour.
 */
export async function resendVerification(
  kv: Deno.Kv,
  userId: string,
  meta: RequestMeta,
): Promise<void> {
  const user = (await requireUserEntry(kv, userId)).value;
  if (user.emailVerified) {
    throw new ConflictError("Your email address is already verified.");
  }
  await enforceRateLimit(kv, RATE_LIMITS.verificationResend, userId);
  await sendVerification(kv, user, meta.baseUrl);
}

/**
 * Emails a reset link (single use, 30 minutes) when an active account has
 * this email; answers the same way when none does. RateLimitedError after 5
 * requests an hour from an IP or 3 for an email.
 */
export async function requestPasswordReset(
  kv: Deno.Kv,
  input: { email: string },
  meta: RequestMeta,
): Promise<void> {
  const { email } = parseInput(
    z.object({ email: emailSchema }),
    input,
    "Enter a valid email address.",
  );
  await enforceRateLimit(kv, RATE_LIMITS.passwordResetPerIp, meta.ip);
  await enforceRateLimit(kv, RATE_LIMITS.passwordResetPerEmail, email);
  const user = await findUserRecordByEmail(kv, email);
  // A known email costs a few KV writes more than an unknown one, never a
  // mail-server round-trip: with SMTP, email is queued (services/email).
  if (!user || user.status !== "active") return;
  const token = await createToken(kv, "reset_password", user.id, user.email);
  await recordEvent(kv, {
    type: "password_reset_requested",
    actorId: null,
    userId: user.id,
  }, meta);
  await deliver(
    kv,
    passwordResetEmail(user.email, user.name, token, meta.baseUrl),
  );
}

/**
 * Sets a new password through a reset link and ends every session of the
 * account (and its lockout). The password policy is checked before the link
 * is used, so a weak password does not burn the link.
 */
export async function resetPassword(
  kv: Deno.Kv,
  input: { token: string; password: string },
  meta: RequestMeta,
): Promise<PublicUser> {
  const { token, password } = await parseWithPassword(
    z.object({
      token: z.string().min(1, "The link is incomplete.").max(200),
      password: z.string().max(1024),
    }),
    input,
    "password",
  );
  if (!(await findToken(kv, "reset_password", token))) {
    throw new InvalidTokenError();
  }
  const passwordHash = await passwordHasher.hash(password);
  const { user, leftover } = await untilCommitted(async () => {
    const link = await findToken(kv, "reset_password", token);
    if (!link) throw new InvalidTokenError();
    const entry = await readUserEntry(kv, link.value.userId);
    const user = entry.value;
    if (!user || user.email !== link.value.email) {
      throw new InvalidTokenError();
    }
    const updated = { ...user, passwordHash, updatedAt: now().toISOString() };
    const sessions = await listSessionRefs(kv, user.id);
    const op = kv.atomic().check(entry).set([USERS, user.id], updated)
      .delete(["login_failures", user.id]);
    consumeTokenIn(op, link);
    for (const ref of sessions.slice(0, SESSION_DELETE_BATCH)) {
      deleteSession(op, ref);
    }
    addSecurityEvent(op, {
      type: "password_reset",
      actorId: user.id,
      userId: user.id,
      details: { sessionsEnded: String(sessions.length) },
    }, meta);
    return (await op.commit()).ok
      ? { user: updated, leftover: sessions.slice(SESSION_DELETE_BATCH) }
      : RETRY;
  });
  await deleteSessionRefs(kv, leftover);
  await deliver(kv, passwordChangedEmail(user.email, user.name));
  return toPublicUser(user);
}

// ---------------------------------------------------------------------------
// Account settings

/**
 * Changes the password after checking the current one, ends every other
 * session and rotates the current one: use the returned token from now on.
 */
export async function changePassword(
  kv: Deno.Kv,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  currentSessionToken: string | null,
  meta: RequestMeta,
): Promise<{ sessionToken: string }> {
  const { currentPassword, newPassword } = await parseWithPassword(
    z.object({
      currentPassword: z.string().min(1, "Enter your current password.").max(
        1024,
      ),
      newPassword: z.string().max(1024),
    }),
    input,
    "newPassword",
  );
  const user = (await requireUserEntry(kv, userId)).value;
  await assertCurrentPassword(kv, user, currentPassword, "currentPassword");
  const passwordHash = await passwordHasher.hash(newPassword);
  const { sessionToken, leftover } = await untilCommitted(async () => {
    const entry = await requireUserEntry(kv, userId);
    const current = await ownLiveSession(kv, userId, currentSessionToken);
    const others = (await listSessionRefs(kv, userId)).filter((ref) =>
      ref.id !== current?.value.id
    );
    const op = kv.atomic().check(entry).set([USERS, userId], {
      ...entry.value,
      passwordHash,
      updatedAt: now().toISOString(),
    });
    for (const ref of others.slice(0, SESSION_DELETE_BATCH)) {
      deleteSession(op, ref);
    }
    let sessionToken: string;
    if (current) {
      op.check(current);
      sessionToken = await addRotation(op, current.value, meta);
    } else {
      sessionToken = (await addNewSession(op, userId, meta)).token;
    }
    addSecurityEvent(op, {
      type: "password_changed",
      actorId: userId,
      userId,
      details: { otherSessionsEnded: String(others.length) },
    }, meta);
    return (await op.commit()).ok
      ? { sessionToken, leftover: others.slice(SESSION_DELETE_BATCH) }
      : RETRY;
  });
  await deleteSessionRefs(kv, leftover);
  await deliver(kv, passwordChangedEmail(user.email, user.name));
  return { sessionToken };
}

/**
 * Changes the email address after checking the password: the new address is
 * unverified (a link is sent to it), the old one gets a notice, and every
 * other session ends. EmailTakenError when another account uses it.
 */
export async function changeEmail(
  kv: Deno.Kv,
  userId: string,
  input: { currentPassword: string; newEmail: string },
  currentSessionToken: string | null,
  meta: RequestMeta,
): Promise<PublicUser> {
  const { currentPassword, newEmail } = parseInput(
    z.object({
      currentPassword: z.string().min(1, "Enter your current password.").max(
        1024,
      ),
      newEmail: emailSchema,
    }),
    input,
    "Check the highlighted fields.",
  );
  const user = (await requireUserEntry(kv, userId)).value;
  if (newEmail === user.email) {
    throw new ValidationError("That is already your email address.", {
      newEmail: ["That is already your email address."],
    });
  }
  await assertCurrentPassword(kv, user, currentPassword, "currentPassword");
  const { updated, leftover } = await untilCommitted(async () => {
    const entry = await requireUserEntry(kv, userId);
    const taken = await kv.get([USERS_BY_EMAIL, newEmail]);
    if (taken.versionstamp !== null) {
      throw new EmailTakenError();
    }
    const current = await ownLiveSession(kv, userId, currentSessionToken);
    const others = (await listSessionRefs(kv, userId)).filter((ref) =>
      ref.id !== current?.value.id
    );
    const updated: UserRecord = {
      ...entry.value,
      email: newEmail,
      emailVerified: false,
      updatedAt: now().toISOString(),
    };
    const op = kv.atomic().check(entry).check(taken)
      .delete([USERS_BY_EMAIL, entry.value.email]);
    userWrites(op, updated);
    for (const ref of others.slice(0, SESSION_DELETE_BATCH)) {
      deleteSession(op, ref);
    }
    addSecurityEvent(op, {
      type: "email_changed",
      actorId: userId,
      userId,
      details: { from: entry.value.email, to: newEmail },
    }, meta);
    return (await op.commit()).ok
      ? { updated, leftover: others.slice(SESSION_DELETE_BATCH) }
      : RETRY;
  });
  await deleteSessionRefs(kv, leftover);
  await sendVerification(kv, updated, meta.baseUrl);
  await deliver(kv, emailChangedEmail(user.email, user.name, newEmail));
  return toPublicUser(updated);
}

const profileSchema = z.object({
  name: nameSchema.optional(),
  timeZone: timeZoneSchema.optional(),
});

/** Changes the name and/or time zone. */
export async function updateProfile(
  kv: Deno.Kv,
  userId: string,
  input: { name?: string; timeZone?: string },
  _meta: RequestMeta,
): Promise<PublicUser> {
  const changes = parseInput(
    profileSchema,
    input,
    "Check the highlighted fields.",
  );
  return await untilCommitted(async () => {
    const entry = await requireUserEntry(kv, userId);
    const updated = { ...entry.value, updatedAt: now().toISOString() };
    if (changes.name !== undefined) updated.name = changes.name;
    if (changes.timeZone !== undefined) updated.timeZone = changes.timeZone;
    const result = await kv.atomic().check(entry).set([USERS, userId], updated)
      .commit();
    return result.ok ? toPublicUser(updated) : RETRY;
  });
}

// ---------------------------------------------------------------------------
// Two-factor authentication

/**
 * Starts enrolling an authenticator: a new secret (kept 15 minutes until
 * `enableTwoFactor` confirms it), its otpauth URL and that URL as an SVG QR
 * code. ConflictError when two-factor auth is already on.
 */
export async function startTwoFactorSetup(
  kv: Deno.Kv,
  userId: string,
): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  const user = (await requireUserEntry(kv, userId)).value;
  if (user.totpSecret) {
    throw new ConflictError("Two-factor authentication is already on.");
  }
  const secret = newTotpSecret();
  await kv.set([TOTP_SETUP, userId], secret, { expireIn: TOTP_SETUP_MS });
  const url = otpauthUrl(secret, user.email);
  return { secret, otpauthUrl: url, qrSvg: qrSvg(url) };
}

/**
 * Turns two-factor auth on once `code` proves the authenticator has the
 * secret from `startTwoFactorSetup`, and returns 10 single-use recovery codes
 * (shown once, stored hashed). With `currentSessionToken`, that session is
 * rotated (a privilege change) and the new token returned.
 */
export async function enableTwoFactor(
  kv: Deno.Kv,
  userId: string,
  input: { code: string },
  meta: RequestMeta,
  currentSessionToken?: string | null,
): Promise<{ recoveryCodes: string[]; sessionToken?: string }> {
  const { code } = parseInput(codeSchema, input, "Enter the code.");
  await enforceRateLimit(kv, RATE_LIMITS.twoFactor, userId);
  const recoveryCodes = newRecoveryCodes();
  const codeKeys = await Promise.all(
    recoveryCodes.map((recovery) => recoveryCodeKey(userId, recovery)),
  );
  const sessionToken = await untilCommitted(async () => {
    const entry = await requireUserEntry(kv, userId);
    if (entry.value.totpSecret) {
      throw new ConflictError("Two-factor authentication is already on.");
    }
    const setup = await kv.get<string>([TOTP_SETUP, userId]);
    if (!setup.value) {
      throw new ValidationError("The setup expired; start again.", {
        code: ["The setup expired; start again."],
      });
    }
    const step = await matchTotpStep(setup.value, code.replace(/\s/g, ""));
    if (step === null) throw new InvalidCodeError(400);
    const op = kv.atomic().check(entry).check(setup)
      .set([USERS, userId], {
        ...entry.value,
        totpSecret: setup.value,
        updatedAt: now().toISOString(),
      })
      .delete([TOTP_SETUP, userId])
      .set([TOTP_LAST_STEP, userId], step);
    for await (const old of kv.list({ prefix: [RECOVERY_CODES, userId] })) {
      op.delete(old.key);
    }
    const createdAt = now().toISOString();
    for (const key of codeKeys) op.set(key, { createdAt });
    const current = await ownLiveSession(kv, userId, currentSessionToken);
    let rotated: string | undefined;
    if (current) {
      op.check(current);
      rotated = await addRotation(op, current.value, meta);
    }
    addSecurityEvent(op, {
      type: "two_factor_enabled",
      actorId: userId,
      userId,
    }, meta);
    return (await op.commit()).ok ? { token: rotated } : RETRY;
  });
  return sessionToken.token
    ? { recoveryCodes, sessionToken: sessionToken.token }
    : { recoveryCodes };
}

/**
 * Turns two-factor auth off after checking the password and a current TOTP
 * (or recovery) code; the secret and the recovery codes are deleted.
 */
export async function disableTwoFactor(
  kv: Deno.Kv,
  userId: string,
  input: { password: string; code: string },
  meta: RequestMeta,
): Promise<void> {
  const { password, code } = parseInput(
    z.object({
      password: z.string().min(1, "Enter your password.").max(1024),
      code: z.string().trim().min(1, "Enter the code.").max(40),
    }),
    input,
    "Check the highlighted fields.",
  );
  const user = (await requireUserEntry(kv, userId)).value;
  if (!user.totpSecret) {
    throw new ConflictError("Two-factor authentication is already off.");
  }
  await enforceRateLimit(kv, RATE_LIMITS.twoFactor, userId);
  await assertCurrentPassword(kv, user, password, "password");
  await untilCommitted(async () => {
    const entry = await requireUserEntry(kv, userId);
    const proof = await checkSecondFactor(kv, entry.value, code);
    if (!proof) throw new InvalidCodeError(400);
    const op = kv.atomic().check(entry).set([USERS, userId], {
      ...entry.value,
      totpSecret: null,
      updatedAt: now().toISOString(),
    });
    spendProof(op, userId, proof);
    if (proof.kind === "recovery") op.delete([TOTP_LAST_STEP, userId]);
    for await (const old of kv.list({ prefix: [RECOVERY_CODES, userId] })) {
      const spent = proof.kind === "recovery" &&
        String(old.key[2]) === String(proof.code.key[2]);
      if (!spent) op.delete(old.key);
    }
    addSecurityEvent(op, {
      type: "two_factor_disabled",
      actorId: userId,
      userId,
    }, meta);
    return (await op.commit()).ok ? true : RETRY;
  });
}

// ---------------------------------------------------------------------------
// Sessions

/**
 * The user's live sessions (pending logins left out), most recently used
 * first; the one for `currentSessionToken` is marked `current`.
 */
export async function listSessions(
  kv: Deno.Kv,
  userId: string,
  currentSessionToken?: string | null,
): Promise<SessionInfo[]> {
  const currentHash = currentSessionToken
    ? await sha256Hex(currentSessionToken)
    : null;
  const refs = await listSessionRefs(kv, userId);
  const sessions: SessionInfo[] = [];
  // getMany reads at most 10 keys at a time.
  for (let start = 0; start < refs.length; start += 10) {
    const entries = await kv.getMany<SessionRecord[]>(
      refs.slice(start, start + 10).map((ref) => [SESSIONS, ref.tokenHash]),
    );
    for (const { value } of entries) {
      if (value && !value.twoFactorPending && isSessionLive(value)) {
        sessions.push(toSessionInfo(value, value.tokenHash === currentHash));
      }
    }
  }
  return sessions.sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
}

/**
 * Ends one of the user's own sessions by its public id. NotFoundError when
 * the user has no session with that id (including other users' sessions).
 */
export async function revokeSession(
  kv: Deno.Kv,
  userId: string,
  sessionId: string,
  meta: RequestMeta,
): Promise<void> {
  const ref = await kv.get<string>([SESSIONS_BY_USER, userId, sessionId]);
  if (!ref.value) throw new NotFoundError("No such session.");
  const op = kv.atomic();
  deleteSession(op, { id: sessionId, userId, tokenHash: ref.value });
  addSecurityEvent(op, {
    type: "session_revoked",
    actorId: userId,
    userId,
    details: { sessionId },
  }, meta);
  await withLockRetry(() => op.commit());
}

// ---------------------------------------------------------------------------
// Administration

/**
 * Throws unless `actorId` is an active admin with two-factor auth on:
 * ForbiddenError for anyone else, TwoFactorRequiredError for an admin
 * without it. The HTTP layer checks the same; this keeps the flows safe on
 * their own.
 */
export async function assertAdminActor(
  kv: Deno.Kv,
  actorId: string,
): Promise<void> {
  const actor = (await readUserEntry(kv, actorId)).value;
  if (!actor || actor.role !== "admin" || actor.status !== "active") {
    throw new ForbiddenError();
  }
  if (!actor.totpSecret) throw new TwoFactorRequiredError();
}

async function setStatus(
  kv: Deno.Kv,
  actorId: string,
  userId: string,
  status: "active" | "suspended",
  meta: RequestMeta,
): Promise<PublicUser> {
  await assertAdminActor(kv, actorId);
  if (actorId === userId) {
    throw new ConflictError(
      "You cannot change the status of your own account.",
    );
  }
  const { user, leftover } = await untilCommitted(async () => {
    const entry = await requireUserEntry(kv, userId);
    if (entry.value.status === status) {
      return { user: entry.value, leftover: [] };
    }
    const updated = { ...entry.value, status, updatedAt: now().toISOString() };
    const op = kv.atomic().check(entry).set([USERS, userId], updated);
    const sessions = status === "suspended"
      ? await listSessionRefs(kv, userId)
      : [];
    for (const ref of sessions.slice(0, SESSION_DELETE_BATCH)) {
      deleteSession(op, ref);
    }
    addSecurityEvent(op, {
      type: status === "suspended" ? "user_suspended" : "user_reactivated",
      actorId,
      userId,
    }, meta);
    return (await op.commit()).ok
      ? { user: updated, leftover: sessions.slice(SESSION_DELETE_BATCH) }
      : RETRY;
  });
  // Any sessions past the first batch: authenticate already refuses them.
  await deleteSessionRefs(kv, leftover);
  return toPublicUser(user);
}

/**
 * Suspends an account (admin with 2FA only): its sessions end in the same
 * write, logins fail with AccountSuspendedError. Idempotent.
 */
export function suspendUser(
  kv: Deno.Kv,
  actorId: string,
  userId: string,
  meta: RequestMeta,
): Promise<PublicUser> {
  return setStatus(kv, actorId, userId, "suspended", meta);
}

/** Reactivates a suspended account (admin with 2FA only). Idempotent. */
export function reactivateUser(
  kv: Deno.Kv,
  actorId: string,
  userId: string,
  meta: RequestMeta,
): Promise<PublicUser> {
  return setStatus(kv, actorId, userId, "active", meta);
}

const changeRoleSchema = z.object({
  role: z.enum(
    ["learner", "expert"],
    "Choose learner or expert; admins come only from ADMIN_EMAIL.",
  ),
});

/**
 * Moves a learner to expert or an expert to learner (admin with 2FA only).
 * Admin accounts come only from the ADMIN_EMAIL bootstrap, so a role of
 * `admin` is a ValidationError and an admin target (the actor included) a
 * ConflictError. A role change is a privilege change: in the same write as
 * the record and its role index, every session of the user ends and a
 * `role_changed` event records `{ from, to }`. Idempotent: the same role
 * again changes nothing and logs nothing.
 */
export async function changeUserRole(
  kv: Deno.Kv,
  actorId: string,
  userId: string,
  role: "learner" | "expert",
  meta: RequestMeta,
): Promise<PublicUser> {
  await assertAdminActor(kv, actorId);
  const { role: to } = parseInput(
    changeRoleSchema,
    { role },
    "The role is invalid.",
  );
  if (actorId === userId) {
    throw new ConflictError("You cannot change the role of your own account.");
  }
  const { user, leftover } = await untilCommitted(async () => {
    const entry = await requireUserEntry(kv, userId);
    const from = entry.value.role;
    if (from === "admin") {
      throw new ConflictError(
        "Admin accounts keep their role; admins come only from ADMIN_EMAIL.",
      );
    }
    if (from === to) return { user: entry.value, leftover: [] };
    const updated = {
      ...entry.value,
      role: to,
      updatedAt: now().toISOString(),
    };
    const op = kv.atomic().check(entry).set([USERS, userId], updated)
      .delete([USERS_BY_ROLE, from, userId])
      .set([USERS_BY_ROLE, to, userId], userId);
    const sessions = await listSessionRefs(kv, userId);
    for (const ref of sessions.slice(0, SESSION_DELETE_BATCH)) {
      deleteSession(op, ref);
    }
    addSecurityEvent(op, {
      type: "role_changed",
      actorId,
      userId,
      details: { from, to },
    }, meta);
    return (await op.commit()).ok
      ? { user: updated, leftover: sessions.slice(SESSION_DELETE_BATCH) }
      : RETRY;
  });
  // Sessions past the first batch end just after; until then they already
  // act with the new role, which authenticate reads afresh on every request.
  await deleteSessionRefs(kv, leftover);
  return toPublicUser(user);
}

/**
 * Creates the bootstrap admin (email verified, two-factor auth still to be
 * set up) unless an account with that email exists. An existing account is
 * never changed: `reason` says why nothing was created when the email belongs
 * to someone who is not an admin. WeakPasswordError for a policy failure.
 */
export async function ensureAdmin(
  kv: Deno.Kv,
  input: { email: string; password: string; name?: string },
): Promise<{ created: boolean; reason?: string }> {
  return await ensureAccount(kv, {
    ...input,
    name: input.name ?? "Administrator",
    role: "admin",
    source: "ADMIN_EMAIL",
  });
}

/**
 * Creates a verified account of any role with a known password unless the
 * email is taken (then nothing changes; `reason` says so when the existing
 * account has another role). For the bootstrap admin and the demo accounts;
 * never reachable from a request. `id` lets a demo expert's account share the
 * id of its seeded public profile.
 */
export async function ensureAccount(
  kv: Deno.Kv,
  input: {
    email: string;
    password: string;
    name: string;
    role: Role;
    id?: string;
    timeZone?: string;
    /** Written to the audit log's signup event. */
    source: string;
  },
): Promise<{ created: boolean; reason?: string }> {
  const fields = await parseWithPassword(
    z.object({
      email: emailSchema,
      password: z.string().max(1024),
      name: nameSchema,
      timeZone: timeZoneSchema.optional(),
    }),
    input,
    "password",
  );
  const existing = await findUserRecordByEmail(kv, fields.email);
  if (existing) {
    return existing.role === input.role ? { created: false } : {
      created: false,
      reason:
        `${fields.email} belongs to a ${existing.role} account; it was not made ${
          input.role === "admin" ? "an admin" : `a ${input.role}`
        }.`,
    };
  }
  const at = now().toISOString();
  const user: UserRecord = {
    id: input.id ?? newId(),
    email: fields.email,
    name: fields.name,
    role: input.role,
    timeZone: fields.timeZone ?? "UTC",
    emailVerified: true,
    status: "active",
    createdAt: at,
    updatedAt: at,
    passwordHash: await passwordHasher.hash(fields.password),
    totpSecret: null,
  };
  const created = await createUser(kv, user, SYSTEM_META, {
    withSession: false,
    details: { role: input.role, source: input.source },
  });
  return created === null
    ? {
      created: false,
      reason: "The email or id was taken at the same moment.",
    }
    : { created: true };
}
