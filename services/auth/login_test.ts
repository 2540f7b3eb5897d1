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
import { loginDelay } from "./login_throttle.ts";
import { DUMMY_PASSWORD_HASH, passwordHasher } from "./passwords.ts";
import {
  eventTypes,
  fullLogin,
  meta,
  MINUTE,
  newLearner,
  otherDevice,
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

/** Skips the progressive wait, keeping what was asked for. */
function recordWaits(): { waits: number[] } & Disposable {
  const original = loginDelay.wait;
  const waits: number[] = [];
  loginDelay.wait = (ms) => {
    waits.push(ms);
    return Promise.resolve();
  };
  return {
    waits,
    [Symbol.dispose]: () => {
      loginDelay.wait = original;
    },
  };
}

Deno.test("login is limited per source (10/min) and per email and source (5 wrong)", async () => {
  using clock = useFakeClock();
  using _waits = recordWaits();
  using kv = await openTestKv();
  const attempt = (email: string, ip: string) =>
    login(kv, { email, password: "wrong password" }, { ...meta, ip });
  for (let i = 0; i < 5; i++) {
    await expect(attempt("a@example.com", "10.0.0.1")).rejects.toThrow(
      InvalidCredentialsError,
    );
  }
  // That pair is limited; the same email from elsewhere is not.
  await expect(attempt("a@example.com", "10.0.0.1")).rejects.toThrow(
    RateLimitedError,
  );
  await expect(attempt("a@example.com", "10.0.0.2")).rejects.toThrow(
    InvalidCredentialsError,
  );
  for (let i = 0; i < 4; i++) {
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

/** Ten wrong passwords for `email`, each from its own address. */
async function strangersGuess(kv: Deno.Kv, email: string) {
  const statuses: string[] = [];
  for (let i = 1; i <= 10; i++) {
    const error = await login(kv, { email, password: `guess ${i}` }, {
      ...otherDevice,
      ip: `198.51.100.${i}`,
    }).catch((e) => e);
    statuses.push(error.constructor.name);
  }
  return statuses;
}

Deno.test("strangers' wrong passwords lock strangers out, never the owner's known device or address", async () => {
  using clock = useFakeClock();
  using waits = recordWaits();
  using kv = await openTestKv();
  const { user } = await newLearner(kv);
  // The owner signed in before from this address and this browser.
  const first = await login(kv, { email: user.email, password: PASSWORD }, {
    ...meta,
    ip: "203.0.113.5",
  }, { deviceToken: null });
  const deviceToken = first.deviceToken!;
  expect(deviceToken).toMatch(/^[\w-]{43}$/);

  const statuses = await strangersGuess(kv, user.email);
  expect(new Set(statuses)).toEqual(new Set(["InvalidCredentialsError"]));
  // Later guesses from unknown sources were slowed down, progressively.
  expect(waits.waits.length).toBeGreaterThan(3);
  expect(waits.waits).toEqual([...waits.waits].sort((a, b) => a - b));

  // Unknown sources are locked out now, even with the right password…
  const locked = await login(kv, { email: user.email, password: PASSWORD }, {
    ...otherDevice,
    ip: "198.51.100.99",
  }).catch((e) => e);
  expect(locked).toBeInstanceOf(AccountLockedError);
  expect(locked.retryAfterSeconds).toBeGreaterThan(13 * 60);
  expect(locked.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
  const lockMails = (await listOutbox(kv, { to: user.email })).filter((m) =>
    /locked/.test(m.subject)
  );
  expect(lockMails).toHaveLength(1);
  expect(await eventTypes(kv, user.id)).toContain("account_locked");

  // …but the owner's browser (from anywhere) and address still get in.
  expect(
    await login(kv, { email: user.email, password: PASSWORD }, {
      ...otherDevice,
      ip: "192.0.2.77",
    }, { deviceToken }),
  ).toHaveProperty("sessionToken");
  expect(
    await login(kv, { email: user.email, password: PASSWORD }, {
      ...meta,
      ip: "203.0.113.5",
    }),
  ).toHaveProperty("sessionToken");

  clock.advance(15 * MINUTE);
  await fullLogin(kv, user.email, { ...otherDevice, ip: "192.0.2.200" });
});

Deno.test("an email without an account is limited and locked exactly like one with an account", async () => {
  using _clock = useFakeClock();
  using _waits = recordWaits();
  using kv = await openTestKv();
  const { user } = await newLearner(kv);
  const known = await strangersGuess(kv, user.email);
  const unknown = await strangersGuess(kv, "nobody@example.com");
  expect(unknown).toEqual(known);
  const answer = (email: string) =>
    login(kv, { email, password: PASSWORD }, {
      ...otherDevice,
      ip: "198.51.100.99",
    }).catch((e) => [e.constructor.name, e.status, e.retryAfterSeconds]);
  expect(await answer("nobody@example.com")).toEqual(
    await answer(user.email),
  );
  expect(await answer("nobody@example.com")).toContain(423);
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
