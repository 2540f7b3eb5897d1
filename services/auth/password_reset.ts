/**
 * Forgotten passwords: a single-use reset link (30 minutes) by email, and
 * setting a new password through it, which ends every session of the
 * account and its lockout. Any new password also ends every other reset
 * link still outstanding (see one_time_tokens.ts). Asking for a link takes
 * the same time whether or not the email has an account. Asking for a link answers the same whether or not
 * an account has the email, so the form does not reveal who has an account.
 */
import { z } from "zod";
import { parseInput } from "@/services/platform/errors.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import { emailSchema } from "@/services/platform/model.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { deliver, passwordChangedEmail, passwordResetEmail } from "./emails.ts";
import { InvalidTokenError } from "./errors.ts";
import { loginFailuresKey } from "./login_throttle.ts";
import type { PublicUser, RequestMeta } from "./model.ts";
import {
  consumeTokenIn,
  createToken,
  readLinkedAccount,
} from "./one_time_tokens.ts";
import {
  newPasswordSchema,
  parseWithPassword,
  passwordHasher,
} from "./passwords.ts";
import { enforceRateLimit, RATE_LIMITS } from "./rate_limits.ts";
import { recordEvent } from "./security_events.ts";
import {
  deleteSessionRefs,
  listSessionRefs,
  stageSessionEnds,
} from "./sessions.ts";
import {
  ACCOUNT_RETRY,
  findUserRecordByEmail,
  toPublicUser,
  USERS,
} from "./users.ts";

/** The address to send a reset link to. */
export const requestPasswordResetInputSchema = z.object({
  email: emailSchema,
});
export type RequestPasswordResetInput = z.input<
  typeof requestPasswordResetInputSchema
>;

/** The link's token and the new password (the policy is checked too). */
export const resetPasswordInputSchema = z.object({
  token: z.string().min(1, "The link is incomplete.").max(200),
  password: newPasswordSchema,
});
export type ResetPasswordInput = z.input<typeof resetPasswordInputSchema>;

/**
 * Emails a reset link (single use, 30 minutes) when an active account has
 * this email; answers the same way when none does. RateLimitedError after 5
 * requests an hour from an IP or 3 for an email.
 */
export async function requestPasswordReset(
  kv: Deno.Kv,
  input: RequestPasswordResetInput,
  meta: RequestMeta,
): Promise<void> {
  const { email } = parseInput(
    requestPasswordResetInputSchema,
    input,
    "Enter a valid email address.",
  );
  await enforceRateLimit(kv, RATE_LIMITS.passwordResetPerIp, meta.ip);
  await enforceRateLimit(kv, RATE_LIMITS.passwordResetPerEmail, email);
  const started = performance.now();
  const user = await findUserRecordByEmail(kv, email);
  if (user && user.status === "active") {
    const token = await createToken(kv, "reset_password", user);
    await recordEvent(kv, {
      type: "password_reset_requested",
      actorId: null,
      userId: user.id,
    }, meta);
    await deliver(
      kv,
      passwordResetEmail(user.email, user.name, token, meta.baseUrl),
    );
  } else {
    await recordEvent(kv, {
      type: "password_reset_requested",
      actorId: null,
      userId: null,
      details: { email, reason: user ? "suspended" : "unknown_email" },
    }, meta);
  }
  // Sending takes longer than not sending; answering at a fixed time after
  // the lookup keeps the difference from telling who has an account.
  await resetAnswerDelay.until(started + resetAnswerDelay.ms);
}

/** When a reset request answers, known email or not (tests may shorten it). */
export const resetAnswerDelay = {
  ms: 250,
  until(at: number): Promise<void> {
    const wait = at - performance.now();
    return wait > 0
      ? new Promise((resolve) => setTimeout(resolve, wait))
      : Promise.resolve();
  },
};

/**
 * True when `token` names a reset link that can still set a password (known,
 * unexpired, unused, and sent since the password last changed). Only reads:
 * opening the link spends nothing.
 */
export async function isResetLinkLive(
  kv: Deno.Kv,
  token: unknown,
): Promise<boolean> {
  try {
    await readLinkedAccount(kv, "reset_password", token);
    return true;
  } catch (error) {
    if (error instanceof InvalidTokenError) return false;
    throw error;
  }
}

/**
 * Sets a new password through a reset link and ends every session of the
 * account (and its lockout). The password policy is checked before the link
 * is used, so a weak password does not burn the link.
 */
export async function resetPassword(
  kv: Deno.Kv,
  input: ResetPasswordInput,
  meta: RequestMeta,
): Promise<PublicUser> {
  const { token, password } = await parseWithPassword(
    resetPasswordInputSchema,
    input,
    "password",
  );
  // Checked before the slow hash too, so a dead link is refused at once.
  await readLinkedAccount(kv, "reset_password", token);
  const passwordHash = await passwordHasher.hash(password);
  const { user, leftover } = await untilCommitted(async () => {
    const { link, entry } = await readLinkedAccount(
      kv,
      "reset_password",
      token,
    );
    const user = entry.value;
    const updated = { ...user, passwordHash, updatedAt: now().toISOString() };
    const sessions = await listSessionRefs(kv, user.id);
    const op = kv.atomic().check(entry).set([USERS, user.id], updated)
      .delete(loginFailuresKey(user.email));
    consumeTokenIn(op, link);
    const leftover = stageSessionEnds(op, sessions);
    addSecurityEvent(op, {
      type: "password_reset",
      actorId: user.id,
      userId: user.id,
      details: { sessionsEnded: String(sessions.length) },
    }, meta);
    return (await op.commit()).ok ? { user: updated, leftover } : RETRY;
  }, ACCOUNT_RETRY);
  await deleteSessionRefs(kv, leftover);
  await deliver(kv, passwordChangedEmail(user.email, user.name));
  return toPublicUser(user);
}
