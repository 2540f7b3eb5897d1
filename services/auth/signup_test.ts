import { expect } from "expect";
import { ValidationError } from "@/services/platform/errors.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import {
  NAME_MAX_LENGTH,
  TIME_ZONE_MESSAGE,
} from "@/services/platform/model.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { authenticate } from "./account_sessions.ts";
import {
  EmailTakenError,
  RateLimitedError,
  WeakPasswordError,
} from "./errors.ts";
import { signup, signupInputSchema } from "./signup.ts";
import { meta, newLearner, PASSWORD } from "./test_support.ts";
import { getUserByEmail } from "./users.ts";

Deno.test("signup creates a learner, a session, a verification email and an audit event", async () => {
  using kv = await openTestKv();
  const { user, sessionToken } = await signup(kv, {
    acceptTerms: true,
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
  // The user's id, then 32 random bytes.
  expect(sessionToken).toBe(`${user.id}.${sessionToken!.split(".")[1]}`);
  expect(sessionToken!.split(".")[1]).toMatch(/^[\w-]{43}$/);
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
  using kv = await openTestKv();
  await newLearner(kv);
  await expect(newLearner(kv, "ADA@example.com")).rejects.toThrow(
    EmailTakenError,
  );
  const invalid = await signup(kv, {
    acceptTerms: true,
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
    acceptTerms: true,
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
  using kv = await openTestKv();
  // A taken email still counts as an attempt, and costs no hashing.
  await newLearner(kv);
  for (let i = 0; i < 4; i++) {
    await expect(newLearner(kv)).rejects.toThrow(EmailTakenError);
  }
  await expect(newLearner(kv, "new@example.com")).rejects.toThrow(
    RateLimitedError,
  );
});

Deno.test("sign-up follows the shared rules: names up to 100 characters, canonical time zones", async () => {
  using kv = await openTestKv();
  const input = {
    acceptTerms: true as const,
    email: "grace@example.com",
    password: PASSWORD,
    name: "G".repeat(NAME_MAX_LENGTH),
    role: "expert" as const,
    timeZone: "Asia/Calcutta",
  };
  // The schema the API reuses says the same as the flow.
  expect(signupInputSchema.safeParse(input).success).toBe(true);
  expect(
    signupInputSchema.safeParse({ ...input, name: "G".repeat(101) }).success,
  ).toBe(false);
  const tooLong = await signup(kv, {
    ...input,
    name: "G".repeat(NAME_MAX_LENGTH + 1),
  }, meta).catch((e) => e);
  expect(tooLong).toBeInstanceOf(ValidationError);
  expect(tooLong.fieldErrors).toEqual({
    name: [`Use at most ${NAME_MAX_LENGTH} characters.`],
  });
  const est = await signup(kv, { ...input, timeZone: "EST" }, meta).catch((
    e,
  ) => e);
  expect(est.fieldErrors).toEqual({ timeZone: [TIME_ZONE_MESSAGE] });
  const { user } = await signup(kv, input, meta);
  expect(user).toMatchObject({
    name: "G".repeat(NAME_MAX_LENGTH),
    timeZone: "Asia/Kolkata",
  });
});
