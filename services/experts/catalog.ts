/**
 * The per-process expert catalog (catalog_index.ts), kept current with
 * writes from any process.
 *
 * Search does not page through KV. Before every search one `kv.get` of the
 * version key tells whether any process has written an expert since; if so
 * the catalog reads the change log from where it left off and re-reads only
 * the experts named there. It loads everything only when it has no catalog
 * yet, or the log expired past its position. That keeps searches correct
 * across processes (kv.watch does not see other processes' writes on the
 * local backend) while one profile edit costs other processes a few reads,
 * not a reload of every expert.
 *
 * Each expert's next free time (next_free_store.ts) is read with its
 * profile: a change to it logs a catalog change like a profile write.
 */
import { decodeTime, encodeTime } from "ulid";
import { categoryParents } from "@/services/categories/mod.ts";
import { getManyInBatches } from "@/services/platform/kv.ts";
import { ExpertCatalog } from "./catalog_index.ts";
import type { ExpertProfile } from "./model.ts";
import { allNextFree, getNextFreeMany } from "./next_free_store.ts";
import {
  CHANGE_LOG_PREFIX,
  CHANGE_LOG_TTL_MS,
  EXPERT_PREFIX,
  expertKey,
  EXPERTS_VERSION_KEY,
  readStoredExpert,
} from "./store.ts";

/** Change-log entries up to this old are re-listed on every catch-up (see below). */
const CHANGE_LOG_WINDOW_MS = 15_000;
/** Past this many changed experts, reading everything again is cheaper. */
const MAX_INCREMENTAL_CHANGES = 2_000;

interface CatalogState {
  catalog: ExpertCatalog;
  parents: Map<string, string | null>;
  /** The version key's versionstamp the catalog reflects. */
  versionstamp: string | null;
  /** When the last catch-up (or the load) started. */
  syncedAt: number;
  /** The newest change-log id seen; its disappearance means the log was trimmed. */
  anchor: string | null;
  /** Change ids inside the re-listed window that are already applied. */
  applied: Set<string>;
}

/** How much work catalogs have done, for tests and benchmarks. */
export interface CatalogStats {
  /** Catalogs built from every expert record. */
  fullLoads: number;
  /** Expert records read again to catch up with the change log. */
  expertsReread: number;
}

// One catalog per KV handle: tests open many, the app one.
const states = new WeakMap<Deno.Kv, CatalogState>();
const refreshing = new WeakMap<Deno.Kv, Promise<void>>();
const stats = new WeakMap<Deno.Kv, CatalogStats>();

/** Counters of the catalog work done through this KV handle. */
export function catalogStats(kv: Deno.Kv): CatalogStats {
  return { ...(stats.get(kv) ?? { fullLoads: 0, expertsReread: 0 }) };
}

function countWork(kv: Deno.Kv, work: Partial<CatalogStats>): void {
  const current = stats.get(kv) ?? { fullLoads: 0, expertsReread: 0 };
  current.fullLoads += work.fullLoads ?? 0;
  current.expertsReread += work.expertsReread ?? 0;
  stats.set(kv, current);
}

/** The smallest change-log key at or after `time` (ms since the epoch). */
function changeLogKeyAt(time: number): Deno.KvKey {
  return [
    ...CHANGE_LOG_PREFIX,
    encodeTime(Math.max(0, Math.floor(time)), 10) + "0".repeat(16),
  ];
}

/**
 * The change-log entries from `since` (ms since the epoch) on, oldest first. */
async function readChangeLog(kv: Deno.Kv, since: number) {
  const listed: { changeId: string; expertId: string }[] = [];
  const entries = kv.list<string>({
    start: changeLogKeyAt(since),
    end: [...CHANGE_LOG_PREFIX, "\u{10ffff}"],
  });
  for await (const entry of entries) {
    listed.push({ changeId: entry.key[1] as string, expertId: entry.value });
  }
  return listed;
}

/**
 * Builds the catalog from every expert. The change-log window is read
 * before the records, so a change committed meanwhile is either in the
 * records already or read again at the next catch-up; re-reading is harmless.
 */
async function loadCatalog(
  kv: Deno.Kv,
  versionstamp: string | null,
): Promise<CatalogState> {
  const syncedAt = Date.now();
  const parents = await categoryParents(kv);
  const listed = (await readChangeLog(kv, syncedAt - CHANGE_LOG_WINDOW_MS))
    .map((change) => change.changeId);
  const experts: ExpertProfile[] = [];
  for await (const entry of kv.list({ prefix: EXPERT_PREFIX })) {
    const expert = readStoredExpert(entry.value);
    if (expert) experts.push(expert);
  }
  const nextFree = await allNextFree(kv);
  countWork(kv, { fullLoads: 1 });
  return {
    catalog: new ExpertCatalog(experts, parents, nextFree),
    parents,
    versionstamp,
    syncedAt,
    anchor: listed.at(-1) ?? null,
    applied: new Set(listed),
  };
}

