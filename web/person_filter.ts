/**
 * Admin filters that name a person (bookings, the audit log, transactions)
 * take an email address as well as a user id, as admins know people by
 * their address.
 */
import { getUserByEmail } from "@/services/auth/mod.ts";

/**
 * The user id a person filter typed as `typed` stands for: an email
 * address is looked up (one that names no account is a message for the
 * field); anything else is taken as an id, which may name a record without
 * an account (an expert listed without one). Empty: no filter.
 *
 * @example
 * const learner = await personFilter(kv, query.get("learnerId") ?? "");
 * if (learner.error) errors.learnerId = learner.error;
 */
export async function personFilter(
  kv: Deno.Kv,
  typed: string,
): Promise<{ id?: string; error?: string }> {
  const text = typed.trim();
  if (!text.includes("@")) return { id: text || undefined };
  const user = await getUserByEmail(kv, text);
  return user
    ? { id: user.id }
    : { error: `No account has the email address ${text}.` };
}
