/**
 * Where phone numbers live in Deno KV.
 *
 * KV keys
 *   ["phones", userId]         → PhoneRecord    the verified number and the
 *                                               text-reminders choice
 *   ["phone_pending", userId]  → PendingPhone   the number waiting for its
 *                                               code (hashed); one per user,
 *                                               a new code replaces it. Kept a
 *                                               day (`expireIn`), past its
 *                                               10-minute life, so a late code
 *                                               is told "expired", not "none"
 *
 * Limits on sending codes use the account flows' counters
 * (["rate_limits", "phone_code_user", userId, window] and
 * ["rate_limits", "phone_code_number", e164, window]).
 *
 * Changes commit with a check on what they read, and the security event in
 * the same atomic operation (see the use cases).
 */
import {
  type PendingPhone,
  pendingPhoneSchema,
  type PhoneRecord,
  phoneRecordSchema,
} from "./model.ts";

export const phoneKey = (userId: string): Deno.KvKey => ["phones", userId];
export const pendingKey = (userId: string): Deno.KvKey => [
  "phone_pending",
  userId,
];

/** How long a pending code's record is kept (its code lives 10 minutes). */
export const PENDING_KEPT_MS = 24 * 3_600_000;

/** An entry whose value is checked (or null when absent or malformed). */
export interface Checked<T> {
  key: Deno.KvKey;
  versionstamp: string | null;
  value: T | null;
}

async function read<T>(
  kv: Deno.Kv,
  key: Deno.KvKey,
  schema: { safeParse(value: unknown): { success: boolean; data?: T } },
): Promise<Checked<T>> {
  const entry = await kv.get(key);
  const parsed = entry.value === null ? null : schema.safeParse(entry.value);
  return {
    key,
    versionstamp: entry.versionstamp,
    value: parsed?.success ? parsed.data as T : null,
  };
}

/** The verified number of `userId`, with its versionstamp. */
export function readPhone(
  kv: Deno.Kv,
  userId: string,
): Promise<Checked<PhoneRecord>> {
  return read(kv, phoneKey(userId), phoneRecordSchema);
}

/** The code waiting for `userId`, with its versionstamp. */
export function readPending(
  kv: Deno.Kv,
  userId: string,
): Promise<Checked<PendingPhone>> {
  return read(kv, pendingKey(userId), pendingPhoneSchema);
}
