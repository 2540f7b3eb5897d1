/**
 * Each published expert's next free time, kept in KV beside the search
 * index, so browse can offer "available in the next 7 days" and "soonest
 * available" without computing anyone's slots while a visitor waits. The
 * value is computed in the background with the slot engine
 * (next_free_refresh.ts); this module stores it and says when it is due.
 *
 * KV keys
 *   ["expert_next_free", expertId]            → NextFreeRecord
 *   ["expert_next_free_due", dueAtMs, id]     → true   one per record: when it
 *       should be computed again — the earlier of STALE_AFTER_MS after the
 *       last computation and the free time itself (once that has passed,
 *       the expert's next free time is later). The refresh cron reads this
 *       index from its start up to now, in bounded batches.
 *
 * The catalog (catalog.ts) holds each record's start; a write changes what
 * it holds only when a record appears or goes or its start changes, so only
 * those writes log a catalog change (`stageNextFreeChange`). Re-checks that
 * find the same start move the due key alone and cost other processes
 * nothing. Such a change bumps the availability version
 * (services/platform/availability_version.ts), not the public one: only
 * pages that filter or order by free time render again, while home,
 * profiles and other browse pages stay cached.
 *
 * Two computations of one expert may finish out of order. Each carries the
 * time it started (`checkedAt`); an older one never replaces a newer one,
 * because it may have read the bookings from before the change that queued
 * the newer one.
 */
import { z } from "zod";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { getManyInBatches, newId } from "@/services/platform/kv.ts";
import { stageAvailabilityChange } from "@/services/platform/availability_version.ts";
import {
  CHANGE_LOG_PREFIX,
  CHANGE_LOG_TTL_MS,
  EXPERTS_VERSION_KEY,
} from "./catalog_changes.ts";

export const NEXT_FREE_PREFIX = ["expert_next_free"] as const;
export const NEXT_FREE_DUE_PREFIX = ["expert_next_free_due"] as const;

/** A stored free time is computed again at least this often. */
export const STALE_AFTER_MS = 15 * 60_000;
/** The soonest a record is due again, so a free time starting now is not recomputed in a loop. */
const MIN_RECHECK_MS = 60_000;
/** A claimed refresh that never reported back is claimed again after this long. */
export const CLAIM_MS = 5 * 60_000;

export const nextFreeRecordSchema = z.object({
  /** The soonest bookable start (UTC ISO); null when nothing is free in the search window. */
  start: z.iso.datetime().nullable(),
  /** When the computation that found `start` began (ms); null while it has never run. */
  checkedAt: z.number().nullable(),
  /** When to compute it again (ms); the due index holds the same number. */
  dueAt: z.number(),
});

export type NextFreeRecord = z.infer<typeof nextFreeRecordSchema>;

/** What computing an expert's next free time found. */
export type NextFreeFinding =
  /** The expert is not listed (unpublished, suspended, gone): nothing to keep. */
  | { listed: false }
  /** The soonest bookable start, or null when none is free. */
  | { listed: true; start: string | null };

export function nextFreeKey(expertId: string): Deno.KvKey {
  return [...NEXT_FREE_PREFIX, expertId];
}

function dueKey(dueAt: number, expertId: string): Deno.KvKey {
  return [...NEXT_FREE_DUE_PREFIX, dueAt, expertId];
}

/**
 * Tells every process's catalog to re-read the expert (the same change-log
 * entry and experts' version as catalog_changes.ts's `stageCatalogChange`)
 * and bumps the availability version instead of the public one.
 */
function stageNextFreeChange(
  op: Deno.AtomicOperation,
  expertId: string,
): Deno.AtomicOperation {
  stageAvailabilityChange(op);
  return op.set([...CHANGE_LOG_PREFIX, newId()], expertId, {
    expireIn: CHANGE_LOG_TTL_MS,
  }).set(EXPERTS_VERSION_KEY, { changedAt: new Date().toISOString() });
}

