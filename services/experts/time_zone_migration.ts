/**
 * Rewrites expert profiles whose stored time zone is an older spelling of a
 * canonical zone (`Asia/Calcutta` → `Asia/Kolkata`), from before profiles
 * took canonical IANA names only. Zones with no canonical name (`US/Eastern`,
 * `EST`, garbage) are reported, not guessed at: a person picks the zone.
 *
 * Each rewrite is a normal profile write (`stageExpertWrite`, so the index,
 * change log and version key stay consistent) checked on the versionstamp
 * read, so a profile edited meanwhile is read again rather than overwritten.
 * Running it again finds nothing left to rewrite.
 */
import { categoryParents } from "@/services/categories/mod.ts";
import { ConflictError } from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import {
  canonicalTimeZoneOf,
  isCanonicalTimeZone,
} from "@/services/platform/model.ts";
import type { ExpertProfile } from "./model.ts";
import { EXPERT_PREFIX, expertKey, stageExpertWrite } from "./store.ts";

export interface TimeZoneMigrationResult {
  /** Profiles rewritten with their zone's canonical name. */
  migrated: number;
  /** Profiles whose zone has no canonical name; left as they are. */
  unresolved: { id: string; timeZone: string }[];
}

/** Attempts per profile when it keeps changing under the migration. */
const MAX_ATTEMPTS = 5;

type Outcome = "canonical" | "migrated" | "unresolved" | "gone";

/** Rewrites one profile's zone if it needs it; re-reads on a lost race. */
async function migrateOne(
  kv: Deno.Kv,
  entry: Deno.KvEntry<ExpertProfile>,
  parents: ReadonlyMap<string, string | null>,
): Promise<{ outcome: Outcome; timeZone: string }> {
  let current: Deno.KvEntryMaybe<ExpertProfile> = entry;
  for (let attempt = 1;; attempt++) {
    const profile: ExpertProfile | null = current.value;
    if (profile === null) return { outcome: "gone", timeZone: "" };
    const zone = typeof profile.timeZone === "string"
      ? profile.timeZone
      : String(profile.timeZone);
    if (isCanonicalTimeZone(zone)) {
      return { outcome: "canonical", timeZone: zone };
    }
    const canonical = canonicalTimeZoneOf(zone.trim());
    if (canonical === null) return { outcome: "unresolved", timeZone: zone };
    const updated = { ...profile, timeZone: canonical };
    // The zone is not indexed, so the old and new index keys are the same;
    // writing them all (as for a new profile) restores any a record written
    // outside the write path lacks, and deletes nothing.
    const result = await withLockRetry(() =>
      stageExpertWrite(kv.atomic().check(current), updated, {
        previous: null,
        parents,
      }).commit()
    );
    if (result.ok) return { outcome: "migrated", timeZone: canonical };
    if (attempt >= MAX_ATTEMPTS) {
      throw new ConflictError(
        `Expert ${profile.id} kept changing during the time zone migration; run it again.`,
      );
    }
    current = await kv.get<ExpertProfile>(expertKey(profile.id));
  }
}

/**
 * Gives every expert profile a canonical time zone where one exists, and
 * lists the profiles whose zone has none. Safe to run any number of times,
 * from several processes at once.
 */
export async function migrateExpertTimeZones(
  kv: Deno.Kv,
): Promise<TimeZoneMigrationResult> {
  const parents = await categoryParents(kv);
  const result: TimeZoneMigrationResult = { migrated: 0, unresolved: [] };
  for await (
    const entry of kv.list<ExpertProfile>({ prefix: EXPERT_PREFIX })
  ) {
    const id = String(entry.key[EXPERT_PREFIX.length]);
    const { outcome, timeZone } = await migrateOne(kv, entry, parents);
    if (outcome === "migrated") result.migrated++;
    if (outcome === "unresolved") result.unresolved.push({ id, timeZone });
  }
  return result;
}
