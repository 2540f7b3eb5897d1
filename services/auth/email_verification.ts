/**
 * Email verification: the single-use link sent at sign-up and after an email
 * change, its use, and asking for a new one. A link verifies the address it
 * was sent to, so a link to an address the account no longer has verifies
 * nothing.
 *
 * A change of address is only a request until its link is opened: the
 * account keeps its current address (`pendingEmail` holds the new one), so a
 * typo never sends sign-in or reset mail to a stranger. Opening the link
 * moves the account to the new address, if nobody took it meanwhile.
 */
import { ConflictError } from "@/services/platform/errors.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { deliver, emailChangedEmail, verificationEmail } from "./emails.ts";
import { EmailTakenError } from "./errors.ts";
import type { PublicUser, RequestMeta } from "./model.ts";
import {
  consumeTokenIn,
  createToken,
  readLinkedAccount,
} from "./one_time_tokens.ts";
import { enforceRateLimit, RATE_LIMITS } from "./rate_limits.ts";
import {
  ACCOUNT_RETRY,
  addUserWrites,
  requireUserEntry,
  toPublicUser,
  type UserRecord,
  USERS,
  USERS_BY_EMAIL,
} from "./users.ts";

/**
 * Emails `user` a verification link for `email`: their current address, or
 * the one they asked to move to.
 */
export async function sendVerification(
  kv: Deno.Kv,
  user: UserRecord,
  baseUrl: string,
  email: string = user.email,
): Promise<void> {
  const token = await createToken(kv, "verify_email", user, email);
  await deliver(kv, verificationEmail(email, user.name, token, baseUrl));
}

/**
 * Marks the email address a verification link was sent to as verified; for
 * an address the owner asked to move to, moves the account to it and tells
 * the old address. InvalidTokenError for an unknown, expired or used link,
 * or one for an address the account neither has nor is moving to;
 * EmailTakenError when another account took the new address meanwhile.
 */
export async function verifyEmail(
  kv: Deno.Kv,
  token: string,
  meta: RequestMeta,
): Promise<PublicUser> {
  const { updated, movedFrom } = await untilCommitted(async () => {
    const { link, entry } = await readLinkedAccount(kv, "verify_email", token);
    const user = entry.value;
    const moving = link.value.email !== user.email;
    const updated: UserRecord = {
      ...user,
      email: link.value.email,
      emailVerified: true,
      pendingEmail: null,
      updatedAt: now().toISOString(),
    };
    const op = kv.atomic().check(entry);
    consumeTokenIn(op, link);
    if (moving) {
      const taken = await kv.get([USERS_BY_EMAIL, updated.email]);
      if (taken.versionstamp !== null) throw new EmailTakenError();
      op.check(taken).delete([USERS_BY_EMAIL, user.email]);
      addUserWrites(op, updated);
      addSecurityEvent(op, {
        type: "email_changed",
        actorId: user.id,
        userId: user.id,
        details: { from: user.email, to: updated.email },
      }, meta);
    } else {
      op.set([USERS, user.id], updated);
    }
    addSecurityEvent(op, {
      type: "email_verified",
      actorId: user.id,
      userId: user.id,
      details: { email: updated.email },
    }, meta);
    return (await op.commit()).ok
      ? { updated, movedFrom: moving ? user.email : null }
      : RETRY;
  }, ACCOUNT_RETRY);
  if (movedFrom) {
    await deliver(
      kv,
      emailChangedEmail(movedFrom, updated.name, updated.email),
    );
  }
  return toPublicUser(updated);
}

/**
 * Sends a new verification link: to the address the owner asked to move to
 * when there is one, else to the current address. ConflictError when there
 * is nothing to verify, RateLimitedError after 5 an hour.
 */
export async function resendVerification(
  kv: Deno.Kv,
  userId: string,
  meta: RequestMeta,
): Promise<void> {
  const user = (await requireUserEntry(kv, userId)).value;
  if (user.emailVerified && !user.pendingEmail) {
    throw new ConflictError("Your email address is already verified.");
  }
  await enforceRateLimit(kv, RATE_LIMITS.verificationResend, userId);
  await sendVerification(
    kv,
    user,
    meta.baseUrl,
    user.pendingEmail ?? user.email,
  );
}
