/**
 * The version of everything signed-out visitors can see: expert profiles,
 * offerings, categories, blog posts, reviews, site settings. Pages shared
 * between visitors are cached per URL and this version
 * (middleware/page_cache.ts), so a write that changes public data must bump
 * it; that makes every cached page fresh at once in the writing process and
 * within a second in every other process on the same KV.
 *
 * Experts' next free times change every few seconds across a large
 * catalog and only a few pages show them, so they have a version of their
 * own (availability_version.ts) made the same way (`DataVersion` here), and
 * only those pages' cache keys include it.
 *
 * KV keys
 *   ["public_meta", "version"] → Deno.KvU64   summed by every public write
 *
 * How a writer bumps it:
 * - inside its own atomic: `stagePublicChange(op)` (one line, same commit);
 * - otherwise, after its commit: `await bumpPublicVersion(kv)`.
 *
 * A version has two parts. An in-process counter goes up the moment a
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

/** One version counter kept under one KV key (see the module comment). */
export class DataVersion {
  readonly key: Deno.KvKey;
  #states = new WeakMap<Deno.Kv, VersionState>();
  /** Commits this process made (any KV handle: a few extra misses at worst). */
  #localCommits = 0;
  /** Marks an operation whose commit already counts for this version. */
  #counted = Symbol("versionCounted");

  constructor(key: Deno.KvKey) {
    this.key = key;
  }

  /**
   * Adds the bump to a writer's atomic operation; once that operation
   * commits, this process's pages of this version are stale at once.
   */
  stage(op: Deno.AtomicOperation): Deno.AtomicOperation {
    const staged = op as Deno.AtomicOperation & { [key: symbol]: true };
    if (!staged[this.#counted]) {
      staged[this.#counted] = true;
      const commit = op.commit.bind(op);
      op.commit = async () => {
        const result = await commit();
        if (result.ok) this.#localCommits++;
        return result;
      };
    }
    return op.sum(this.key, 1n);
  }

  /** Bumps the version in a commit of its own (after the writer's commit). */
  async bump(kv: Deno.Kv): Promise<void> {
    await withLockRetry(() => this.stage(kv.atomic()).commit());
  }

  /**
   * The current version as seen by this process: a string that changes
   * whenever the data changes. Cheap: at most one KV read a second.
   */
  async read(kv: Deno.Kv): Promise<string> {
    let state = this.#states.get(kv);
    if (!state) {
      state = {
        stamp: null,
        checkedAt: Number.NEGATIVE_INFINITY,
        reading: null,
      };
      this.#states.set(kv, state);
    }
    // Read before any await: a commit landing meanwhile must not be counted
    // into a key whose page was rendered from older data.
    const local = this.#localCommits;
    const now = Date.now();
    if (now - state.checkedAt >= PUBLIC_VERSION_POLL_MS) {
      await this.#readShared(kv, state, now);
    }
    return `${local}.${state.stamp ?? "0"}`;
  }

  /** One read of the key that concurrent requests share. */
  #readShared(kv: Deno.Kv, state: VersionState, now: number): Promise<void> {
    state.reading ??= (async () => {
      try {
        record(state, (await kv.get(this.key)).versionstamp, now);
      } finally {
        state.reading = null;
      }
    })();
    return state.reading;
  }
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

const PUBLIC = new DataVersion(PUBLIC_VERSION_KEY);

/**
 * Adds the version bump to a writer's atomic operation; once that
 * operation commits, this process's pages are stale at once.
 */
export function stagePublicChange(
  op: Deno.AtomicOperation,
): Deno.AtomicOperation {
  return PUBLIC.stage(op);
}

/** Bumps the version in a commit of its own (after the writer's commit). */
export async function bumpPublicVersion(kv: Deno.Kv): Promise<void> {
  await PUBLIC.bump(kv);
}

/**
 * The current public-data version as seen by this process: a string that
 * changes whenever public data changes. Cheap: at most one KV read a second.
 */
export function publicVersion(kv: Deno.Kv): Promise<string> {
  return PUBLIC.read(kv);
}