/** A stored record, or null when there is none or it cannot be read. */
export function readNextFreeRecord(value: unknown): NextFreeRecord | null {
  const parsed = nextFreeRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The expert's stored next free time, or null when none is stored. */
export async function getNextFree(
  kv: Deno.Kv,
  expertId: string,
): Promise<NextFreeRecord | null> {
  return readNextFreeRecord((await kv.get(nextFreeKey(expertId))).value);
}

/** When a record computed at `checkedAt` that found `start` is due again. */
export function dueAfter(checkedAt: number, start: string | null): number {
  const stale = checkedAt + STALE_AFTER_MS;
  if (start === null) return stale;
  return Math.max(
    checkedAt + MIN_RECHECK_MS,
    Math.min(stale, Date.parse(start)),
  );
}

/**
 * Stores what a computation that began at `checkedAt` found, unless a
 * computation that began later has already stored its result. Returns
 * whether it was stored.
 */
export async function storeNextFree(
  kv: Deno.Kv,
  expertId: string,
  finding: NextFreeFinding,
  checkedAt: number,
): Promise<boolean> {
  return await untilCommitted(async () => {
    const entry = await kv.get(nextFreeKey(expertId));
    const previous = readNextFreeRecord(entry.value);
    if (previous?.checkedAt != null && previous.checkedAt > checkedAt) {
      return false;
    }
    const op = kv.atomic().check(entry);
    if (previous) op.delete(dueKey(previous.dueAt, expertId));
    if (!finding.listed) {
      if (entry.versionstamp === null) return true;
      op.delete(nextFreeKey(expertId));
      stageNextFreeChange(op, expertId);
    } else {
      const record: NextFreeRecord = {
        start: finding.start,
        checkedAt,
        dueAt: dueAfter(checkedAt, finding.start),
      };
      op.set(nextFreeKey(expertId), record)
        .set(dueKey(record.dueAt, expertId), true);
      if (!previous || previous.start !== record.start) {
        stageNextFreeChange(op, expertId);
      }
    }
    return (await op.commit()).ok ? true : RETRY;
  });
}

/** Ids of experts whose records are due at `now`, most overdue first. */
export async function dueNextFreeIds(
  kv: Deno.Kv,
  now: number,
  limit: number,
): Promise<string[]> {
  const ids: string[] = [];
  const entries = kv.list({
    start: NEXT_FREE_DUE_PREFIX,
    end: [...NEXT_FREE_DUE_PREFIX, now + 1],
  }, { limit });
  for await (const entry of entries) ids.push(entry.key[2] as string);
  return ids;
}

/**
 * Claims an expert's refresh for whoever queues it: a due record's due time
 * moves CLAIM_MS on (a record not yet due is someone else's claim: false),
 * and an expert without a record gets one with no free time, not yet
 * computed. So two processes' crons, or two ticks, never queue one expert
 * twice; a refresh that is lost is claimed again after CLAIM_MS.
 */
export async function claimNextFreeRefresh(
  kv: Deno.Kv,
  expertId: string,
  now: number,
): Promise<boolean> {
  const entry = await kv.get(nextFreeKey(expertId));
  const previous = readNextFreeRecord(entry.value);
  if (previous && previous.dueAt > now) return false;
  const claimed: NextFreeRecord = {
    start: previous?.start ?? null,
    checkedAt: previous?.checkedAt ?? null,
    dueAt: now + CLAIM_MS,
  };
  const op = kv.atomic().check(entry)
    .set(nextFreeKey(expertId), claimed)
    .set(dueKey(claimed.dueAt, expertId), true);
  if (previous) op.delete(dueKey(previous.dueAt, expertId));
  // The catalog learns that the expert has a record, so it stops asking.
  else stageNextFreeChange(op, expertId);
  return (await op.commit()).ok;
}

/** The stored records of `expertIds`, in order (null where none is stored). */
export async function getNextFreeMany(
  kv: Deno.Kv,
  expertIds: readonly string[],
): Promise<(NextFreeRecord | null)[]> {
  const entries = await getManyInBatches(kv, expertIds.map(nextFreeKey));
  return entries.map((entry) => readNextFreeRecord(entry.value));
}

/** Every stored record by expert id, for loading a catalog. */
export async function allNextFree(
  kv: Deno.Kv,
): Promise<Map<string, NextFreeRecord>> {
  const records = new Map<string, NextFreeRecord>();
  for await (const entry of kv.list({ prefix: NEXT_FREE_PREFIX })) {
    const record = readNextFreeRecord(entry.value);
    if (record) records.set(entry.key[1] as string, record);
  }
  return records;
}
