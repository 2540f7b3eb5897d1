import { expect } from "expect";
import { ValidationError } from "@/services/platform/errors.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { InvalidCodeError } from "./errors.ts";
import { completeTwoFactorLogin, login } from "./login.ts";
import {
  eventTypes,
  meta,
  newLearner,
  PASSWORD,
  turnOnTwoFactor,
} from "./test_support.ts";
import { totpCode } from "./totp.ts";
import { disableTwoFactor } from "./two_factor.ts";
import { getUser } from "./users.ts";
import { sealStoredTotpSecrets } from "./totp_sealing.ts";

Deno.test("disabling two-factor auth needs the password and a code", async () => {
  using clock = useFakeClock();
  using kv = await openTestKv();
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

Deno.test("the two-factor attempt limit counts wrong codes only", async () => {
  using clock = useFakeClock(new Date("2030-01-01T00:00:00Z"));
  using kv = await openTestKv();
  const { user } = await newLearner(kv);
  const { secret, recoveryCodes } = await turnOnTwoFactor(kv, user.id);
  const pending = async () =>
    (await login(kv, { email: user.email, password: PASSWORD }, meta) as {
      pendingToken: string;
    }).pendingToken;
  const first = await pending();
  await expect(completeTwoFactorLogin(kv, first, { code: "000000" }, meta))
    .rejects.toThrow(InvalidCodeError);
  for (let i = 0; i < 4; i++) {
    clock.advance(31_000);
    const token = i === 0 ? first : await pending();
    await completeTwoFactorLogin(kv, token, {
      code: await totpCode(secret),
    }, meta);
  }
  clock.advance(31_000);
  expect(
    await completeTwoFactorLogin(kv, await pending(), {
      code: recoveryCodes[0],
    }, meta),
  ).toHaveProperty("sessionToken");
  clock.advance(31_000);
  await disableTwoFactor(kv, user.id, {
    password: PASSWORD,
    code: await totpCode(secret),
  }, meta);
  expect((await getUser(kv, user.id))?.twoFactorEnabled).toBe(false);
});

Deno.test("TOTP secrets are sealed at rest; older plaintext ones still work and are sealed at start", async () => {
  using clock = useFakeClock();
  using kv = await openTestKv();
  const { user } = await newLearner(kv);
  const { secret } = await turnOnTwoFactor(kv, user.id);
  const storedSecret = async () =>
    (await kv.get<{ totpSecret: string }>(["users", user.id])).value!
      .totpSecret;
  expect(await storedSecret()).not.toBe(secret);
  expect(await storedSecret()).toMatch(/^v1\./);
  const signIn = async () => {
    clock.advance(60_000);
    const first = await login(
      kv,
      { email: user.email, password: PASSWORD },
      meta,
    );
    const pending = (first as { pendingToken: string }).pendingToken;
    const code = await totpCode(secret);
    return await completeTwoFactorLogin(kv, pending, { code }, meta);
  };
  expect((await signIn()).user.id).toBe(user.id);

  // A record from before sealing: plaintext still signs in, then is sealed.
  const record = (await kv.get<Record<string, unknown>>(["users", user.id]))
    .value!;
  await kv.set(["users", user.id], { ...record, totpSecret: secret });
  expect((await signIn()).user.id).toBe(user.id);
  expect((await sealStoredTotpSecrets(kv)).migrated).toBe(1);
  expect((await sealStoredTotpSecrets(kv)).migrated).toBe(0);
  expect(await storedSecret()).toMatch(/^v1\./);
  expect((await signIn()).user.id).toBe(user.id);
});
