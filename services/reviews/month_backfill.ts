/**
 * Bringing the monthly rating counters (month_counters.ts) up to date with
 * the reviews themselves: a recount of one expert's reviews written as
 * absolute values, and the start-up migration that does it once for every
 * expert with reviews from before the counters existed. Idempotent: a
 * recount that finds the counters right writes nothing, and the migration
 * records when it has finished so later starts skip it.
 *
 * A recount commits only while the expert's totals are unchanged since it
 * read the reviews (every counting write moves them), so a review written
 * meanwhile makes it count again rather than be overwritten.
 */
import type { MigrationResult } from "@/services/platform/startup.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { clockFor } from "@/services/platform/clock.ts";
import type { Review } from "./model.ts";
import {
  BACKFILL_KEY,
  edgeKey,
  monthCounterKey,
  nearMonthStart,
  utcMonthOf,
} from "./month_counters.ts";
import { getReviews, totalsKey } from "./store.ts";
import { REVIEW_RETRY } from "./write.ts";

/** Mutations per commit of one recount (KV allows 1000). */
const COMMIT_MUTATIONS = 500;

type Wanted = Map<string, { key: Deno.KvKey; value: unknown }>;

/** The counter and edge entries `reviews` call for, by key. */
export function counterEntries(reviews: readonly Review[]): Wanted {
  const wanted: Wanted = new Map();
  const add = (key: Deno.KvKey, by: number) => {
    const id = JSON.stringify(key);
    const current = (wanted.get(id)?.value as bigint | undefined) ?? 0n;
    wanted.set(id, { key, value: current + BigInt(by) });
  };
  for (const review of reviews) {
    if (review.status !== "visible") continue;
    const month = utcMonthOf(review.createdAt);
    add(monthCounterKey(review.expertId, month, "count"), 1);
    add(monthCounterKey(review.expertId, month, "stars"), review.rating);
    const createdMs = Date.parse(review.createdAt);
    if (nearMonthStart(createdMs)) {
      const key = edgeKey(review.expertId, createdMs, review.id);
      wanted.set(JSON.stringify(key), { key, value: review.rating });
    }
  }
  for (const entry of wanted.values()) {
    if (typeof entry.value === "bigint") {
      entry.value = new Deno.KvU64(entry.value);
    }
  }
  return wanted;
}

/** An expert's visible reviews, read from the profile's index. */
async function visibleReviews(
  kv: Deno.Kv,
  expertId: string,
): Promise<Review[]> {
  const ids: string[] = [];
  for await (
    const entry of kv.list<string>({ prefix: ["reviews_by_expert", expertId] })
  ) ids.push(entry.value);
  return (await getReviews(kv, ids)).filter((review) =>
    review?.status === "visible"
  ) as Review[];
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Deno.KvU64 && b instanceof Deno.KvU64) {
    return a.value === b.value;
  }
  return a === b;
}

/**
 * Recounts one expert's visible reviews into the counters, writing only
 * what differs. Returns how many counter and edge entries changed.
 */
export async function recountMonthCounters(
  kv: Deno.Kv,
  expertId: string,
): Promise<number> {
  return await untilCommitted(async () => {
    const totals = await kv.get(totalsKey(expertId));
    const wanted = counterEntries(await visibleReviews(kv, expertId));
    const held = [
      ...await Array.fromAsync(
        kv.list({ prefix: ["review_months", expertId] }),
      ),
      ...await Array.fromAsync(
        kv.list({ prefix: ["review_month_edges", expertId] }),
      ),
    ];
    const writes: ((op: Deno.AtomicOperation) => void)[] = [];
    const heldIds = new Set<string>();
    for (const entry of held) {
      const id = JSON.stringify(entry.key);
      heldIds.add(id);
      const want = wanted.get(id);
      if (!want) writes.push((op) => op.delete(entry.key));
      else if (!sameValue(want.value, entry.value)) {
        writes.push((op) => op.set(want.key, want.value));
      }
    }
    for (const [id, want] of wanted) {
      if (!heldIds.has(id)) writes.push((op) => op.set(want.key, want.value));
    }
    for (let start = 0; start < writes.length; start += COMMIT_MUTATIONS) {
      const op = kv.atomic().check(totals);
      for (const write of writes.slice(start, start + COMMIT_MUTATIONS)) {
        write(op);
      }
      // A counting write came between: count again from the reviews.
      if (!(await op.commit()).ok) return RETRY;
    }
    return writes.length;
  }, REVIEW_RETRY);
}

/**
 * The start-up migration: counts every expert's reviews into the monthly
 * counters once (experts with reviews all have totals), then records that
 * it is done. Reports the experts whose counters changed.
 */
export async function backfillMonthCounters(
  kv: Deno.Kv,
): Promise<MigrationResult> {
  const result: MigrationResult = { migrated: 0, unresolved: [] };
  if ((await kv.get(BACKFILL_KEY)).versionstamp !== null) return result;
  for await (const entry of kv.list({ prefix: ["review_totals"] })) {
    const expertId = entry.key[1] as string;
    if (await recountMonthCounters(kv, expertId) > 0) result.migrated++;
  }
  await kv.set(BACKFILL_KEY, { at: clockFor(kv).now().toISOString() });
  return result;
}
