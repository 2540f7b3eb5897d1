import { expect } from "expect";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import {
  authenticate,
  changeEmail,
  changePassword,
  changeUserRole,
  completeTwoFactorLogin,
  disableTwoFactor,
  enableTwoFactor,
  ensureAdmin,
  getUser,
  getUserByEmail,
  listSecurityEvents,
  listSessions,
  listUsers,
  login,
  logout,
  reactivateUser,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  revokeSession,
  rotateSession,
  signup,
  startTwoFactorSetup,
  suspendUser,
  updateProfile,
  verifyEmail,
} from "./auth.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import {
  AccountLockedError,
  AccountSuspendedError,
  EmailTakenError,
  ForbiddenError,
  InvalidCodeError,
  InvalidCredentialsError,
  InvalidTokenError,
  RateLimitedError,
  SessionExpiredError,
  TwoFactorRequiredError,
  WeakPasswordError,
} from "./errors.ts";
import { DUMMY_PASSWORD_HASH, passwordHasher } from "./passwords.ts";
import { totpCode } from "./totp.ts";
import type { RequestMeta } from "./model.ts";

const meta: RequestMeta = {
  ip: "203.0.113.5",
  userAgent:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
  baseUrl: "http://localhost:8000",
};
const otherDevice: RequestMeta = {
  ip: "198.51.100.7",
  userAgent:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Gecko/20100101 Firefox/125.0",
  baseUrl: "http://localhost:8000",
};
const PASSWORD = "lighthouse keeper 42";
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

async function newLearner(kv: Deno.Kv, email = "ada@example.com") {
  return await signup(kv, {
    email,
    password: PASSWORD,
    name: "Ada Lovelace",
    role: "learner",
    timeZone: "Europe/London",
  }, meta);
}

async function fullLogin(kv: Deno.Kv, email: string, from = meta) {
  const result = await login(kv, { email, password: PASSWORD }, from);
  if (!("sessionToken" in result)) throw new Error("expected a full session");
  return result.sessionToken;
}

/** The token of the newest link to `to` whose path is `path`. */
async function linkToken(kv: Deno.Kv, to: string, path: string) {
  for (const message of await listOutbox(kv, { to })) {
    const match = message.text.match(
      new RegExp(`http://localhost:8000${path}\\?token=([\\w-]+)`),
    );
    if (match) return match[1];
  }
  throw new Error(`no ${path} link to ${to}`);
}

/** Enrols an authenticator for `userId` and returns its secret and codes. */
async function turnOnTwoFactor(kv: Deno.Kv, userId: string) {
  const { secret } = await startTwoFactorSetup(kv, userId);
  const { recoveryCodes } = await enableTwoFactor(kv, userId, {
    code: await totpCode(secret),
  }, meta);
  return { secret, recoveryCodes };
}

async function eventTypes(kv: Deno.Kv, userId: string) {
  const { events } = await listSecurityEvents(kv, { userId, limit: 100 });
  return events.map((e) => e.type);
}

