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
 * The version has two parts. An in-process counter goes up the moment a
 * staged commit succeeds (before the writer's `await` returns), so the
 * writing process never serves an older page again; the KV key, re-read at
 * most once a second, brings other processes' writes. A page's version is
 * read before it renders, so a page rendered while a commit lands is kept
 * under the old version, which is never asked for again.
 */
import { withLockRetry } from "./kv.ts";

export const PUBLIC_VERSION_KEY = ["public_meta", "version"] as const;

/** How often other processes' writes are looked for. */
export const PUBLIC_VERSION_POLL_MS = 1_000;

interface VersionState {
  /** Versionstamp of the key when last read (`null`: never written). */
  stamp: string | null;
  checkedAt: number;
  reading: Promise<void> | null;
}

const states = new WeakMap<Deno.Kv, VersionState>();
/** Public commits this process made (any KV handle: a few extra misses at worst). */
let localCommits = 0;

/**
 * Adds the version bump to a writer's atomic operation; once that
 * operation commits, this process's pages are stale at once.
 */
export function stagePublicChange(
  op: Deno.AtomicOperation,
): Deno.AtomicOperation {
  const staged = op as Deno.AtomicOperation & { [COUNTED]?: true };
  if (!staged[COUNTED]) {
    staged[COUNTED] = true;
    const commit = op.commit.bind(op);
    op.commit = async () => {
      const result = await commit();
      if (result.ok) localCommits++;
      return result;
    };
  }
  return op.sum(PUBLIC_VERSION_KEY, 1n);
}

const COUNTED = Symbol("publicVersionCounted");

/** Bumps the version in a commit of its own (after the writer's commit). */
export async function bumpPublicVersion(kv: Deno.Kv): Promise<void> {
  await withLockRetry(() => stagePublicChange(kv.atomic()).commit());
}

/**
 * The current public-data version as seen by this process: a string that
 * changes whenever public data changes. Cheap: at most one KV read a second.
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
  // Read before any await: a commit landing meanwhile must not be counted
  // into a key whose page was rendered from older data.
  const local = localCommits;
  const now = Date.now();
  if (now - state.checkedAt >= PUBLIC_VERSION_POLL_MS) {
    await readShared(kv, state, now);
  }
  return `${local}.${state.stamp ?? "0"}`;
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
 * and compare as strings, so a slow read cannot put an older version back.
 */
function record(state: VersionState, stamp: string | null, now: number) {
  if (stamp !== null && (state.stamp === null || stamp > state.stamp)) {
    state.stamp = stamp;
  }
  state.checkedAt = Math.max(state.checkedAt, now);
}
