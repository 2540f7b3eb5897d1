/**
 * The retired offering kind "package" and the start-up migration that
 * turns stored ones into what replaced them.
 *
 * A package offering was a bundle of N sessions of one length at a total
 * price; learners could neither buy nor book it. A session type with a
 * package option says the same and can be bought (services/packages), so
 * each stored package becomes a session type of the same length whose one
 * package option holds its N sessions at its price. One session then costs
 * the package's price per session, rounded up (never below the price floor),
 * so the package is never dearer than booking its sessions one by one.
 *
 * When the result breaks today's rules (a session dearer than
 * MAX_SESSION_PRICE_MINOR, say), the record is still converted, so no
 * reader ever meets the old kind, but withdrawn (`active: false`) until
 * the expert fixes it, and the migration says why in the log. Session
 * types written before the kind was retired also carry `sessions: null`;
 * the migration drops it.
 *
 * KV keys: those of store.ts (["offerings", expertId, offeringId]).
 */
import { z } from "zod";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import type {
  MigrationLog,
  MigrationResult,
} from "@/services/platform/startup.ts";
import {
  type LoadedOffering,
  MAX_SESSION_PRICE_MINOR,
  MIN_PRICE_MINOR,
  offeringFieldsSchema,
  offeringSchema,
} from "./model.ts";
import { writeOffering } from "./store.ts";

/** An offering as stored before the package kind was retired. */
export const legacyOfferingSchema = offeringSchema.extend({
  kind: z.enum(["session", "package"]),
  sessions: z.number().int().positive().nullable().optional(),
});
export type LegacyOffering = z.output<typeof legacyOfferingSchema>;

/** Thrown out of a write whose record no longer needs migrating. */
class AlreadyDone extends Error {}

/** A stored record the migration has to rewrite. */
function isLegacy(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  return "sessions" in value ||
    (value as { kind?: unknown }).kind !== "session";
}

/**
 * `legacy` as a session type, and why it had to be withdrawn (null when
 * the conversion is faithful).
 */
export function convertLegacyOffering(
  legacy: LegacyOffering,
): { offering: LoadedOffering; withdrawn: string | null } {
  const { sessions, ...rest } = legacy;
  const base: LoadedOffering = {
    ...rest,
    kind: "session",
    recordingOffered: rest.recordingOffered ?? false,
    packageOptions: rest.packageOptions ?? [],
  };
  if (legacy.kind === "session") return { offering: base, withdrawn: null };
  const count = sessions ?? 0;
  const offering: LoadedOffering = {
    ...base,
    priceMinor: Math.min(
      MAX_SESSION_PRICE_MINOR,
      Math.max(MIN_PRICE_MINOR, Math.ceil(legacy.priceMinor / count)),
    ),
    packageOptions: [...base.packageOptions, {
      id: newId(),
      sessions: count,
      priceMinor: legacy.priceMinor,
      currency: legacy.currency,
    }],
  };
  const { id: _id, expertId: _e, createdAt: _c, updatedAt: _u, ...fields } =
    offering;
  const checked = offeringFieldsSchema.safeParse(fields);
  if (checked.success) return { offering, withdrawn: null };
  return {
    offering: { ...offering, active: false },
    withdrawn: checked.error.issues.map((issue) =>
      `${issue.path.join(".")}: ${issue.message}`
    ).join(" "),
  };
}

/**
 * Converts every stored offering of the retired kind, and drops the
 * retired `sessions` field from session types. Idempotent: a second run
 * finds nothing. A record that is not even a valid old offering is left
 * as it is and reported (unresolved); a converted one that had to be
 * withdrawn is logged as a warning naming it.
 */
export async function migrateLegacyOfferings(
  kv: Deno.Kv,
  log: Pick<MigrationLog, "warn"> = console,
): Promise<MigrationResult> {
  const result: MigrationResult = { migrated: 0, unresolved: [] };
  for await (const entry of kv.list({ prefix: ["offerings"] })) {
    if (!isLegacy(entry.value)) continue;
    const [, expertId, offeringId] = entry.key as [string, string, string];
    const id = `offering ${expertId}/${offeringId}`;
    if ((entry.value as { kind?: unknown }).kind === "session") {
      // Only the retired field goes; nothing visible changes, so no new
      // rate and no public version.
      const { sessions: _retired, ...offering } = entry.value as {
        sessions?: unknown;
      };
      const { ok } = await withLockRetry(() =>
        kv.atomic().check(entry).set(entry.key, offering).commit()
      );
      if (ok) result.migrated++;
      continue;
    }
    const parsed = legacyOfferingSchema.safeParse(entry.value);
    if (!parsed.success) {
      result.unresolved.push({
        id,
        reason: parsed.error.issues.map((issue) => issue.message).join(" "),
      });
      continue;
    }
    let withdrawn: string | null = null;
    // Through the one offering write: the expert's rate, "from" price and
    // the public version move in the same commit.
    const gone = await writeOffering(
      kv,
      expertId,
      offeringId,
      (_p, _a, _e, raw) => {
        const fresh = legacyOfferingSchema.safeParse(raw);
        // Changed meanwhile (another process migrated it): nothing to do.
        if (!isLegacy(raw) || !fresh.success) throw new AlreadyDone();
        const outcome = convertLegacyOffering(fresh.data);
        withdrawn = outcome.withdrawn;
        return outcome.offering;
      },
      { evenWhenFrozen: true },
    ).then(() => false, (error) => {
      if (error instanceof AlreadyDone) return true;
      throw error;
    });
    if (gone) continue;
    result.migrated++;
    if (withdrawn !== null) {
      log.warn(
        `Offering package kind: ${id} ("${parsed.data.title}") became a session type with a package option but breaks today's rules, so it was withdrawn until its expert fixes it: ${withdrawn}`,
      );
    }
  }
  return result;
}
