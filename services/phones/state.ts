/**
 * What a user sees of their phone: the verified number, the reminders
 * choice, and a number waiting for its code. Also the one question the
 * reminders ask: where, if anywhere, to text this user.
 */
import { clockFor } from "@/services/platform/clock.ts";
import {
  MAX_CODE_ATTEMPTS,
  type PendingPhone,
  type PhoneRecord,
  type PhoneState,
} from "./model.ts";
import { readPending, readPhone } from "./store.ts";

/** The state shown for `phone` and `pending` at `now`. */
export function toPhoneState(
  phone: PhoneRecord | null,
  pending: PendingPhone | null,
  now: Date,
): PhoneState {
  return {
    number: phone?.number ?? null,
    verifiedAt: phone?.verifiedAt ?? null,
    smsReminders: phone?.smsReminders ?? false,
    pending: pending
      ? {
        number: pending.number,
        expiresAt: pending.expiresAt,
        attemptsLeft: Math.max(0, MAX_CODE_ATTEMPTS - pending.attempts),
        expired: Date.parse(pending.expiresAt) <= now.getTime(),
      }
      : null,
  };
}

/** `userId`'s phone as the account page and GET /api/me/phone show it. */
export async function getPhoneState(
  kv: Deno.Kv,
  userId: string,
): Promise<PhoneState> {
  const [phone, pending] = await Promise.all([
    readPhone(kv, userId),
    readPending(kv, userId),
  ]);
  return toPhoneState(phone.value, pending.value, clockFor(kv).now());
}

/**
 * The number to text reminders to: the verified one, when its owner
 * turned text reminders on; else null.
 */
export async function smsReminderNumber(
  kv: Deno.Kv,
  userId: string,
): Promise<string | null> {
  const phone = (await readPhone(kv, userId)).value;
  return phone?.smsReminders ? phone.number : null;
}
