/**
 * The choices a user makes about a verified number: text reminders on or
 * off (on only with a verified number), and removing the number.
 */
import type { RequestMeta } from "@/services/auth/mod.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { parseInput } from "@/services/platform/errors.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { PhoneError } from "./errors.ts";
import {
  type PhoneState,
  type SmsRemindersInput,
  smsRemindersInputSchema,
} from "./model.ts";
import { maskPhoneNumber } from "./numbers.ts";
import { toPhoneState } from "./state.ts";
import { readPending, readPhone } from "./store.ts";

/**
 * Turns text reminders on or off. Off always works (with no number there
 * is nothing to turn off); on needs a verified number: 409 otherwise.
 */
export async function setSmsReminders(
  kv: Deno.Kv,
  userId: string,
  input: SmsRemindersInput,
): Promise<PhoneState> {
  const { smsReminders } = parseInput(smsRemindersInputSchema, input);
  return await untilCommitted(async () => {
    const [phone, pending] = await Promise.all([
      readPhone(kv, userId),
      readPending(kv, userId),
    ]);
    const now = clockFor(kv).now();
    if (!phone.value) {
      if (!smsReminders) return toPhoneState(null, pending.value, now);
      throw new PhoneError(
        "phone_not_verified",
        409,
        "Verify a mobile number before turning on text reminders.",
        "smsReminders",
      );
    }
    if (phone.value.smsReminders === smsReminders) {
      return toPhoneState(phone.value, pending.value, now);
    }
    const next = { ...phone.value, smsReminders, updatedAt: now.toISOString() };
    const result = await kv.atomic().check(phone).set(phone.key, next)
      .commit();
    return result.ok ? toPhoneState(next, pending.value, now) : RETRY;
  });
}

/**
 * Removes the verified number and any code waiting, which also stops text
 * reminders. Removing nothing is not an error.
 */
export async function removePhone(
  kv: Deno.Kv,
  userId: string,
  meta: RequestMeta,
): Promise<PhoneState> {
  return await untilCommitted(async () => {
    const [phone, pending] = await Promise.all([
      readPhone(kv, userId),
      readPending(kv, userId),
    ]);
    const now = clockFor(kv).now();
    if (phone.versionstamp === null && pending.versionstamp === null) {
      return toPhoneState(null, null, now);
    }
    const op = kv.atomic().check(phone).check(pending)
      .delete(phone.key).delete(pending.key);
    const number = phone.value?.number ?? pending.value?.number;
    addSecurityEvent(op, {
      type: "phone_removed",
      actorId: userId,
      userId,
      details: number ? { number: maskPhoneNumber(number) } : {},
    }, meta);
    return (await op.commit()).ok ? toPhoneState(null, null, now) : RETRY;
  });
}
