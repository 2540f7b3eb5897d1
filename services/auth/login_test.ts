import { expect } from "expect";
import { ValidationError } from "@/services/platform/errors.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { authenticate, rotateSession } from "./account_sessions.ts";
import {
  AccountLockedError,
  InvalidCodeError,
  InvalidCredentialsError,
  RateLimitedError,
  SessionExpiredError,
} from "./errors.ts";
import { completeTwoFactorLogin, login } from "./login.ts";
import { DUMMY_PASSWORD_HASH, passwordHasher } from "./passwords.ts";
import {
  eventTypes,
  fullLogin,
  meta,
  MINUTE,
  newLearner,
  PASSWORD,
  turnOnTwoFactor,
} from "./test_support.ts";
import { totpCode } from "./totp.ts";
import { enableTwoFactor, startTwoFactorSetup } from "./two_factor.ts";
import { getUser } from "./users.ts";

Deno.test("login: right password gives a new session, wrong gives InvalidCredentials", async () => {
  using kv = await openTestKv();
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
  using kv = await openTestKv();
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
  using kv = await openTestKv();
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
  using kv = await openTestKv();
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

Deno.test("two-factor login: pending sessions cannot authenticate; codes work once; recovery codes single use", async () => {
  using clock = useFakeClock(new Date("2030-01-01T00:00:00Z"));
  using kv = await openTestKv();
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

Deno.test("wrong two-factor codes are limited to 5 per 5 minutes per user", async () => {
  using kv = await openTestKv();
  const { user } = await newLearner(kv);
  const { secret } = await turnOnTwoFactor(kv, user.id);
  const { pendingToken } = await login(kv, {
    email: user.email,
    password: PASSWORD,
  }, meta) as { pendingToken: string };
  // The right code that turned it on is not counted.
  for (let i = 0; i < 5; i++) {
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
