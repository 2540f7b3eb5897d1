/**
 * Reads that ride along with another read. A signed-in page needs the
 * account and, for its header, the bell's counters and whether the terms
 * are accepted; each is a few keys, and each separate KV read costs far
 * more than a key more in one `getMany`. A feature that owns such keys
 * offers a `CompanionRead`: the keys, and what their entries mean. Whoever
 * reads first carries them, and hands each feature back its own entries.
 *
 * @example
 * const both = combineReads(
 *   await notificationBellRead(kv, userId),
 *   policyAcceptanceRead(kv, userId),
 * );
 * const [bell, needsAcceptance] = both.from(await kv.getMany(both.keys));
 */

/** Keys to read, and what their entries (in the same order) mean. */
export interface CompanionRead<T> {
  keys: Deno.KvKey[];
  from(entries: Deno.KvEntryMaybe<unknown>[]): T;
}

/** Two companion reads as one: their keys in a row, their results as a pair. */
export function combineReads<A, B>(
  a: CompanionRead<A>,
  b: CompanionRead<B>,
): CompanionRead<[A, B]> {
  const split = a.keys.length;
  return {
    keys: [...a.keys, ...b.keys],
    from: (entries) => [
      a.from(entries.slice(0, split)),
      b.from(entries.slice(split)),
    ],
  };
}

/** Reads a companion on its own (`getMany` takes at most 10 keys). */
export async function readAlone<T>(
  kv: Deno.Kv,
  read: CompanionRead<T>,
): Promise<T> {
  return read.from(read.keys.length > 0 ? await kv.getMany(read.keys) : []);
}
