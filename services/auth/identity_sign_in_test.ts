import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  confirmAccountPassword,
  createAccountWithIdentity,
  hasPassword,
  signInWithIdentity,
} from "./identity_sign_in.ts";
import { authenticate } from "./account_sessions.ts";
import { login } from "./login.ts";
import { EmailTakenError, InvalidCredentialsError } from "./errors.ts";
import { meta, newLearner, PASSWORD, turnOnTwoFactor } from "./test_support.ts";

Deno.test("an identity account is verified, has no password, and is signed in", async () => {
  await using kv = await openTestKv();
  const { user, sessionToken } = await createAccountWithIdentity(
    kv,
    {
      email: "grace@example.com",
      name: "Grace Hopper",
      role: "learner",
    },
    "google",
    meta,
  );
  expect(user.emailVerified).toBe(true);
  expect((await authenticate(kv, sessionToken))?.user.id).toBe(user.id);
  expect(await hasPassword(kv, user.id)).toBe(false);
  // No password, not even an empty one, signs in to it.
  await expect(login(kv, { email: "grace@example.com", password: "x" }, meta))
    .rejects.toBeInstanceOf(InvalidCredentialsError);
  await expect(createAccountWithIdentity(
    kv,
    {
      email: "grace@example.com",
      name: "Grace",
      role: "learner",
    },
    "linkedin",
    meta,
  )).rejects.toBeInstanceOf(EmailTakenError);
});

Deno.test("signing in with an identity still asks for the second factor", async () => {
  await using kv = await openTestKv();
  const { user } = await newLearner(kv);
  const plain = await signInWithIdentity(kv, user.id, "google", meta);
  expect("sessionToken" in plain).toBe(true);
  await turnOnTwoFactor(kv, user.id);
  const second = await signInWithIdentity(kv, user.id, "google", meta);
  expect("twoFactorRequired" in second).toBe(true);
  expect(await hasPassword(kv, user.id)).toBe(true);
  await confirmAccountPassword(kv, user.id, PASSWORD);
  await expect(confirmAccountPassword(kv, user.id, "wrong password here"))
    .rejects.toThrow("incorrect");
});
