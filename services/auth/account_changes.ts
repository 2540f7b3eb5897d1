/**
 * Changing one's own account: the password and the email address (both
 * confirmed with the current password, both ending the other sessions; a
 * new address applies once confirmed) and the profile (name, time zone).
 */
import { z } from "zod";
import { parseInput, ValidationError } from "@/services/platform/errors.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import {
  emailSchema,
  personNameSchema,
  timeZoneSchema,
} from "@/services/platform/model.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { sendVerification } from "./email_verification.ts";
import {
  deliver,
  emailChangeRequestedEmail,
  passwordChangedEmail,
} from "./emails.ts";
import { EmailTakenError } from "./errors.ts";
import type { PublicUser, RequestMeta } from "./model.ts";
import {
  assertCurrentPassword,
  currentPasswordSchema,
  newPasswordSchema,
  parseWithPassword,
  passwordHasher,
} from "./passwords.ts";
import {
  addNewSession,
  addSessionRotation,
  deleteSessionRefs,
  listOtherSessionRefs,
  stageSessionEnds,
} from "./sessions.ts";
import {
  ACCOUNT_RETRY,
  requireUserEntry,
  toPublicUser,
  type UserRecord,
  USERS,
  USERS_BY_EMAIL,
} from "./users.ts";

/** The current password and the new one (the policy is checked too). */
export const changePasswordInputSchema = z.object({
  currentPassword: currentPasswordSchema,
  newPassword: newPasswordSchema,
});
export type ChangePasswordInput = z.input<typeof changePasswordInputSchema>;

/** The current password and the new address. */
export const changeEmailInputSchema = z.object({
  currentPassword: currentPasswordSchema,
  newEmail: emailSchema,
});
export type ChangeEmailInput = z.input<typeof changeEmailInputSchema>;

/** The profile fields to change; those left out stay as they are. */
export const updateProfileInputSchema = z.object({
  name: personNameSchema.optional(),
  timeZone: timeZoneSchema.optional(),
});
export type UpdateProfileInput = z.input<typeof updateProfileInputSchema>;

/**
 * Changes the password after checking the current one, ends every other
 * session and rotates the current one: use the returned token from now on.
 */
export async function changePassword(
  kv: Deno.Kv,
  userId: string,
  input: ChangePasswordInput,
  currentSessionToken: string | null,
  meta: RequestMeta,
): Promise<{ sessionToken: string }> {
  const { currentPassword, newPassword } = await parseWithPassword(
    changePasswordInputSchema,
    input,
    "newPassword",
  );
  const user = (await requireUserEntry(kv, userId)).value;
  await assertCurrentPassword(kv, user, currentPassword, "currentPassword");
  const passwordHash = await passwordHasher.hash(newPassword);
  const { sessionToken, leftover } = await untilCommitted(async () => {
    const entry = await requireUserEntry(kv, userId);
    const { current, others } = await listOtherSessionRefs(
      kv,
      userId,
      currentSessionToken,
    );
    const op = kv.atomic().check(entry).set([USERS, userId], {
      ...entry.value,
      passwordHash,
      updatedAt: now().toISOString(),
    });
    const leftover = stageSessionEnds(op, others);
    let sessionToken: string;
    if (current) {
      op.check(current);
      sessionToken = await addSessionRotation(op, current.value, meta);
    } else {
      sessionToken = (await addNewSession(op, userId, meta)).token;
    }
    addSecurityEvent(op, {
      type: "password_changed",
      actorId: userId,
      userId,
      details: { otherSessionsEnded: String(others.length) },
    }, meta);
    return (await op.commit()).ok ? { sessionToken, leftover } : RETRY;
  }, ACCOUNT_RETRY);
  await deleteSessionRefs(kv, leftover);
  await deliver(kv, passwordChangedEmail(user.email, user.name));
  return { sessionToken };
}

/**
 * Asks to move the account to a new email address, after checking the
 * password: a link goes to the new address, and only opening it changes the
 * account's address (see email_verification.ts); until then the old one
 * stays in use. The old address gets a notice and every other session ends.
 * EmailTakenError when another account uses the new address.
 */
export async function changeEmail(
  kv: Deno.Kv,
  userId: string,
  input: ChangeEmailInput,
  currentSessionToken: string | null,
  meta: RequestMeta,
): Promise<PublicUser> {
  const { currentPassword, newEmail } = parseInput(
    changeEmailInputSchema,
    input,
    "Check the highlighted fields.",
  );
  const user = (await requireUserEntry(kv, userId)).value;
  if (newEmail === user.email) {
    throw new ValidationError("That is already your email address.", {
      newEmail: ["That is already your email address."],
    });
  }
  await assertCurrentPassword(kv, user, currentPassword, "currentPassword");
  const { updated, leftover } = await untilCommitted(async () => {
    const entry = await requireUserEntry(kv, userId);
    const taken = await kv.get([USERS_BY_EMAIL, newEmail]);
    if (taken.versionstamp !== null) {
      throw new EmailTakenError();
    }
    const { others } = await listOtherSessionRefs(
      kv,
      userId,
      currentSessionToken,
    );
    const updated: UserRecord = {
      ...entry.value,
      pendingEmail: newEmail,
      updatedAt: now().toISOString(),
    };
    const op = kv.atomic().check(entry).set([USERS, userId], updated);
    const leftover = stageSessionEnds(op, others);
    return (await op.commit()).ok ? { updated, leftover } : RETRY;
  }, ACCOUNT_RETRY);
  await deleteSessionRefs(kv, leftover);
  await sendVerification(kv, updated, meta.baseUrl, newEmail);
  await deliver(
    kv,
    emailChangeRequestedEmail(user.email, user.name, newEmail),
  );
  return toPublicUser(updated);
}

/**
 * Changes the name and/or time zone. A time zone must be a canonical IANA
 * name (a runtime's older spelling is stored as its canonical name);
 * anything else, such as `EST`, is a ValidationError on `timeZone`.
 */
export async function updateProfile(
  kv: Deno.Kv,
  userId: string,
  input: UpdateProfileInput,
  _meta: RequestMeta,
): Promise<PublicUser> {
  const changes = parseInput(
    updateProfileInputSchema,
    input,
    "Check the highlighted fields.",
  );
  return await untilCommitted(async () => {
    const entry = await requireUserEntry(kv, userId);
    const updated = { ...entry.value, updatedAt: now().toISOString() };
    if (changes.name !== undefined) updated.name = changes.name;
    if (changes.timeZone !== undefined) updated.timeZone = changes.timeZone;
    const result = await kv.atomic().check(entry).set([USERS, userId], updated)
      .commit();
    return result.ok ? toPublicUser(updated) : RETRY;
  }, ACCOUNT_RETRY);
}
