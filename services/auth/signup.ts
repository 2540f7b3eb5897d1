/**
 * Sign-up: a learner or expert account with a password, signed in at once
 * and sent a verification link. Admins never come from here (see
 * bootstrap.ts). The record, its email index (checked empty) and the signup
 * event are written in one atomic operation, so two sign-ups with one email
 * cannot both succeed.
 */
import { z } from "zod";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import {
  emailSchema,
  personNameSchema,
  type Role,
  SIGNUP_ROLES,
  timeZoneSchema,
} from "@/services/platform/model.ts";
import { sendVerification } from "./email_verification.ts";
import { EmailTakenError } from "./errors.ts";
import type { PublicUser, RequestMeta } from "./model.ts";
import {
  newPasswordSchema,
  parseWithPassword,
  passwordHasher,
} from "./passwords.ts";
import { enforceRateLimit, RATE_LIMITS } from "./rate_limits.ts";
import { addNewSession } from "./sessions.ts";
import {
  addUserWrites,
  toPublicUser,
  type UserRecord,
  USERS,
  USERS_BY_EMAIL,
} from "./users.ts";

/**
 * What a person fills in to sign up. The password policy is applied on top
 * (`signup` answers WeakPasswordError), since it needs the common-password
 * list.
 */
export const signupInputSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  name: personNameSchema,
  // The values are the shared signup roles; the message says what to do.
  role: z.enum(SIGNUP_ROLES, "Choose learner or expert."),
  timeZone: timeZoneSchema.optional(),
  // The privacy policy and terms; the caller records the version accepted.
  acceptTerms: z.literal(
    true,
    "Accept the terms and the privacy policy to create an account.",
  ),
});
export type SignupInput = z.input<typeof signupInputSchema>;

/**
 * Creates a learner or expert account, signs it in and emails a verification
 * link. EmailTakenError when the email is in use; RateLimitedError after 5
 * sign-ups an hour from one IP.
 */
export async function signup(
  kv: Deno.Kv,
  input: SignupInput,
  meta: RequestMeta,
): Promise<{ user: PublicUser; sessionToken: string }> {
  const fields = await parseWithPassword(signupInputSchema, input, "password");
  await enforceRateLimit(kv, RATE_LIMITS.signupPerIp, meta.ip);
  if ((await kv.get([USERS_BY_EMAIL, fields.email])).versionstamp !== null) {
    throw new EmailTakenError();
  }
  const user = await newUserRecord(fields, {
    role: fields.role,
    emailVerified: false,
  });
  const sessionToken = await createUser(kv, user, meta, {
    withSession: true,
    details: { role: user.role },
  });
  if (sessionToken === null) throw new EmailTakenError();
  await sendVerification(kv, user, meta.baseUrl);
  return { user: toPublicUser(user), sessionToken };
}

/**
 * A new active account's record from what was filled in (the password
 * hashed, no second factor yet); a time zone left out is UTC.
 */
export async function newUserRecord(
  fields: { email: string; name: string; password: string; timeZone?: string },
  account: { id?: string; role: Role; emailVerified: boolean },
): Promise<UserRecord> {
  const at = now().toISOString();
  return {
    id: account.id ?? newId(),
    email: fields.email,
    name: fields.name,
    role: account.role,
    timeZone: fields.timeZone ?? "UTC",
    emailVerified: account.emailVerified,
    status: "active",
    createdAt: at,
    updatedAt: at,
    passwordHash: await passwordHasher.hash(fields.password),
    totpSecret: null,
  };
}

/**
 * Writes a new user, its indexes and the signup event atomically (with a
 * session when `withSession`, whose token is returned; "" without one);
 * null when the email or id was taken meanwhile.
 */
export async function createUser(
  kv: Deno.Kv,
  user: UserRecord,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
  opts: { withSession: boolean; details: Record<string, string> },
): Promise<string | null> {
  return await withLockRetry(async () => {
    const op = kv.atomic()
      .check({ key: [USERS_BY_EMAIL, user.email], versionstamp: null })
      .check({ key: [USERS, user.id], versionstamp: null });
    addUserWrites(op, user);
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
