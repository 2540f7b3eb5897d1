/**
 * Email verification: the single-use link sent at sign-up and after an email
 * change, its use, and asking for a new one. A link verifies the address it
 * was sent to, so a link to an address the account no longer has verifies
 * nothing.
 */
import { ConflictError } from "@/services/platform/errors.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { deliver, verificationEmail } from "./emails.ts";
import type { PublicUser, RequestMeta } from "./model.ts";
import {
  consumeTokenIn,
  createToken,
  readLinkedAccount,
} from "./one_time_tokens.ts";
import { enforceRateLimit, RATE_LIMITS } from "./rate_limits.ts";
import {
  ACCOUNT_RETRY,
  requireUserEntry,
  toPublicUser,
  type UserRecord,
  USERS,
} from "./users.ts";

/** Emails `user` a new verification link for their current address. */
export async function sendVerification(
  kv: Deno.Kv,
  user: UserRecord,
  baseUrl: string,
): Promise<void> {
  const token = await createToken(kv, "verify_email", user);
  await deliver(kv, verificationEmail(user.email, user.name, token, baseUrl));
}

/**
 * Marks the email address a verification link was sent to as verified.
 * InvalidTokenError for an unknown, expired or used link, or one for an
 * address the account no longer has.
 */
export async function verifyEmail(
  kv: Deno.Kv,
  token: string,
  meta: RequestMeta,
): Promise<PublicUser> {
  return await untilCommitted(async () => {
    const { link, entry } = await readLinkedAccount(kv, "verify_email", token);
    const user = entry.value;
    const updated = {
      ...user,
      emailVerified: true,
      updatedAt: now().toISOString(),
    };
    const op = kv.atomic().check(entry).set([USERS, user.id], updated);
    consumeTokenIn(op, link);
    addSecurityEvent(op, {
      type: "email_verified",
      actorId: user.id,
      userId: user.id,
      details: { email: user.email },
    }, meta);
    return (await op.commit()).ok ? toPublicUser(updated) : RETRY;
  }, ACCOUNT_RETRY);
}

/**
 * Sends a new verification link. ConflictError when already verified,
 * RateLimitedError after 5 an hour.
 */
export async function resendVerification(
  kv: Deno.Kv,
  userId: string,
  meta: RequestMeta,
): Promise<void> {
  const user = (await requireUserEntry(kv, userId)).value;
  if (user.emailVerified) {
    throw new ConflictError("Your email address is already verified.");
  }
  await enforceRateLimit(kv, RATE_LIMITS.verificationResend, userId);
  await sendVerification(kv, user, meta.baseUrl);
}