Deno.test("signup creates a learner, a session, a verification email and an audit event", async () => {
  using kv = await Deno.openKv(":memory:");
  const { user, sessionToken } = await signup(kv, {
    email: "  Ada@Example.COM ",
    password: PASSWORD,
    name: " Ada Lovelace ",
    role: "learner",
  }, meta);
  expect(user).toMatchObject({
    email: "ada@example.com",
    name: "Ada Lovelace",
    role: "learner",
    timeZone: "UTC",
    emailVerified: false,
    twoFactorEnabled: false,
    status: "active",
  });
  expect(Object.keys(user)).not.toContain("passwordHash");
  expect(sessionToken).toMatch(/^[\w-]{43}$/);
  expect((await authenticate(kv, sessionToken))?.user.id).toBe(user.id);
  expect(await getUserByEmail(kv, "ADA@example.com ")).toEqual(user);
  // Only the hash of the token is stored.
  const keys = (await Array.fromAsync(kv.list({ prefix: ["sessions"] }))).map((
    e,
  ) => e.key[1]);
  expect(keys).toHaveLength(1);
  expect(keys[0]).not.toBe(sessionToken);

  const [mail] = await listOutbox(kv, { to: "ada@example.com" });
  expect(mail.subject).toMatch(/Confirm your email/);
  const { events } = await listSecurityEvents(kv, { userId: user.id });
  expect(events[0]).toMatchObject({
    type: "signup",
    actorId: user.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
});

Deno.test("signup refuses a taken email, bad fields, weak passwords and admins", async () => {
  using kv = await Deno.openKv(":memory:");
  await newLearner(kv);
  await expect(newLearner(kv, "ADA@example.com")).rejects.toThrow(
    EmailTakenError,
  );
  const invalid = await signup(kv, {
    email: "nope",
    password: "short",
    name: "",
    role: "admin" as "learner",
    timeZone: "Mars/Olympus",
  }, meta).catch((e) => e);
  expect(invalid).toBeInstanceOf(ValidationError);
  expect(Object.keys(invalid.fieldErrors).sort()).toEqual([
    "email",
    "name",
    "password",
    "role",
    "timeZone",
  ]);
  const weak = await signup(kv, {
    email: "bob@example.com",
    password: "Password123",
    name: "Bob",
    role: "expert",
  }, meta).catch((e) => e);
  expect(weak).toBeInstanceOf(WeakPasswordError);
  expect(weak.reason).toBe("common");
  expect(await getUserByEmail(kv, "bob@example.com")).toBeNull();
});

Deno.test("signup is limited to 5 an hour per IP", async () => {
  using kv = await Deno.openKv(":memory:");
  // A taken email still counts as an attempt, and costs no hashing.
  await newLearner(kv);
  for (let i = 0; i < 4; i++) {
    await expect(newLearner(kv)).rejects.toThrow(EmailTakenError);
  }
  await expect(newLearner(kv, "new@example.com")).rejects.toThrow(
    RateLimitedError,
  );
});

Deno.test("the email verification link works exactly once, even used twice at once", async () => {
  using kv = await Deno.openKv(":memory:");
  const { user } = await newLearner(kv);
  const token = await linkToken(kv, user.email, "/verify-email");
  const results = await Promise.allSettled([
    verifyEmail(kv, token, meta),
    verifyEmail(kv, token, meta),
  ]);
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const failed = results.find((r) => r.status === "rejected");
  expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(
    InvalidTokenError,
  );
  expect((await getUser(kv, user.id))?.emailVerified).toBe(true);
  await expect(verifyEmail(kv, token, meta)).rejects.toThrow(InvalidTokenError);
  await expect(verifyEmail(kv, "garbage", meta)).rejects.toThrow(
    InvalidTokenError,
  );
  expect(await eventTypes(kv, user.id)).toContain("email_verified");
  await expect(resendVerification(kv, user.id, meta)).rejects.toThrow(
    ConflictError,
  );
});

Deno.test("verification links expire after 24 hours; resending is limited", async () => {
  using clock = useFakeClock();
  using kv = await Deno.openKv(":memory:");
  const { user } = await newLearner(kv);
  const token = await linkToken(kv, user.email, "/verify-email");
  clock.advance(DAY + 1000);
  await expect(verifyEmail(kv, token, meta)).rejects.toThrow(InvalidTokenError);
  for (let i = 0; i < 5; i++) await resendVerification(kv, user.id, meta);
  await expect(resendVerification(kv, user.id, meta)).rejects.toThrow(
    RateLimitedError,
  );
  const fresh = await linkToken(kv, user.email, "/verify-email");
  expect((await verifyEmail(kv, fresh, meta)).emailVerified).toBe(true);
});

Deno.test("login: right password gives a new session, wrong gives InvalidCredentials", async () => {
  using kv = await Deno.openKv(":memory:");
  const { user, sessionToken: first } = await newLearner(kv);
  const result = await login(
    kv,
    { email: " ADA@example.com", password: PASSWORD },
    meta,
  );
  expect(result).toMatchObject({ user: { id: user.id } });
  const second = (result as { sessionToken: string }).sessionToken;
  expect(second).not.toBe(first);
  expect(await authenticate(kv, second)).not.toBeNull();
  const wrong = await login(kv, {
    email: user.email,
    password: "not the password",
  }, meta).catch((e) => e);
  expect(wrong).toBeInstanceOf(InvalidCredentialsError);
  expect(wrong.message).toBe("Email or password is incorrect.");
  await expect(login(kv, { email: "", password: "" }, meta)).rejects.toThrow(
    ValidationError,
  );
  const { events } = await listSecurityEvents(kv, { userId: user.id });
  expect(events.slice(0, 2).map((e) => e.type)).toEqual([
    "login_failed",
    "login_succeeded",
  ]);
  expect(events[0]).toMatchObject({ ip: meta.ip, userAgent: meta.userAgent });
});

Deno.test("login with an unknown email verifies against the dummy hash and answers the same", async () => {
  using kv = await Deno.openKv(":memory:");
  const verified: string[] = [];
  const original = passwordHasher.verify;
  passwordHasher.verify = (password, hash) => {
    verified.push(hash);
    return original(password, hash);
  };
  try {
    const error = await login(kv, {
      email: "nobody@example.com",
      password: PASSWORD,
    }, meta).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(verified).toEqual([DUMMY_PASSWORD_HASH]);
  } finally {
    passwordHasher.verify = original;
  }
  const { events } = await listSecurityEvents(kv, { type: "login_failed" });
  expect(events[0]).toMatchObject({
    userId: null,
    details: { email: "nobody@example.com", reason: "unknown_email" },
  });
});

Deno.test("login is limited per IP (10/min) and per email (5/min)", async () => {
  using clock = useFakeClock();
  using kv = await Deno.openKv(":memory:");
  const attempt = (email: string, ip: string) =>
    login(kv, { email, password: "wrong password" }, { ...meta, ip });
  for (let i = 0; i < 5; i++) {
    await expect(attempt("a@example.com", "10.0.0.1")).rejects.toThrow(
      InvalidCredentialsError,
    );
  }
  await expect(attempt("a@example.com", "10.0.0.2")).rejects.toThrow(
    RateLimitedError,
  );
  for (let i = 0; i < 5; i++) {
    await expect(attempt(`u${i}@example.com`, "10.0.0.1")).rejects.toThrow(
      InvalidCredentialsError,
    );
  }
  const limited = await attempt("fresh@example.com", "10.0.0.1").catch((e) =>
    e
  );
  expect(limited).toBeInstanceOf(RateLimitedError);
  expect(limited.retryAfterSeconds).toBeGreaterThan(0);
  clock.advance(MINUTE);
  await expect(attempt("fresh@example.com", "10.0.0.1")).rejects.toThrow(
    InvalidCredentialsError,
  );
});

Deno.test("ten wrong passwords lock the account for 15 minutes and email the owner once", async () => {
  using clock = useFakeClock();
  using kv = await Deno.openKv(":memory:");
  const { user } = await newLearner(kv);
  const wrong = () =>
    login(kv, { email: user.email, password: "wrong password" }, meta);
  for (let i = 1; i <= 10; i++) {
    await expect(wrong()).rejects.toThrow(InvalidCredentialsError);
    if (i % 4 === 0) clock.advance(MINUTE); // stay under the per-email limit
  }
  // Locked now, even with the right password.
  const locked = await login(
    kv,
    { email: user.email, password: PASSWORD },
    meta,
  )
    .catch((e) => e);
  expect(locked).toBeInstanceOf(AccountLockedError);
  expect(locked.status).toBe(423);
  expect(locked.retryAfterSeconds).toBeGreaterThan(13 * 60);
  expect(locked.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
  await expect(wrong()).rejects.toThrow(AccountLockedError);
  const lockMails = (await listOutbox(kv, { to: user.email })).filter((m) =>
    /locked/.test(m.subject)
  );
  expect(lockMails).toHaveLength(1);
  expect(await eventTypes(kv, user.id)).toContain("account_locked");

  clock.advance(15 * MINUTE);
  await fullLogin(kv, user.email);
  // A success resets the count: nine more wrong ones do not lock.
  for (let i = 1; i <= 9; i++) {
    await expect(wrong()).rejects.toThrow(InvalidCredentialsError);
    if (i % 4 === 0) clock.advance(MINUTE);
  }
  clock.advance(MINUTE);
  await fullLogin(kv, user.email);
});

Deno.test("sessions end after 7 idle days or 30 days in all; lastSeenAt moves at most once a minute", async () => {
  using clock = useFakeClock(new Date("2030-01-01T00:00:00Z"));
  using kv = await Deno.openKv(":memory:");
  const { sessionToken } = await newLearner(kv);
  const seen = async () =>
    (await authenticate(kv, sessionToken))?.session.lastSeenAt;
  clock.advance(30_000);
  expect(await seen()).toBe("2030-01-01T00:00:00.000Z");
  clock.advance(31_000);
  expect(await seen()).toBe("2030-01-01T00:01:01.000Z");
  // Used every 6 days, it lives until the 30-day mark and not beyond.
  for (let day = 6; day < 30; day += 6) {
    clock.set(new Date(Date.UTC(2030, 0, 1 + day)));
    expect(await authenticate(kv, sessionToken)).not.toBeNull();
  }
  clock.set(new Date(Date.UTC(2030, 0, 31)));
  expect(await authenticate(kv, sessionToken)).toBeNull();

  const idle = await fullLogin(kv, "ada@example.com");
  clock.advance(7 * DAY - 1000);
  expect(await authenticate(kv, idle)).not.toBeNull();
  clock.advance(7 * DAY);
  expect(await authenticate(kv, idle)).toBeNull();
  expect(await authenticate(kv, "not-a-token")).toBeNull();
  expect(await authenticate(kv, null)).toBeNull();
});

Deno.test("logout ends the session; sessions list, describe and revoke only one's own", async () => {
  using kv = await Deno.openKv(":memory:");
  const { user, sessionToken: laptop } = await newLearner(kv);
  const phone = await fullLogin(kv, user.email, otherDevice);
  const { user: other } = await newLearner(kv, "eve@example.com");
  const sessions = await listSessions(kv, user.id, laptop);
  expect(sessions).toHaveLength(2);
  const current = sessions.find((s) => s.current)!;
  expect(current.device).toBe("Chrome on Linux");
  const phoneSession = sessions.find((s) => !s.current)!;
  expect(phoneSession).toMatchObject({
    device: "Firefox on macOS",
    ip: otherDevice.ip,
  });
  await expect(revokeSession(kv, other.id, phoneSession.id, meta)).rejects
    .toThrow(NotFoundError);
  expect(await authenticate(kv, phone)).not.toBeNull();
  await revokeSession(kv, user.id, phoneSession.id, meta);
  expect(await authenticate(kv, phone)).toBeNull();
  await logout(kv, laptop, meta);
  expect(await authenticate(kv, laptop)).toBeNull();
  expect(await listSessions(kv, user.id)).toEqual([]);
  expect(await eventTypes(kv, user.id)).toEqual(
    expect.arrayContaining(["session_revoked", "logout"]),
  );
});

Deno.test("rotateSession swaps the token and keeps the absolute expiry", async () => {
  using kv = await Deno.openKv(":memory:");
  const { sessionToken } = await newLearner(kv);
  const before = (await authenticate(kv, sessionToken))!.session;
  const rotated = await rotateSession(kv, sessionToken, meta);
  expect(await authenticate(kv, sessionToken)).toBeNull();
  const after = (await authenticate(kv, rotated))!.session;
  expect(after.id).not.toBe(before.id);
  expect(after.expiresAt).toBe(before.expiresAt);
  await expect(rotateSession(kv, sessionToken, meta)).rejects.toThrow(
    SessionExpiredError,
  );
});

Deno.test("password reset: a 30-minute single-use link that ends every session", async () => {
  using clock = useFakeClock(new Date("2030-01-01T00:00:00Z"));
  using kv = await Deno.openKv(":memory:");
  const { user, sessionToken } = await newLearner(kv);
  const other = await fullLogin(kv, user.email, otherDevice);
  // Unknown emails get the same (empty) answer and no email.
  await requestPasswordReset(kv, { email: "nobody@example.com" }, meta);
  expect(await listOutbox(kv, { to: "nobody@example.com" })).toEqual([]);

  await requestPasswordReset(kv, { email: "ADA@example.com" }, meta);
  const token = await linkToken(kv, user.email, "/reset-password");
  // A weak password does not use up the link.
  await expect(resetPassword(kv, { token, password: "qwertyuiop" }, meta))
    .rejects.toThrow(WeakPasswordError);
  const newPassword = "a brand new passphrase";
  const results = await Promise.allSettled([
    resetPassword(kv, { token, password: newPassword }, meta),
    resetPassword(kv, { token, password: "another new passphrase" }, meta),
  ]);
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  expect(await authenticate(kv, sessionToken)).toBeNull();
  expect(await authenticate(kv, other)).toBeNull();
  await expect(resetPassword(kv, { token, password: newPassword }, meta))
    .rejects.toThrow(InvalidTokenError);
  const winner = results.findIndex((r) => r.status === "fulfilled") === 0
    ? newPassword
    : "another new passphrase";
  await expect(login(kv, { email: user.email, password: PASSWORD }, meta))
    .rejects.toThrow(InvalidCredentialsError);
  expect(await login(kv, { email: user.email, password: winner }, meta))
    .toHaveProperty("sessionToken");
  expect(await eventTypes(kv, user.id)).toEqual(
    expect.arrayContaining(["password_reset_requested", "password_reset"]),
  );

  await requestPasswordReset(kv, { email: user.email }, meta);
  const late = await linkToken(kv, user.email, "/reset-password");
  clock.advance(30 * MINUTE + 1000);
  await expect(resetPassword(kv, { token: late, password: newPassword }, meta))
    .rejects.toThrow(InvalidTokenError);
  // Three requests an hour per email.
  await requestPasswordReset(kv, { email: user.email }, meta);
  await expect(requestPasswordReset(kv, { email: user.email }, meta)).rejects
    .toThrow(RateLimitedError);
});

Deno.test("changing the password needs the current one, ends other sessions and rotates this one", async () => {
  using kv = await Deno.openKv(":memory:");
  const { user, sessionToken } = await newLearner(kv);
  const other = await fullLogin(kv, user.email, otherDevice);
  const wrong = await changePassword(
    kv,
    user.id,
    {
      currentPassword: "not it at all",
      newPassword: "a brand new passphrase",
    },
    sessionToken,
    meta,
  ).catch((e) => e);
  expect(wrong).toBeInstanceOf(ValidationError);
  expect(wrong.fieldErrors.currentPassword).toBeDefined();
  await expect(
    changePassword(
      kv,
      user.id,
      {
        currentPassword: PASSWORD,
        newPassword: "short",
      },
      sessionToken,
      meta,
    ),
  ).rejects.toThrow(WeakPasswordError);

  const { sessionToken: rotated } = await changePassword(
    kv,
    user.id,
    {
      currentPassword: PASSWORD,
      newPassword: "a brand new passphrase",
    },
    sessionToken,
    meta,
  );
  expect(await authenticate(kv, other)).toBeNull();
  expect(await authenticate(kv, sessionToken)).toBeNull();
  expect((await authenticate(kv, rotated))?.user.id).toBe(user.id);
  expect(await listSessions(kv, user.id)).toHaveLength(1);
  expect((await listOutbox(kv, { to: user.email }))[0].subject).toMatch(
    /password was changed/,
  );
  expect(await eventTypes(kv, user.id)).toContain("password_changed");
});

Deno.test("changing the email: unique, unverified, notice to the old address, other sessions end", async () => {
  using kv = await Deno.openKv(":memory:");
  const { user, sessionToken } = await newLearner(kv);
  await newLearner(kv, "taken@example.com");
  const other = await fullLogin(kv, user.email, otherDevice);
  await verifyEmail(
    kv,
    await linkToken(kv, user.email, "/verify-email"),
    meta,
  );
  await expect(
    changeEmail(
      kv,
      user.id,
      {
        currentPassword: PASSWORD,
        newEmail: "Taken@example.com",
      },
      sessionToken,
      meta,
    ),
  ).rejects.toThrow(EmailTakenError);
  await expect(
    changeEmail(
      kv,
      user.id,
      {
        currentPassword: "wrong password",
        newEmail: "new@example.com",
      },
      sessionToken,
      meta,
    ),
  ).rejects.toThrow(ValidationError);
  const updated = await changeEmail(
    kv,
    user.id,
    {
      currentPassword: PASSWORD,
      newEmail: " New@Example.com",
    },
    sessionToken,
    meta,
  );
  expect(updated).toMatchObject({
    email: "new@example.com",
    emailVerified: false,
  });
  expect(await getUserByEmail(kv, "ada@example.com")).toBeNull();
  expect((await getUserByEmail(kv, "new@example.com"))?.id).toBe(user.id);
  expect(await authenticate(kv, sessionToken)).not.toBeNull();
  expect(await authenticate(kv, other)).toBeNull();
  expect((await listOutbox(kv, { to: "ada@example.com" }))[0].text).toMatch(
    /changed to new@example\.com/,
  );
  // The old address's verification link no longer verifies anything.
  const newLink = await linkToken(kv, "new@example.com", "/verify-email");
  expect((await verifyEmail(kv, newLink, meta)).emailVerified).toBe(true);
  expect(await eventTypes(kv, user.id)).toContain("email_changed");
});

Deno.test("updateProfile changes name and time zone, validating both", async () => {
  using kv = await Deno.openKv(":memory:");
  const { user } = await newLearner(kv);
  expect(
    await updateProfile(kv, user.id, {
      name: " Ada King ",
      timeZone: "Asia/Tokyo",
    }, meta),
  ).toMatchObject({ name: "Ada King", timeZone: "Asia/Tokyo" });
  await expect(updateProfile(kv, user.id, { timeZone: "Nowhere/City" }, meta))
    .rejects.toThrow(ValidationError);
  await expect(updateProfile(kv, "missing", { name: "X" }, meta)).rejects
    .toThrow(NotFoundError);
});

Deno.test("two-factor login: pending sessions cannot authenticate; codes work once; recovery codes single use", async () => {
  using clock = useFakeClock(new Date("2030-01-01T00:00:00Z"));
  using kv = await Deno.openKv(":memory:");
  const { user, sessionToken } = await newLearner(kv);
  const setup = await startTwoFactorSetup(kv, user.id);
  expect(setup.otpauthUrl).toContain(`secret=${setup.secret}`);
  expect(setup.qrSvg).toMatch(/^<svg/);
  await expect(enableTwoFactor(kv, user.id, { code: "000000" }, meta)).rejects
    .toThrow(InvalidCodeError);
  const enabled = await enableTwoFactor(
    kv,
    user.id,
    {
      code: await totpCode(setup.secret),
    },
    meta,
    sessionToken,
  );
  expect(enabled.recoveryCodes).toHaveLength(10);
  // Enabling is a privilege change: the session got a new token.
  expect(await authenticate(kv, sessionToken)).toBeNull();
  expect(await authenticate(kv, enabled.sessionToken!)).not.toBeNull();
  expect((await getUser(kv, user.id))?.twoFactorEnabled).toBe(true);
  // Only hashes of the recovery codes are stored.
  const stored = JSON.stringify(
    await Array.fromAsync(kv.list({ prefix: ["recovery_codes"] })),
  );
  expect(stored).not.toContain(enabled.recoveryCodes[0]);

  // A new rate-limit window for the two-factor attempts below.
  clock.advance(5 * MINUTE);
  const first = await login(
    kv,
    { email: user.email, password: PASSWORD },
    meta,
  );
  expect(first).toMatchObject({ twoFactorRequired: true });
  const pending = (first as { pendingToken: string }).pendingToken;
  expect(await authenticate(kv, pending)).toBeNull();
  await expect(rotateSession(kv, pending, meta)).rejects.toThrow(
    SessionExpiredError,
  );
  const wrong = await completeTwoFactorLogin(
    kv,
    pending,
    { code: "123456" },
    meta,
  )
    .catch((e) => e);
  expect(wrong).toBeInstanceOf(InvalidCodeError);
  expect(wrong.status).toBe(401);
  const code = await totpCode(setup.secret);
  const done = await completeTwoFactorLogin(kv, pending, { code }, meta);
  expect(done.user.id).toBe(user.id);
  expect(await authenticate(kv, done.sessionToken)).not.toBeNull();
  // The pending token is spent.
  await expect(completeTwoFactorLogin(kv, pending, { code }, meta)).rejects
    .toThrow(SessionExpiredError);

  // The same code (same time step) cannot be replayed on a new login.
  const second = await login(
    kv,
    { email: user.email, password: PASSWORD },
    meta,
  );
  const pending2 = (second as { pendingToken: string }).pendingToken;
  await expect(completeTwoFactorLogin(kv, pending2, { code }, meta)).rejects
    .toThrow(InvalidCodeError);
  // A recovery code works (any case, spaces), once.
  const recovery = enabled.recoveryCodes[3];
  const viaRecovery = await completeTwoFactorLogin(kv, pending2, {
    code: recovery.toUpperCase().replaceAll("-", " "),
  }, meta);
  expect(viaRecovery.user.id).toBe(user.id);
  clock.advance(60_000);
  const third = await login(
    kv,
    { email: user.email, password: PASSWORD },
    meta,
  );
  const pending3 = (third as { pendingToken: string }).pendingToken;
  await expect(completeTwoFactorLogin(kv, pending3, { code: recovery }, meta))
    .rejects.toThrow(InvalidCodeError);
  expect(await eventTypes(kv, user.id)).toEqual(
    expect.arrayContaining(["two_factor_enabled", "recovery_code_used"]),
  );

  // Pending logins expire after 5 minutes.
  clock.advance(5 * MINUTE + 1000);
  await expect(
    completeTwoFactorLogin(kv, pending3, {
      code: await totpCode(setup.secret),
    }, meta),
  ).rejects.toThrow(SessionExpiredError);
});

Deno.test("two-factor attempts are limited to 5 per 5 minutes per user", async () => {
  using kv = await Deno.openKv(":memory:");
  const { user } = await newLearner(kv);
  const { secret } = await turnOnTwoFactor(kv, user.id);
  const { pendingToken } = await login(kv, {
    email: user.email,
    password: PASSWORD,
  }, meta) as { pendingToken: string };
  // The enable step took one of the five.
  for (let i = 0; i < 4; i++) {
    await expect(
      completeTwoFactorLogin(kv, pendingToken, { code: "000000" }, meta),
    ).rejects.toThrow(InvalidCodeError);
  }
  await expect(
    completeTwoFactorLogin(kv, pendingToken, {
      code: await totpCode(secret),
    }, meta),
  ).rejects.toThrow(RateLimitedError);
});

Deno.test("disabling two-factor auth needs the password and a code", async () => {
  using clock = useFakeClock();
  using kv = await Deno.openKv(":memory:");
  const { user } = await newLearner(kv);
  const { secret } = await turnOnTwoFactor(kv, user.id);
  clock.advance(60_000);
  await expect(
    disableTwoFactor(kv, user.id, {
      password: "wrong password",
      code: await totpCode(secret),
    }, meta),
  ).rejects.toThrow(ValidationError);
  await expect(
    disableTwoFactor(kv, user.id, { password: PASSWORD, code: "000000" }, meta),
  ).rejects.toThrow(InvalidCodeError);
  await disableTwoFactor(kv, user.id, {
    password: PASSWORD,
    code: await totpCode(secret),
  }, meta);
  expect((await getUser(kv, user.id))?.twoFactorEnabled).toBe(false);
  expect(await Array.fromAsync(kv.list({ prefix: ["recovery_codes"] })))
    .toEqual([]);
  expect(await login(kv, { email: user.email, password: PASSWORD }, meta))
    .toHaveProperty("sessionToken");
  expect(await eventTypes(kv, user.id)).toContain("two_factor_disabled");
});

Deno.test("suspension ends sessions at once and blocks login until reactivated; admins need 2FA", async () => {
  using kv = await Deno.openKv(":memory:");
  expect(
    await ensureAdmin(kv, {
      email: "Root@Example.com",
      password: "admin passphrase 1",
    }),
  ).toEqual({ created: true });
  const admin = (await getUserByEmail(kv, "root@example.com"))!;
  expect(admin).toMatchObject({ role: "admin", emailVerified: true });
  const { user, sessionToken } = await newLearner(kv);
  const other = await fullLogin(kv, user.email, otherDevice);

  await expect(suspendUser(kv, admin.id, user.id, meta)).rejects.toThrow(
    TwoFactorRequiredError,
  );
  await expect(suspendUser(kv, user.id, admin.id, meta)).rejects.toThrow(
    ForbiddenError,
  );
  await turnOnTwoFactor(kv, admin.id);
  await expect(suspendUser(kv, admin.id, admin.id, meta)).rejects.toThrow(
    ConflictError,
  );
  const suspended = await suspendUser(kv, admin.id, user.id, meta);
  expect(suspended.status).toBe("suspended");
  expect(await authenticate(kv, sessionToken)).toBeNull();
  expect(await authenticate(kv, other)).toBeNull();
  expect(
    await Array.fromAsync(kv.list({ prefix: ["sessions_by_user", user.id] })),
  )
    .toEqual([]);
  const refused = await login(
    kv,
    { email: user.email, password: PASSWORD },
    meta,
  )
    .catch((e) => e);
  expect(refused).toBeInstanceOf(AccountSuspendedError);
  expect(refused.status).toBe(423);
  // A wrong password does not reveal the suspension.
  await expect(
    login(kv, { email: user.email, password: "wrong password" }, meta),
  ).rejects.toThrow(InvalidCredentialsError);

  const { events } = await listSecurityEvents(kv, {
    type: "user_suspended",
    userId: user.id,
  });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ actorId: admin.id, ip: meta.ip });
  expect(
    (await listSecurityEvents(kv, {
      actorId: admin.id,
      type: "user_suspended",
    }))
      .events,
  ).toHaveLength(1);

  await reactivateUser(kv, admin.id, user.id, meta);
  expect(await login(kv, { email: user.email, password: PASSWORD }, meta))
    .toHaveProperty("sessionToken");
});

Deno.test("ensureAdmin never takes over an existing account", async () => {
  using kv = await Deno.openKv(":memory:");
  const { user } = await newLearner(kv);
  const result = await ensureAdmin(kv, {
    email: user.email,
    password: "admin passphrase 1",
  });
  expect(result.created).toBe(false);
  expect(result.reason).toMatch(/learner/);
  expect((await getUser(kv, user.id))?.role).toBe("learner");
  await ensureAdmin(kv, {
    email: "root@example.com",
    password: "admin passphrase 1",
  });
  expect(
    await ensureAdmin(kv, {
      email: "root@example.com",
      password: "admin passphrase 1",
    }),
  ).toEqual({ created: false });
  await expect(
    ensureAdmin(kv, { email: "x@example.com", password: "password123" }),
  ).rejects.toThrow(WeakPasswordError);
});

Deno.test("listUsers searches name and email, filters role and status, pages with a cursor", async () => {
  using kv = await Deno.openKv(":memory:");
  const names = ["Grace Hopper", "Alan Turing", "Grace Kelly"];
  for (const [i, name] of names.entries()) {
    await signup(kv, {
      email: `user${i}@example.com`,
      password: PASSWORD,
      name,
      role: i === 1 ? "expert" : "learner",
    }, { ...meta, ip: `10.0.0.${i}` });
  }
  const grace = await listUsers(kv, { q: "GRACE" });
  expect(grace.users.map((u) => u.name)).toEqual([
    "Grace Kelly",
    "Grace Hopper",
  ]);
  expect((await listUsers(kv, { q: "user1@" })).users[0].name).toBe(
    "Alan Turing",
  );
  expect((await listUsers(kv, { role: "expert" })).users.map((u) => u.name))
    .toEqual(["Alan Turing"]);
  expect((await listUsers(kv, { status: "suspended" })).users).toEqual([]);
  const page = await listUsers(kv, { limit: 2 });
  expect(page.users).toHaveLength(2);
  const rest = await listUsers(kv, { limit: 2, cursor: page.nextCursor! });
  expect(rest.users.map((u) => u.name)).toEqual(["Grace Hopper"]);
  expect(rest.nextCursor).toBeNull();
  await expect(listUsers(kv, { role: "root" as "admin" })).rejects.toThrow(
    ValidationError,
  );
  await expect(listUsers(kv, { cursor: "bogus" })).rejects.toThrow(
    ValidationError,
  );
});

Deno.test("security events list newest first with filters and paging", async () => {
  using kv = await Deno.openKv(":memory:");
  const { user, sessionToken } = await newLearner(kv);
  await logout(kv, sessionToken, meta);
  await fullLogin(kv, user.email, otherDevice);
  const all = await listSecurityEvents(kv, { userId: user.id, limit: 2 });
  expect(all.events.map((e) => e.type)).toEqual(["login_succeeded", "logout"]);
  expect(all.events[0]).toMatchObject({
    ip: otherDevice.ip,
    userAgent: otherDevice.userAgent,
  });
  const next = await listSecurityEvents(kv, {
    userId: user.id,
    limit: 2,
    cursor: all.nextCursor!,
  });
  expect(next.events.map((e) => e.type)).toEqual(["signup"]);
  expect(next.nextCursor).toBeNull();
  expect((await listSecurityEvents(kv, { type: "logout" })).events)
    .toHaveLength(
      1,
    );
  await expect(
    listSecurityEvents(kv, { type: "nonsense" as "logout" }),
  ).rejects.toThrow(ValidationError);
});

Deno.test("an id too long to be a KV key names no user instead of failing", async () => {
  using kv = await Deno.openKv(":memory:");
  const id = "x".repeat(3000);
  expect(await getUser(kv, id)).toBeNull();
});

Deno.test("changeUserRole moves learner ↔ expert, ends sessions, updates the role index and logs role_changed", async () => {
  using kv = await Deno.openKv(":memory:");
  await ensureAdmin(kv, {
    email: "root@example.com",
    password: "admin passphrase 1",
  });
  const admin = (await getUserByEmail(kv, "root@example.com"))!;
  const { user, sessionToken } = await newLearner(kv);
  const other = await fullLogin(kv, user.email, otherDevice);

  // Only a 2FA admin may do it.
  await expect(changeUserRole(kv, admin.id, user.id, "expert", meta)).rejects
    .toThrow(TwoFactorRequiredError);
  await expect(changeUserRole(kv, user.id, user.id, "expert", meta)).rejects
    .toThrow(ForbiddenError);
  expect(await authenticate(kv, sessionToken)).not.toBeNull();
  await turnOnTwoFactor(kv, admin.id);

  const changed = await changeUserRole(kv, admin.id, user.id, "expert", meta);
  expect(changed).toMatchObject({ id: user.id, role: "expert" });
  expect((await getUser(kv, user.id))?.role).toBe("expert");
  expect((await listUsers(kv, { role: "expert" })).users.map((u) => u.id))
    .toEqual([user.id]);
  expect((await listUsers(kv, { role: "learner" })).users).toEqual([]);
  // A privilege change: every session ends; a new login carries the new role.
  expect(await authenticate(kv, sessionToken)).toBeNull();
  expect(await authenticate(kv, other)).toBeNull();
  expect(
    await Array.fromAsync(kv.list({ prefix: ["sessions_by_user", user.id] })),
  ).toEqual([]);
  const fresh = await fullLogin(kv, user.email);
  expect((await authenticate(kv, fresh))?.user.role).toBe("expert");

  const { events } = await listSecurityEvents(kv, {
    type: "role_changed",
    userId: user.id,
  });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    actorId: admin.id,
    ip: meta.ip,
    details: { from: "learner", to: "expert" },
  });

  // The same role again changes nothing: no event, the session survives.
  expect(await changeUserRole(kv, admin.id, user.id, "expert", meta))
    .toMatchObject({ role: "expert" });
  expect(await authenticate(kv, fresh)).not.toBeNull();
  expect(
    (await listSecurityEvents(kv, { type: "role_changed" })).events,
  ).toHaveLength(1);

  // And back again.
  await changeUserRole(kv, admin.id, user.id, "learner", meta);
  expect((await listUsers(kv, { role: "learner" })).users.map((u) => u.id))
    .toEqual([user.id]);
  expect((await listUsers(kv, { role: "expert" })).users).toEqual([]);
  const back = await listSecurityEvents(kv, { type: "role_changed" });
  expect(back.events[0].details).toEqual({ from: "expert", to: "learner" });
});

