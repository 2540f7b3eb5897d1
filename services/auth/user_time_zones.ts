/**
 * Bringing stored account time zones onto the one rule: a canonical IANA
 * name. Accounts created before the rule may hold a runtime's older
 * spelling of a place (`Asia/Calcutta`), which is rewritten to its canonical
 * name (`Asia/Kolkata`), or a name with no place behind it (`EST`), which no
 * rule can map safely: those are left as they are and reported, for the
 * person to pick their zone again.
 */
import {
  canonicalTimeZoneOf,
  isCanonicalTimeZone,
} from "@/services/platform/model.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { ACCOUNT_RETRY, type UserRecord, USERS } from "./users.ts";

/** An account whose stored time zone has no canonical name. */
export interface UnresolvedTimeZone {
  id: string;
  timeZone: string;
}

/** What `migrateUserTimeZones` did. */
export interface TimeZoneMigration {
  /** Accounts whose zone was rewritten to its canonical name. */
  migrated: number;
  /** Accounts left as they are: their zone has no canonical name. */
  unresolved: UnresolvedTimeZone[];
}

type Step =
  | { kind: "done" }
  | { kind: "migrated" }
  | { kind: "unresolved"; timeZone: string };

/**
 * Rewrites every account's non-canonical time zone that has a canonical
 * name, each in an atomic operation checked on the record's versionstamp
 * (retried when the account changed meanwhile, so a concurrent edit is never
 * overwritten), and returns the accounts whose zone has none. Idempotent: a
 * second run migrates nothing and reports the same unresolved accounts.
 */
export async function migrateUserTimeZones(
  kv: Deno.Kv,
): Promise<TimeZoneMigration> {
  const result: TimeZoneMigration = { migrated: 0, unresolved: [] };
  for await (const listed of kv.list<UserRecord>({ prefix: [USERS] })) {
    if (isCanonical(listed.value)) continue;
    const id = String(listed.key[1]);
    const step = await untilCommitted<Step>(async () => {
      const entry = await kv.get<UserRecord>([USERS, id]);
      const user = entry.value;
      if (user === null || isCanonical(user)) return { kind: "done" };
      const stored = typeof user.timeZone === "string" ? user.timeZone : "";
      const canonical = canonicalTimeZoneOf(stored.trim());
      if (canonical === null) return { kind: "unresolved", timeZone: stored };
      const commit = await kv.atomic().check(entry)
        .set(entry.key, { ...user, timeZone: canonical }).commit();
      return commit.ok ? { kind: "migrated" } : RETRY;
    }, ACCOUNT_RETRY);
    if (step.kind === "migrated") result.migrated++;
    if (step.kind === "unresolved") {
      result.unresolved.push({ id, timeZone: step.timeZone });
    }
  }
  return result;
}

function isCanonical(user: UserRecord | null): boolean {
  return typeof user?.timeZone === "string" &&
    isCanonicalTimeZone(user.timeZone);
}
