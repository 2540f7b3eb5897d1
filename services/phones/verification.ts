/**
 * Verifying a phone number: a 6-digit code is texted to it, and typing the
 * code back proves the number is the user's.
 *
 * - The code is stored hashed (with the user and the number), works for 10
 *   minutes, and allows 5 wrong tries; a new code replaces the old one.
 * - At most 5 codes an hour per account and 5 per number, so nobody can
 *   use TapTime to flood a stranger's phone (or run up a bill).
 * - The text is sent before anything is stored, through the SMS provider
 *   directly (not queued), so a number the provider refuses is reported at
 *   once, beside the field.
 */
import { consumeRateLimit, type RequestMeta } from "@/services/auth/mod.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { randomString, sha256Hex } from "@/services/platform/crypto.ts";
import { parseInput } from "@/services/platform/errors.ts";
import { getSmsProvider, SmsSendError } from "@/services/platform/sms.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { CodeSendLimitError, PhoneError } from "./errors.ts";
import {
  CODE_LENGTH,
  CODE_TTL_MS,
  MAX_CODE_ATTEMPTS,
  type PendingPhone,
  type PhoneCodeInput,
  phoneCodeInputSchema,
  type PhoneNumberInput,
  phoneNumberInputSchema,
  type PhoneRecord,
  type PhoneState,
} from "./model.ts";
import {
  countryForTimeZone,
  formatPhoneNumber,
  maskPhoneNumber,
  normalisePhoneNumber,
} from "./numbers.ts";
import { toPhoneState } from "./state.ts";
import { PENDING_KEPT_MS, readPending, readPhone } from "./store.ts";

/** Codes per hour: per account, and per number whoever asks. */
export const CODE_SEND_LIMITS = {
  perUser: { bucket: "phone_code_user", limit: 5, windowSeconds: 3600 },
  perNumber: { bucket: "phone_code_number", limit: 5, windowSeconds: 3600 },
} as const;

const DIGITS = "0123456789";

function hashCode(userId: string, number: string, code: string) {
  return sha256Hex(`${userId}:${number}:${code}`);
}

/** Why the provider did not take the code's text, in words for the sender. */
function sendFailure(error: SmsSendError): PhoneError {
  if (!error.permanent) {
    return new PhoneError(
      "sms_unavailable",
      502,
      "We couldn't send the text just now. Please try again in a few minutes.",
    );
  }
  const message = error.code === 21610
    ? "This number has turned off texts from us (it replied STOP). Text START to our number, then try again."
    : "We couldn't send a text to this number. Check it, or use another mobile number.";
  return new PhoneError("sms_refused", 400, message, "number");
}

/**
 * Texts a new code to `input.number` (read in `input.country`, else the
 * country of `user.timeZone`) and keeps it waiting for `verifyPhoneCode`.
 */