Deno.test("changeUserRole never makes or unmakes an admin, nor touches the actor", async () => {
  using kv = await Deno.openKv(":memory:");
  for (const email of ["root@example.com", "second@example.com"]) {
    await ensureAdmin(kv, { email, password: "admin passphrase 1" });
  }
  const admin = (await getUserByEmail(kv, "root@example.com"))!;
  const otherAdmin = (await getUserByEmail(kv, "second@example.com"))!;
  await turnOnTwoFactor(kv, admin.id);
  const { user } = await newLearner(kv);

  const toAdmin = await changeUserRole(
    kv,
    admin.id,
    user.id,
    "admin" as "expert",
    meta,
  ).catch((e) => e);
  expect(toAdmin).toBeInstanceOf(ValidationError);
  expect(toAdmin.fieldErrors.role).toHaveLength(1);
  await expect(changeUserRole(kv, admin.id, otherAdmin.id, "learner", meta))
    .rejects.toThrow(ConflictError);
  await expect(changeUserRole(kv, admin.id, admin.id, "expert", meta)).rejects
    .toThrow(ConflictError);
  await expect(changeUserRole(kv, admin.id, "nobody", "expert", meta)).rejects
    .toThrow(NotFoundError);
  expect((await getUser(kv, otherAdmin.id))?.role).toBe("admin");
  expect((await getUser(kv, user.id))?.role).toBe("learner");
  expect((await listSecurityEvents(kv, { type: "role_changed" })).events)
    .toEqual([]);
});

Deno.test("two admins changing one role at once log a single role_changed", async () => {
  using kv = await Deno.openKv(":memory:");
  const admins = [];
  for (const email of ["root@example.com", "second@example.com"]) {
    await ensureAdmin(kv, { email, password: "admin passphrase 1" });
    const admin = (await getUserByEmail(kv, email))!;
    await turnOnTwoFactor(kv, admin.id);
    admins.push(admin);
  }
  const { user } = await newLearner(kv);
  const results = await Promise.all(
    admins.map((admin) =>
      changeUserRole(kv, admin.id, user.id, "expert", meta)
    ),
  );
  expect(results.map((u) => u.role)).toEqual(["expert", "expert"]);
  expect((await listSecurityEvents(kv, { type: "role_changed" })).events)
    .toHaveLength(1);
  expect((await listUsers(kv, { role: "learner" })).users).toEqual([]);
});
