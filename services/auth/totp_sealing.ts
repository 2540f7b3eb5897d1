/**
 * Sealing the TOTP secrets stored before they were encrypted at rest. A
 * secret must be read back at every sign-in, so it cannot be hashed; it is
 * sealed with the app's secret box instead. Sign-in still reads an older
 * plaintext secret (see `openTotpSecret`); this start-up step seals them
 * all, each in an atomic checked on the account's versionstamp.
 */
import { isSealed } from "@/services/platform/secrets.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { sealTotpSecret } from "./totp.ts";
import { ACCOUNT_RETRY, type UserRecord, USERS } from "./users.ts";

/** Seals every plaintext TOTP secret; idempotent. */
export async function sealStoredTotpSecrets(
  kv: Deno.Kv,
): Promise<{ migrated: number; unresolved: { id: string }[] }> {
  let migrated = 0;
  for await (const listed of kv.list<UserRecord>({ prefix: [USERS] })) {
    if (!listed.value.totpSecret || isSealed(listed.value.totpSecret)) continue;
    const sealed = await untilCommitted(async () => {
      const entry = await kv.get<UserRecord>(listed.key);
      const user = entry.value;
      if (!user?.totpSecret || isSealed(user.totpSecret)) return false;
      const op = kv.atomic().check(entry).set(listed.key, {
        ...user,
        totpSecret: await sealTotpSecret(kv, user.id, user.totpSecret),
      });
      return (await op.commit()).ok ? true : RETRY;
    }, ACCOUNT_RETRY);
    if (sealed) migrated++;
  }
  return { migrated, unresolved: [] };
}