export async function requestPhoneCode(
  kv: Deno.Kv,
  user: { id: string; timeZone: string },
  input: PhoneNumberInput,
  meta: RequestMeta,
): Promise<PhoneState> {
  const { number: typed, country } = parseInput(
    phoneNumberInputSchema,
    input,
    "Check the phone number.",
  );
  const number = normalisePhoneNumber(
    typed,
    country ?? countryForTimeZone(user.timeZone),
  );
  const current = await readPhone(kv, user.id);
  if (current.value?.number === number) {
    throw new PhoneError(
      "already_verified",
      409,
      "This number is already verified on your account.",
      "number",
    );
  }
  for (
    const [rule, key] of [
      [CODE_SEND_LIMITS.perUser, user.id],
      [CODE_SEND_LIMITS.perNumber, number],
    ] as const
  ) {
    const taken = await consumeRateLimit(kv, rule.bucket, key, rule);
    if (!taken.allowed) throw new CodeSendLimitError(taken.retryAfterSeconds);
  }

  const code = randomString(DIGITS, CODE_LENGTH);
  try {
    await getSmsProvider(kv).send({
      to: number,
      body: `${code} is your TapTime code to verify ${
        formatPhoneNumber(number)
      }. It works for 10 minutes. If you didn't ask for it, ignore this text.`,
    });
  } catch (error) {
    if (error instanceof SmsSendError) throw sendFailure(error);
    throw error;
  }

  const now = clockFor(kv).now();
  const pending: PendingPhone = {
    number,
    codeHash: await hashCode(user.id, number, code),
    sentAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
    attempts: 0,
  };
  return await untilCommitted(async () => {
    const [phone, previous] = await Promise.all([
      readPhone(kv, user.id),
      readPending(kv, user.id),
    ]);
    const op = kv.atomic().check(phone).check(previous)
      .set(previous.key, pending, { expireIn: PENDING_KEPT_MS });
    // A code sent again to the same number adds nothing to the log.
    if (previous.value?.number !== number) {
      addSecurityEvent(op, {
        type: "phone_added",
        actorId: user.id,
        userId: user.id,
        details: { number: maskPhoneNumber(number) },
      }, meta);
    }
    return (await op.commit()).ok
      ? toPhoneState(phone.value, pending, now)
      : RETRY;
  });
}

/**
 * Checks `input.code` against the code waiting for `userId`; when right,
 * its number becomes the user's verified number (keeping their reminders
 * choice). Every wrong try counts, whatever else happens at once.
 */
export async function verifyPhoneCode(
  kv: Deno.Kv,
  userId: string,
  input: PhoneCodeInput,
  meta: RequestMeta,
): Promise<PhoneState> {
  const { code } = parseInput(
    phoneCodeInputSchema,
    input,
    "Check the code.",
  );
  const outcome = await untilCommitted(async () => {
    const [phone, pending] = await Promise.all([
      readPhone(kv, userId),
      readPending(kv, userId),
    ]);
    const now = clockFor(kv).now();
    const waiting = pending.value;
    if (!waiting) {
      throw new PhoneError(
        "no_code_pending",
        400,
        "There's no code waiting for this account. Enter your number to get one.",
        "code",
      );
    }
    if (waiting.attempts >= MAX_CODE_ATTEMPTS) {
      throw new PhoneError(
        "too_many_attempts",
        429,
        "Too many wrong codes. Ask for a new code.",
        "code",
      );
    }
    if (Date.parse(waiting.expiresAt) <= now.getTime()) {
      throw new PhoneError(
        "code_expired",
        400,
        "This code has expired. Ask for a new one.",
        "code",
      );
    }
    if (await hashCode(userId, waiting.number, code) !== waiting.codeHash) {
      const attempts = waiting.attempts + 1;
      const counted = await kv.atomic().check(pending)
        .set(pending.key, { ...waiting, attempts }, {
          expireIn: PENDING_KEPT_MS,
        }).commit();
      return counted.ok
        ? { state: null, wrong: MAX_CODE_ATTEMPTS - attempts }
        : RETRY;
    }
    const verified: PhoneRecord = {
      number: waiting.number,
      verifiedAt: now.toISOString(),
      smsReminders: phone.value?.smsReminders ?? false,
      updatedAt: now.toISOString(),
    };
    const op = kv.atomic().check(phone).check(pending)
      .delete(pending.key)
      .set(phone.key, verified);
    addSecurityEvent(op, {
      type: "phone_verified",
      actorId: userId,
      userId,
      details: { number: maskPhoneNumber(verified.number) },
    }, meta);
    return (await op.commit()).ok
      ? { state: toPhoneState(verified, null, now), wrong: 0 }
      : RETRY;
  });
  if (outcome.state) return outcome.state;
  throw new PhoneError(
    "invalid_code",
    400,
    outcome.wrong > 0
      ? `That code isn't right. You have ${outcome.wrong} ${
        outcome.wrong === 1 ? "try" : "tries"
      } left.`
      : "That code isn't right, and that was the last try. Ask for a new code.",
    "code",
  );
}
