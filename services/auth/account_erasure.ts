/**
 * What the privacy feature needs from accounts, and only accounts may do:
 * confirm it is really the owner (re-authentication, as for an email
 * change), and erase an account's personal fields once its deletion is due.
 *
 * Erasing keeps the record (bookings, reviews and ledger entries name its
 * id, which is pseudonymous on its own) but leaves nothing that says who the
 * person was: the name becomes "Former member", the email a unique
 * tombstone at a reserved domain, the password and second factor go, every
 * session ends, and the account is suspended so nothing can sign in to it.
 * The user keys written here (see users.ts, sessions.ts, totp.ts and
 * login_throttle.ts for their designs) are the only ones touched.
 */
import { z } from "zod";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { InvalidCodeError } from "./errors.ts";
import { assertCurrentPassword } from "./passwords.ts";
import {
  deleteSessionRefs,
  listSessionRefs,
  stageSessionEnds,
} from "./sessions.ts";
import {
  checkSecondFactor,
  RECOVERY_CODES,
  spendProof,
  TOTP_LAST_STEP,
  TOTP_SETUP,
} from "./totp.ts";
import {
  ACCOUNT_RETRY,
  requireUserEntry,
  type UserRecord,
  USERS,
  USERS_BY_EMAIL,
} from "./users.ts";

/** Background work acts as the system in the audit log. */
const SYSTEM_META = { ip: "system", userAgent: "TapTime" };

/** The name an erased account shows wherever its name was shown. */
export const FORMER_MEMBER_NAME = "Former member";

/** The reserved domain of erased accounts' tombstone addresses. */
export const TOMBSTONE_DOMAIN = "deleted.invalid";

/** What the owner gives to confirm it is them: whatever the account uses. */
export const reauthInputSchema = z.object({
  password: z.string().max(1000).optional(),
  code: z.string().max(100).optional(),
});
export type ReauthInput = z.input<typeof reauthInputSchema>;

/** Which proofs `reauthenticate` asks of this account. */
export async function reauthRequirements(
  kv: Deno.Kv,
  userId: string,
): Promise<{ password: boolean; code: boolean }> {
  const user = (await requireUserEntry(kv, userId)).value;
  return { password: user.passwordHash !== "", code: user.totpSecret !== null };
}

/**
 * Confirms the signed-in person is the account's owner: the password when
 * the account has one (rate-limited like a login), and the second factor
 * when it is on (each code works once). A social-only account without 2FA
 * has neither; its fresh session is the proof. ValidationError names the
 * missing field; a wrong password or code answers as on sign-in.
 */
export async function reauthenticate(
  kv: Deno.Kv,
  userId: string,
  input: ReauthInput,
): Promise<void> {
  const { password, code } = reauthInputSchema.parse(input);
  const user = (await requireUserEntry(kv, userId)).value;
  const missing: Record<string, string[]> = {};
  if (user.passwordHash !== "" && !password) {
    missing.password = ["Enter your password."];
  }
  if (user.totpSecret !== null && !code?.trim()) {
    missing.code = ["Enter a code from your authenticator app."];
  }
  if (Object.keys(missing).length > 0) {
    throw new ValidationError("Confirm it is you.", missing);
  }
  if (user.passwordHash !== "") {
    await assertCurrentPassword(kv, user, password!, "password");
  }
  if (user.totpSecret !== null) {
    await untilCommitted(async () => {
      const proof = await checkSecondFactor(kv, user, code!);
      if (!proof) throw new InvalidCodeError();
      const op = kv.atomic();
      spendProof(op, user.id, proof);
      return (await op.commit()).ok ? true : RETRY;
    }, ACCOUNT_RETRY);
  }
}

/** What an erased account was, so the caller can scrub copies elsewhere. */
export interface ErasedIdentity {
  email: string;
  pendingEmail: string | null;
  name: string;
}

/**
 * Erases the account's personal fields, ends every session and removes its
 * second factor and sign-in history. Idempotent: an account already erased
 * answers null. `pseudonym` makes the tombstone address unique.
 */
export async function eraseAccountIdentity(
  kv: Deno.Kv,
  userId: string,
  pseudonym: string,
): Promise<ErasedIdentity | null> {
  const tombstone = `${pseudonym}@${TOMBSTONE_DOMAIN}`;
  const erased = await untilCommitted(async () => {
    const entry = await requireUserEntry(kv, userId);
    const user = entry.value;
    if (user.email === tombstone) return null;
    const updated: UserRecord = {
      ...user,
      name: FORMER_MEMBER_NAME,
      email: tombstone,
      pendingEmail: null,
      emailVerified: false,
      passwordHash: "",
      totpSecret: null,
      status: "suspended",
      updatedAt: now().toISOString(),
    };
    const op = kv.atomic()
      .check(entry)
      .set([USERS, userId], updated)
      .delete([USERS_BY_EMAIL, user.email])
      .set([USERS_BY_EMAIL, tombstone], userId)
      .delete([TOTP_SETUP, userId])
      .delete([TOTP_LAST_STEP, userId])
      .delete(["login_failures", user.email]);
    addSecurityEvent(op, {
      type: "account_erased",
      actorId: null,
      userId,
      details: {},
    }, SYSTEM_META);
    return (await op.commit()).ok
      ? {
        email: user.email,
        pendingEmail: user.pendingEmail ?? null,
        name: user.name,
      }
      : RETRY;
  }, ACCOUNT_RETRY);
  // Sessions, recovery codes and known sources are many keys: removed in
  // batches after the record, which already refuses every sign-in.
  await endAllSessions(kv, userId);
  for (const prefix of [[RECOVERY_CODES, userId], ["known_sources", userId]]) {
    for await (const entry of kv.list({ prefix })) await kv.delete(entry.key);
  }
  return erased;
}

/** Ends every session of the account (every device is signed out). */
export async function endAllSessions(
  kv: Deno.Kv,
  userId: string,
): Promise<void> {
  const refs = await listSessionRefs(kv, userId);
  if (refs.length === 0) return;
  const op = kv.atomic();
  const rest = stageSessionEnds(op, refs);
  await op.commit();
  await deleteSessionRefs(kv, rest);
}
