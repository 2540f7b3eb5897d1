/**
 * Deleting contact and feedback messages older than their retention period
 * (the `contactRetentionDays` setting; run by services/retention).
 *
 * Both are keyed by ULID (see contact.ts and feedback.ts), so "older than
 * the cutoff" is a key range: every id made before the cutoff sorts before
 * the cutoff's time prefix. Deletions go in batches, each its own atomic,
 * so a long backlog never exceeds KV's limits and a crash loses nothing
 * (the next run carries on).
 */
import { encodeTime } from "ulid";
import { withLockRetry } from "@/services/platform/kv.ts";
import { CONTACT_PREFIX } from "./contact.ts";
import { FEEDBACK_PREFIX, stageFeedbackRemoval } from "./feedback.ts";

const BATCH = 100;

/** The smallest ULID made at `cutoff`: every earlier id sorts before it. */
export function idFloor(cutoff: Date): string {
  return encodeTime(Math.max(0, cutoff.getTime()), 10);
}

/**
 * Deletes every record under `prefix` whose ULID key is older than
 * `cutoff`; `stage` adds any further mutations for a record (counters).
 * Returns how many were deleted.
 */
export async function purgeUlidKeysBefore<T>(
  kv: Deno.Kv,
  prefix: readonly string[],
  cutoff: Date,
  stage?: (op: Deno.AtomicOperation, entry: Deno.KvEntry<T>) => void,
): Promise<number> {
  const end = [...prefix, idFloor(cutoff)];
  let purged = 0;
  for (;;) {
    const batch: Deno.KvEntry<T>[] = [];
    for await (
      const entry of kv.list<T>({ prefix: [...prefix], end }, {
        limit: BATCH,
      })
    ) batch.push(entry);
    if (batch.length === 0) return purged;
    const op = kv.atomic();
    for (const entry of batch) {
      op.check(entry).delete(entry.key);
      stage?.(op, entry);
    }
    // A record changed meanwhile is looked at again on the next pass.
    if ((await withLockRetry(() => op.commit())).ok) purged += batch.length;
  }
}

/** Deletes contact messages received before `cutoff`; returns how many. */
export function purgeContactMessagesBefore(
  kv: Deno.Kv,
  cutoff: Date,
): Promise<number> {
  return purgeUlidKeysBefore(kv, CONTACT_PREFIX, cutoff);
}

/**
 * Deletes feedback given before `cutoff`, taking it out of the running
 * summary in the same commit; returns how many.
 */
export function purgeFeedbackBefore(
  kv: Deno.Kv,
  cutoff: Date,
): Promise<number> {
  return purgeUlidKeysBefore<{ rating: number }>(
    kv,
    FEEDBACK_PREFIX,
    cutoff,
    (op, entry) => stageFeedbackRemoval(op, entry.value.rating),
  );
}

/** Contact and feedback messages before `cutoff`: the one retention policy for both. */
export async function purgeContactAndFeedbackBefore(
  kv: Deno.Kv,
  cutoff: Date,
): Promise<number> {
  return await purgeContactMessagesBefore(kv, cutoff) +
    await purgeFeedbackBefore(kv, cutoff);
}
