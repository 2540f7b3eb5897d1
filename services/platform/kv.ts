/**
 * Opening Deno KV and writing to it safely.
 *
 * The local SQLite backend throws `database is locked` when another process
 * holds the write lock (and occasionally while opening), so both opening and
 * writes retry with a short, growing, jittered back-off.
 */
import { monotonicFactory } from "ulid";
import { now } from "./clock.ts";

/** Where the database lives when neither an argument nor `KV_PATH` says. */
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
 * Opens the app's KV database. `path` defaults to `KV_PATH`, then
 * `./data/taptime.kv`; its folder is created when missing. `":memory:"`
 * gives a throwaway database. On Deno Deploy the path is ignored.
 */
export async function openKv(path?: string): Promise<Deno.Kv> {
  // Deno Deploy gives each project its own managed database and no disk.
  if (readEnv("DENO_DEPLOYMENT_ID")) return await Deno.openKv();
  const target = path ?? readEnv("KV_PATH") ?? DEFAULT_KV_PATH;
  if (target !== ":memory:") {
    const folder = target.replace(/[\\/][^\\/]*$/, "");
    if (folder !== target && folder !== "") {
      await Deno.mkdir(folder, { recursive: true });
    }
  }
  return await withLockRetry(() => Deno.openKv(target));
}

function readEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name) || undefined;
  } catch {
    // Without --allow-env the default path is the sensible answer.
    return undefined;
  }
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
