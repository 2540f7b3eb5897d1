import { expect } from "expect";
import { NotFoundError, ValidationError } from "@/services/platform/errors.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import {
  NAME_MAX_LENGTH,
  TIME_ZONE_MESSAGE,
} from "@/services/platform/model.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  changeEmail,
  changePassword,
  updateProfile,
} from "./account_changes.ts";
import { authenticate, listSessions } from "./account_sessions.ts";
import { verifyEmail } from "./email_verification.ts";
import {
  EmailTakenError,
  InvalidTokenError,
  WeakPasswordError,
} from "./errors.ts";
import {
  eventTypes,
  fullLogin,
  linkToken,
  meta,
  newLearner,
  otherDevice,
  PASSWORD,
} from "./test_support.ts";
import { getUser, getUserByEmail } from "./users.ts";

Deno.test("changing the password needs the current one, ends other sessions and rotates this one", async () => {
  using kv = await openTestKv();
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

Deno.test("changing the email: unique, applied only once the new address is verified, other sessions end", async () => {
  using kv = await openTestKv();
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
  // Until the new address is confirmed, the account keeps the old one.
  expect(updated).toMatchObject({
    email: "ada@example.com",
    pendingEmail: "new@example.com",
  });
  expect((await getUserByEmail(kv, "ada@example.com"))?.id).toBe(user.id);
  expect(await getUserByEmail(kv, "new@example.com")).toBeNull();
  expect(await authenticate(kv, sessionToken)).not.toBeNull();
  expect(await authenticate(kv, other)).toBeNull();
  expect((await listOutbox(kv, { to: "ada@example.com" }))[0].text).toMatch(
    /new@example\.com/,
  );
  // A typo'd address changes nothing: a second request replaces the first,
  // whose link then confirms nothing.
  const typoLink = await linkToken(kv, "new@example.com", "/verify-email");
  await changeEmail(
    kv,
    user.id,
    {
      currentPassword: PASSWORD,
      newEmail: "newer@example.com",
    },
    sessionToken,
    meta,
  );
  await expect(verifyEmail(kv, typoLink, meta)).rejects.toThrow(
    InvalidTokenError,
  );
  expect((await getUser(kv, user.id))?.email).toBe("ada@example.com");

  const link = await linkToken(kv, "newer@example.com", "/verify-email");
  const confirmed = await verifyEmail(kv, link, meta);
  expect(confirmed).toMatchObject({
    email: "newer@example.com",
    emailVerified: true,
  });
  expect(confirmed.pendingEmail).toBeUndefined();
  expect(await getUserByEmail(kv, "ada@example.com")).toBeNull();
  expect((await getUserByEmail(kv, "newer@example.com"))?.id).toBe(user.id);
  expect((await listOutbox(kv, { to: "ada@example.com" }))[0].text).toMatch(
    /changed to newer@example\.com/,
  );
  expect(await eventTypes(kv, user.id)).toContain("email_changed");
});

Deno.test("a pending email that someone else takes first is not applied", async () => {
  using kv = await openTestKv();
  const { user, sessionToken } = await newLearner(kv);
  await changeEmail(
    kv,
    user.id,
    {
      currentPassword: PASSWORD,
      newEmail: "new@example.com",
    },
    sessionToken,
    meta,
  );
  const link = await linkToken(kv, "new@example.com", "/verify-email");
  await newLearner(kv, "new@example.com");
  await expect(verifyEmail(kv, link, meta)).rejects.toThrow(EmailTakenError);
  expect((await getUser(kv, user.id))?.email).toBe("ada@example.com");
});

Deno.test("updateProfile changes name and time zone, validating both", async () => {
  using kv = await openTestKv();
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

Deno.test("updateProfile refuses a zone abbreviation with the model's message and stores canonical names", async () => {
  using kv = await openTestKv();
  const { user } = await newLearner(kv);
  const refused = await updateProfile(kv, user.id, { timeZone: "EST" }, meta)
    .catch((e) => e);
  expect(refused).toBeInstanceOf(ValidationError);
  expect(refused.fieldErrors).toEqual({ timeZone: [TIME_ZONE_MESSAGE] });
  expect((await getUser(kv, user.id))?.timeZone).toBe("Europe/London");
  // A runtime's older spelling of a place is stored as its canonical name.
  expect(
    (await updateProfile(kv, user.id, { timeZone: "Asia/Calcutta" }, meta))
      .timeZone,
  ).toBe("Asia/Kolkata");
  const long = await updateProfile(kv, user.id, {
    name: "x".repeat(NAME_MAX_LENGTH + 1),
  }, meta).catch((e) => e);
  expect(long.fieldErrors.name).toEqual([
    `Use at most ${NAME_MAX_LENGTH} characters.`,
  ]);
});
