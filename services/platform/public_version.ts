/**
 * The version of everything signed-out visitors can see: expert profiles
 * and their next free times, offerings, categories, blog posts, site
 * settings. Pages shared between visitors are cached per URL and this
 * version (middleware/page_cache.ts), so a write that changes public data
 * must bump it; that makes every cached page fresh at once in the writing
 * process and within a second in every other process on the same KV.
 *
 * KV keys
 *   ["public_meta", "version"] → Deno.KvU64   summed by every public write
 *
 * How a writer bumps it:
 * - inside its own atomic: `stagePublicChange(op)` (one line, same commit);
 * - otherwise, after its commit: `await bumpPublicVersion(kv)`.
 *
 * How a reader sees it: `publicVersion(kv)` re-reads the key at most once a
 * second, and on every call for a short while after this process staged a
 * change (its commit may land a moment later, and the writing process must
 * not serve the old page after it). The version is read before a page
 * renders, so a cached page is never older than its key.
 */
import { withLockRetry } from "./kv.ts";

export const PUBLIC_VERSION_KEY = ["public_meta", "version"] as const;

/** How often other processes' writes are looked for. */
export const PUBLIC_VERSION_POLL_MS = 1_000;
/** After staging a change, every read looks at the key for this long. */
const FRESH_WINDOW_MS = 2_000;

interface VersionState {
  /** Versionstamp of the key when last read (`null`: never written). */
  stamp: string | null;
  checkedAt: number;
  reading: Promise<void> | null;
}

const states = new WeakMap<Deno.Kv, VersionState>();
/** When this process last staged a public change (any KV handle). */
let stagedAt = Number.NEGATIVE_INFINITY;

/** Adds the version bump to a writer's atomic operation. */
export function stagePublicChange(
  op: Deno.AtomicOperation,
): Deno.AtomicOperation {
  stagedAt = Date.now();
  return op.sum(PUBLIC_VERSION_KEY, 1n);
}

/** Bumps the version in a commit of its own (after the writer's commit). */
export async function bumpPublicVersion(kv: Deno.Kv): Promise<void> {
  await withLockRetry(() => stagePublicChange(kv.atomic()).commit());
  const state = states.get(kv);
  // The next read must look, whatever the poll clock says.
  if (state) state.checkedAt = Number.NEGATIVE_INFINITY;
}

/**
 * The current public-data version as seen by this process: a string that
 * changes whenever public data changes. Cheap: usually no KV read.
 */
export async function publicVersion(kv: Deno.Kv): Promise<string> {
  let state = states.get(kv);
  if (!state) {
    state = {
      stamp: null,
      checkedAt: Number.NEGATIVE_INFINITY,
      reading: null,
    };
    states.set(kv, state);
  }
  const now = Date.now();
  if (now - stagedAt < FRESH_WINDOW_MS) {
    // A read already under way may have started before this process's
    // commit landed: read afresh.
    record(state, (await kv.get(PUBLIC_VERSION_KEY)).versionstamp, now);
  } else if (now - state.checkedAt >= PUBLIC_VERSION_POLL_MS) {
    await readShared(kv, state, now);
  }
  return state.stamp ?? "0";
}

/** One read of the key that concurrent requests share. */
function readShared(
  kv: Deno.Kv,
  state: VersionState,
  now: number,
): Promise<void> {
  state.reading ??= (async () => {
    try {
      record(state, (await kv.get(PUBLIC_VERSION_KEY)).versionstamp, now);
    } finally {
      state.reading = null;
    }
  })();
  return state.reading;
}

/**
 * Keeps the newer of two readings: versionstamps grow with every commit
 * and compare as strings, so a slow read that started earlier cannot put
 * an older version back.
 */
function record(state: VersionState, stamp: string | null, now: number) {
  if (stamp !== null && (state.stamp === null || stamp > state.stamp)) {
    state.stamp = stamp;
  }
  state.checkedAt = Math.max(state.checkedAt, now);
}
