/**
 * Opening Deno KV and writing to it safely.
 *
 * The local SQLite backend throws `database is locked` when another process
 * holds the write lock (and occasionally while opening), so both opening and
 * writes retry with a short, growing, jittered back-off.
 */
import { monotonicFactory } from "ulid";
import { now } from "./clock.ts";

/** Where the database lives when `KV_PATH` does not say. */
export const DEFAULT_KV_PATH = "./data/taptime.kv";

const MAX_ATTEMPTS = 8;
const FIRST_DELAY_MS = 10;

/** True for the transient lock error the local SQLite backend throws. */
export function isDatabaseLocked(error: unknown): boolean {
  return error instanceof Error && /database is locked/i.test(error.message);
}

/**
 * Runs `fn`, retrying it when the database is locked by another process.
 * Wrap whole read-check-write sequences, not single calls, so a retry starts
 * from fresh reads.
 */
export async function withLockRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isDatabaseLocked(error) || attempt >= MAX_ATTEMPTS) throw error;
      const delay = FIRST_DELAY_MS * 2 ** (attempt - 1);
      await new Promise((resolve) =>
        setTimeout(resolve, delay / 2 + Math.random() * delay)
      );
    }
  }
}

/**
 * Opens the app's KV database at `path` (default `./data/taptime.kv`; env.ts
 * reads `KV_PATH`), creating its folder when missing. `":memory:"` gives a
 * throwaway database. `managed` (on Deno Deploy, which gives each project its
 * own database and no disk) opens the platform's database and ignores `path`.
 */
export async function openKv(
  path: string = DEFAULT_KV_PATH,
  options: { managed?: boolean } = {},
): Promise<Deno.Kv> {
  if (options.managed) return await Deno.openKv();
  if (path !== ":memory:") {
    const folder = path.replace(/[\\/][^\\/]*$/, "");
    if (folder !== path && folder !== "") {
      await Deno.mkdir(folder, { recursive: true });
    }
  }
  return await withLockRetry(() => Deno.openKv(path));
}

// Monotonic so ids made in the same millisecond still sort in creation order.
let nextUlid = monotonicFactory();
let lastTime = 0;

/**
 * A new sortable unique id (ULID) stamped with the app clock's time: later
 * ids sort after earlier ones, and a period of records is a key range.
 */
export function newId(): string {
  const time = now().getTime();
  // Only a test's fake clock goes back; start a new sequence at that time.
  if (time < lastTime) nextUlid = monotonicFactory();
  lastTime = time;
  return nextUlid(time);
}

/** The most keys one `getMany` reads. */
const GET_MANY_LIMIT = 10;

/**
 * The entries of `keys`, in order, read ten at a time (all batches at
 * once): one read per ten keys instead of one per key.
 *
 * @example
 * const [alice, bob] = await getManyInBatches<User>(kv, [["users", a], ["users", b]]);
 */
export async function getManyInBatches<T>(
  kv: Deno.Kv,
  keys: readonly Deno.KvKey[],
): Promise<Deno.KvEntryMaybe<T>[]> {
  const batches: Promise<Deno.KvEntryMaybe<T>[]>[] = [];
  for (let i = 0; i < keys.length; i += GET_MANY_LIMIT) {
    batches.push(kv.getMany<T[]>(keys.slice(i, i + GET_MANY_LIMIT)));
  }
  return (await Promise.all(batches)).flat();
}
