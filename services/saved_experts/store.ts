/**
 * Saved experts in Deno KV.
 *
 * KV keys
 *   ["saved_experts", userId] → SavedList   { experts: [{ expertId, savedAt }] } newest first
 *
 * One record per person, not one key per expert: the list is small
 * (MAX_SAVED_EXPERTS ids, a few KiB), the home and the profile read it in
 * one get, and a save checks the record's versionstamp, so the limit holds
 * and two tabs saving at once cannot lose each other's change.
 */
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { type SavedList, savedListSchema } from "./model.ts";

export function savedKey(userId: string): Deno.KvKey {
  return ["saved_experts", userId];
}

const EMPTY: SavedList = { experts: [] };

/** The stored list, or an empty one (also for a record of an unknown shape). */
export async function readSaved(
  kv: Deno.Kv,
  userId: string,
): Promise<{ list: SavedList; entry: Deno.KvEntryMaybe<unknown> }> {
  const entry = await kv.get(savedKey(userId));
  const parsed = savedListSchema.safeParse(entry.value);
  return { list: parsed.success ? parsed.data : EMPTY, entry };
}

/**
 * Applies `change` to the person's list in a checked write, retried when
 * another write got there first. `change` answers `list: null` to write
 * nothing (already so), and may throw to refuse.
 */
export async function changeSaved<T>(
  kv: Deno.Kv,
  userId: string,
  change: (list: SavedList) => { list: SavedList | null; result: T },
): Promise<T> {
  return await untilCommitted(async () => {
    const { list, entry } = await readSaved(kv, userId);
    const next = change(list);
    if (next.list === null) return next.result;
    const op = kv.atomic().check(entry);
    if (next.list.experts.length === 0) op.delete(entry.key);
    else op.set(entry.key, next.list);
    return (await op.commit()).ok ? next.result : RETRY;
  }, {
    conflictMessage:
      "Your saved experts changed at the same time. Please try again.",
  });
}
