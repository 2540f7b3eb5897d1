/**
 * Single-use tokens for links sent by email.
 *
 * KV keys
 *   ["auth_tokens", purpose, tokenHash] → OneTimeToken   (expireIn = lifetime)
 *
 * The link carries a 256-bit random token; KV keeps only its SHA-256. A flow
 * reads the token (`findToken`), then deletes it with a check on its
 * versionstamp IN THE SAME ATOMIC as the change it authorises
 * (`consumeTokenIn`), so of two concurrent uses exactly one commits.
 *
 * A reset link also records a stamp of the password hash it was sent under.
 * Any new password (a reset through another link, or a change while signed
 * in) makes a new hash, so every other outstanding reset link stops working
 * without having to find and delete them.
 */
import { now } from "@/services/platform/clock.ts";
import {
  isTokenShaped,
  randomToken,
  sha256Hex,
} from "@/services/platform/crypto.ts";
import { InvalidTokenError } from "./errors.ts";
import { readUserEntry, type UserRecord } from "./users.ts";

export type TokenPurpose = "verify_email" | "reset_password";

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 30 * 60 * 1000,
};

export interface OneTimeToken {
  purpose: TokenPurpose;
  userId: string;
  /** The address the link was sent to (a verification is for that address). */
  email: string;
  createdAt: string;
  expiresAt: string;
  /** For reset links: `passwordStamp` of the account when it was sent. */
  passwordStamp?: string;
}

/** A short digest of the password hash: changes with every new password. */
async function passwordStamp(user: UserRecord): Promise<string> {
  return (await sha256Hex(`password:${user.passwordHash}`)).slice(0, 32);
}

/**
 * Stores a new token for `user` and returns the secret to put in the link;
 * `email` is the address the link is sent to (the account's by default).
 */
export async function createToken(
  kv: Deno.Kv,
  purpose: TokenPurpose,
  user: UserRecord,
  email: string = user.email,
): Promise<string> {
  const token = randomToken();
  const lifetime = TOKEN_LIFETIME_MS[purpose];
  const at = now();
  const record: OneTimeToken = {
    purpose,
    userId: user.id,
    email,
    createdAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + lifetime).toISOString(),
  };
  if (purpose === "reset_password") {
    record.passwordStamp = await passwordStamp(user);
  }
  await kv.set(["auth_tokens", purpose, await sha256Hex(token)], record, {
    expireIn: lifetime,
  });
  return token;
}

/** The live stored token for `token`, or null (unknown, malformed, expired). */
export async function findToken(
  kv: Deno.Kv,
  purpose: TokenPurpose,
  token: unknown,
): Promise<Deno.KvEntry<OneTimeToken> | null> {
  if (!isTokenShaped(token)) return null;
  const entry = await kv.get<OneTimeToken>([
    "auth_tokens",
    purpose,
    await sha256Hex(token),
  ]);
  if (entry.versionstamp === null) return null;
  if (Date.parse(entry.value.expiresAt) <= now().getTime()) return null;
  return entry as Deno.KvEntry<OneTimeToken>;
}

/** Adds "still unused, and now used" for `entry` to `op`. */
export function consumeTokenIn(
  op: Deno.AtomicOperation,
  entry: Deno.KvEntry<OneTimeToken>,
): void {
  op.check(entry).delete(entry.key);
}

/**
 * The live link `token` names and the account it was sent for, read for a
 * change the link authorises (check both in its atomic). InvalidTokenError
 * for an unknown, expired or used link, one sent to an address the account
 * no longer has (or, for a verification link, is no longer moving to), or a
 * reset link from before the password last changed.
 */
export async function readLinkedAccount(
  kv: Deno.Kv,
  purpose: TokenPurpose,
  token: unknown,
): Promise<{
  link: Deno.KvEntry<OneTimeToken>;
  entry: Deno.KvEntry<UserRecord>;
}> {
  const link = await findToken(kv, purpose, token);
  if (!link) throw new InvalidTokenError();
  const entry = await readUserEntry(kv, link.value.userId);
  const sentTo = link.value.email;
  const stillTheirs = entry.value &&
    (entry.value.email === sentTo ||
      (purpose === "verify_email" && entry.value.pendingEmail === sentTo));
  if (!stillTheirs) throw new InvalidTokenError();
  if (
    purpose === "reset_password" &&
    link.value.passwordStamp !== await passwordStamp(entry.value!)
  ) {
    throw new InvalidTokenError();
  }
  return { link, entry: entry as Deno.KvEntry<UserRecord> };
}
