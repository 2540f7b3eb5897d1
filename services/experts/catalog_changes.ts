/**
 * How a write tells every process's catalog (catalog.ts) to re-read one
 * expert: a change-log entry naming the expert and a bump of the experts'
 * version key, both in the writer's own atomic().
 *
 * KV keys
 *   ["experts_meta", "version"]    → { changedAt }   rewritten by every change
 *   ["experts_changes", changeId]  → expertId        change log: one entry per
 *                                                     change, expires after a day
 *
 * Profile writes (store.ts) and next-free-time writes (next_free_store.ts)
 * both go through `stageCatalogChange`.
 */
import { newId } from "@/services/platform/kv.ts";
import { stagePublicChange } from "@/services/platform/public_version.ts";

export const EXPERTS_VERSION_KEY = ["experts_meta", "version"] as const;
export const CHANGE_LOG_PREFIX = ["experts_changes"] as const;

/** How long change-log entries live; a catalog older than this reloads whole. */
export const CHANGE_LOG_TTL_MS = 24 * 60 * 60 * 1000;

/** Adds a change-log entry for `expertId` and the version bump to `op`. */
export function stageCatalogChange(
  op: Deno.AtomicOperation,
  expertId: string,
): Deno.AtomicOperation {
  stagePublicChange(op);
  return op.set([...CHANGE_LOG_PREFIX, newId()], expertId, {
    expireIn: CHANGE_LOG_TTL_MS,
  }).set(EXPERTS_VERSION_KEY, { changedAt: new Date().toISOString() });
}
