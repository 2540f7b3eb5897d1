import { expect } from "expect";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { authenticate } from "./account_sessions.ts";
import {
  InvalidCredentialsError,
  InvalidTokenError,
  RateLimitedError,
  WeakPasswordError,
} from "./errors.ts";
import { changePassword } from "./account_changes.ts";
import { login } from "./login.ts";
import {
  requestPasswordReset,
  resetAnswerDelay,
  resetPassword,
} from "./password_reset.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import {
  eventTypes,
  fullLogin,
  linkToken,
  meta,
  MINUTE,
  newLearner,
  otherDevice,
  PASSWORD,
} from "./test_support.ts";

Deno.test("password reset: a 30-minute single-use link that ends every session", async () => {
  using clock = useFakeClock(new Date("2030-01-01T00:00:00Z"));
  using kv = await openTestKv();
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

Deno.test("a reset or a password change ends every other outstanding reset link", async () => {
  using kv = await openTestKv();
  const { user } = await newLearner(kv);
  await requestPasswordReset(kv, { email: user.email }, meta);
  const first = await linkToken(kv, user.email, "/reset-password");
  await requestPasswordReset(kv, { email: user.email }, meta);
  const second = await linkToken(kv, user.email, "/reset-password");
  expect(second).not.toBe(first);

  await resetPassword(
    kv,
    { token: second, password: "a brand new passphrase" },
    meta,
  );
  await expect(
    resetPassword(
      kv,
      { token: first, password: "sneaky other passphrase" },
      meta,
    ),
  ).rejects.toThrow(InvalidTokenError);

  // A change made while signed in does the same.
  await requestPasswordReset(kv, { email: user.email }, otherDevice);
  const third = await linkToken(kv, user.email, "/reset-password");
  await changePassword(
    kv,
    user.id,
    {
      currentPassword: "a brand new passphrase",
      newPassword: "yet another passphrase",
    },
    null,
    meta,
  );
  await expect(
    resetPassword(
      kv,
      { token: third, password: "sneaky other passphrase" },
      meta,
    ),
  ).rejects.toThrow(InvalidTokenError);
});

Deno.test("asking for a reset link takes the same time with or without an account", async () => {
  using kv = await openTestKv();
  const { user } = await newLearner(kv);
  const timed = async (email: string, ip: string) => {
    const started = performance.now();
    await requestPasswordReset(kv, { email }, { ...meta, ip });
    return performance.now() - started;
  };
  const known = await timed(user.email, "192.0.2.1");
  const unknown = await timed("nobody@example.com", "192.0.2.2");
  // Both answer at the same fixed time after the lookup, not after the work.
  expect(unknown).toBeGreaterThanOrEqual(resetAnswerDelay.ms - 5);
  expect(known).toBeGreaterThanOrEqual(resetAnswerDelay.ms - 5);
  expect(Math.abs(known - unknown)).toBeLessThan(resetAnswerDelay.ms / 2);
  const { events } = await listSecurityEvents(kv, {
    type: "password_reset_requested",
  });
  expect(events.map((e) => e.userId)).toEqual(
    expect.arrayContaining([user.id, null]),
  );
});