/**
 * Brings a catalog up to date by re-reading only the experts named in the
 * change log since it last looked. Returns false when that is not possible
 * (the log was trimmed past its position, or too much changed) and the
 * catalog must be loaded whole.
 *
 * Change ids are ULIDs made before the commit, so two processes can commit
 * them out of order: an id older than the newest one seen may still appear.
 * Each catch-up therefore re-lists the last CHANGE_LOG_WINDOW_MS of the log
 * and skips the ids it already applied.
 */
async function catchUp(
  kv: Deno.Kv,
  state: CatalogState,
  versionstamp: string | null,
): Promise<boolean> {
  const now = Date.now();
  if (now - state.syncedAt > CHANGE_LOG_TTL_MS - CHANGE_LOG_WINDOW_MS) {
    return false;
  }
  const anchorTime = state.anchor === null
    ? state.syncedAt
    : Math.min(decodeTime(state.anchor), state.syncedAt);
  const changes = await readChangeLog(kv, anchorTime - CHANGE_LOG_WINDOW_MS);
  const listed = changes.map((change) => change.changeId);
  const changedIds = new Set<string>();
  for (const { changeId, expertId } of changes) {
    if (!state.applied.has(changeId)) changedIds.add(expertId);
  }
  if (state.anchor !== null && !listed.includes(state.anchor)) return false;
  if (changedIds.size > MAX_INCREMENTAL_CHANGES) return false;

  const ids = [...changedIds];
  const [experts, nextFree] = await Promise.all([
    getManyInBatches(kv, ids.map(expertKey)).then((entries) =>
      entries.map((entry) => readStoredExpert(entry.value))
    ),
    getNextFreeMany(kv, ids),
  ]);
  let parents = state.parents;
  if (
    experts.some((expert) => expert?.categoryIds.some((id) => !parents.has(id)))
  ) {
    parents = await categoryParents(kv);
  }

  // No awaits from here on: searches never see a half-applied catch-up.
  experts.forEach((expert, i) =>
    state.catalog.put(ids[i], expert, parents, nextFree[i])
  );
  const recent = now - CHANGE_LOG_WINDOW_MS;
  state.parents = parents;
  state.versionstamp = versionstamp;
  state.syncedAt = now;
  state.anchor = listed.at(-1) ?? state.anchor;
  state.applied = new Set(
    listed.filter((id) => decodeTime(id) >= Math.min(recent, anchorTime)),
  );
  countWork(kv, { expertsReread: ids.length });
  return true;
}

/**
 * The version read begun in the current synchronous run of code, shared by
 * every call made in it (a page asking for several figures at once). Such
 * calls are simultaneous, so one read answers them all; it is forgotten at
 * the next microtask, before any write awaited after it can have landed.
 */
const versionReads = new WeakMap<
  Deno.Kv,
  Promise<Deno.KvEntryMaybe<unknown>>
>();

function readVersion(kv: Deno.Kv): Promise<Deno.KvEntryMaybe<unknown>> {
  let read = versionReads.get(kv);
  if (!read) {
    read = kv.get(EXPERTS_VERSION_KEY);
    versionReads.set(kv, read);
    queueMicrotask(() => versionReads.delete(kv));
  }
  return read;
}

/** The published-expert catalog, caught up with writes from any process. */
export async function currentCatalog(kv: Deno.Kv): Promise<ExpertCatalog> {
  // Read the version before the log and records: a write landing in between
  // bumps the version again, so the next call catches up once more.
  const { versionstamp } = await readVersion(kv);
  for (;;) {
    const state = states.get(kv);
    if (state && state.versionstamp === versionstamp) return state.catalog;
    const running = refreshing.get(kv);
    if (running) {
      await running;
      // A catch-up for an older version may have finished; check again.
      if (states.get(kv)?.versionstamp === versionstamp) {
        return states.get(kv)!.catalog;
      }
      continue;
    }
    const refresh = (async () => {
      if (!state || !(await catchUp(kv, state, versionstamp))) {
        states.set(kv, await loadCatalog(kv, versionstamp));
      }
    })();
    refreshing.set(kv, refresh);
    try {
      await refresh;
    } finally {
      refreshing.delete(kv);
    }
    return states.get(kv)!.catalog;
  }
}
