/**
 * Signing in someone another service vouched for (a Google or LinkedIn
 * identity, see services/social_login): the account flows those features
 * need without reaching into the session and user stores.
 *
 * The identity check itself is the caller's; these functions only start the
 * session (the second factor still applies), create an account whose email
 * the provider verified and that has no password yet, and check a password
 * re-entered to prove ownership before linking.
 */
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import {
  emailSchema,
  personNameSchema,
  SIGNUP_ROLES,
  timeZoneSchema,
} from "@/services/platform/model.ts";
import { parseInput } from "@/services/platform/errors.ts";
import { z } from "zod";
import { AccountSuspendedError, EmailTakenError } from "./errors.ts";
import type { PublicUser, RequestMeta } from "./model.ts";
import { assertCurrentPassword } from "./passwords.ts";
import { enforceRateLimit, RATE_LIMITS } from "./rate_limits.ts";
import { addNewSession } from "./sessions.ts";
import { createUser } from "./signup.ts";
import { now } from "@/services/platform/clock.ts";
import {
  requireUserEntry,
  toPublicUser,
  type UserRecord,
  USERS_BY_EMAIL,
} from "./users.ts";

/** What a provider told us about a new person. */
export const identityAccountInputSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: z.enum(SIGNUP_ROLES, "Choose learner or expert."),
  timeZone: timeZoneSchema.optional(),
});
export type IdentityAccountInput = z.input<typeof identityAccountInputSchema>;

/**
 * Starts a session for `userId`, whom `method` (e.g. "google") proved. Like
 * a password login, an account with two-factor auth gets a pending token for
 * `completeTwoFactorLogin`. AccountSuspendedError for a suspended account.
 */
export async function signInWithIdentity(
  kv: Deno.Kv,
  userId: string,
  method: string,
  meta: RequestMeta,
): Promise<
  { user: PublicUser; sessionToken: string } | {
    twoFactorRequired: true;
    pendingToken: string;
  }
> {
  const user = (await requireUserEntry(kv, userId)).value;
  if (user.status === "suspended") throw new AccountSuspendedError();
  const op = kv.atomic();
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
    details: { method },
  }, meta);
  await withLockRetry(() => op.commit());
  return { user: toPublicUser(user), sessionToken: token };
}

/**
 * Creates a learner or expert account for a person whose email `method`
 * verified, with no password (they can set one with "forgot password"), and
 * signs it in. EmailTakenError when the email is in use; RateLimitedError
 * after 5 new accounts an hour from one IP.
 */
export async function createAccountWithIdentity(
  kv: Deno.Kv,
  input: IdentityAccountInput,
  method: string,
  meta: RequestMeta,
): Promise<{ user: PublicUser; sessionToken: string }> {
  const fields = parseInput(
    identityAccountInputSchema,
    input,
    "Check the account details.",
  );
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
    timeZone: fields.timeZone ?? "UTC",
    emailVerified: true,
    status: "active",
    createdAt: at,
    updatedAt: at,
    // No password: nothing verifies against an empty hash.
    passwordHash: "",
    totpSecret: null,
  };
  const sessionToken = await createUser(kv, user, meta, {
    withSession: true,
    details: { role: user.role, method },
  });
  if (sessionToken === null) throw new EmailTakenError();
  return { user: toPublicUser(user), sessionToken };
}

/**
 * Throws a ValidationError on `field` unless `password` is the user's (a
 * guess like a login: RateLimitedError after 5 a minute).
 */
export async function confirmAccountPassword(
  kv: Deno.Kv,
  userId: string,
  password: string,
  field = "password",
): Promise<void> {
  const user = (await requireUserEntry(kv, userId)).value;
  await assertCurrentPassword(kv, user, password, field);
}

/** Whether the user can sign in with a password (social-only accounts cannot). */
export async function hasPassword(
  kv: Deno.Kv,
  userId: string,
): Promise<boolean> {
  return (await requireUserEntry(kv, userId)).value.passwordHash !== "";
}
