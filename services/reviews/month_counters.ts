/**
 * Monthly rating counters: per expert and month, how many visible reviews
 * were written and their stars added up, so the expert's rating trend is
 * two small range reads instead of a read of every review of the year.
 *
 * KV keys
 *   ["review_months", expertId, "2026-03", "count"]  → Deno.KvU64   visible
 *                          reviews written in that UTC month
 *   ["review_months", expertId, "2026-03", "stars"]  → Deno.KvU64   their
 *                          stars added up
 *   ["review_month_edges", expertId, createdMs, reviewId] → rating (1–5)
 *                          the visible reviews written within a day of a
 *                          UTC month's start (either side)
 *   ["meta", "review_month_counters"]                → { at }   the backfill
 *                          of data written before the counters is done
 *
 * Why UTC months and edges: the trend shows calendar months in the viewer's
 * time zone, which can change at any time. A review's month in any zone
 * differs from its UTC month only when it was written within 14 hours of a
 * UTC month's start (no zone is further from UTC), and every such review is
 * an edge entry, so the reader moves exactly those between months
 * (services/expert_stats' `ratingByMonthFromCounters`) and the figures are the
 * ones a recount in that zone gives.
 *
 * They never drift: every change to what counts (a review written, its
 * rating edited, hidden, restored) stages its difference here in the same
 * atomic operation as the review and the expert's totals (store.ts'
 * `stageCountedChange`), whose versionstamp check already orders all
 * counting writes of one expert. The counters themselves change by `sum`,
 * which needs no read; a decrease is a sum of 2^64 − n, as KvU64 wraps.
 */
import type { Review } from "./model.ts";

const DAY_MS = 86_400_000;
const U64 = 1n << 64n;

/** A UTC month, "2026-03". */
export type UtcMonth = string;

export const monthCounterKey = (
  expertId: string,
  month: UtcMonth,
  field: "count" | "stars",
): Deno.KvKey => ["review_months", expertId, month, field];
export const edgeKey = (
  expertId: string,
  createdMs: number,
  reviewId: string,
): Deno.KvKey => ["review_month_edges", expertId, createdMs, reviewId];
export const BACKFILL_KEY: Deno.KvKey = ["meta", "review_month_counters"];

/** The UTC month an instant falls in. */
export function utcMonthOf(iso: string): UtcMonth {
  return new Date(iso).toISOString().slice(0, 7);
}

/** When `month` begins, in ms since the epoch (`offset` months later). */
export function utcMonthStart(month: UtcMonth, offset = 0): number {
  const [year, index] = month.split("-").map(Number);
  return Date.UTC(year, index - 1 + offset, 1);
}

/** The month after `month`. */
export function nextMonth(month: UtcMonth): UtcMonth {
  return new Date(utcMonthStart(month, 1)).toISOString().slice(0, 7);
}

/** Whether `ms` lies within a day of the start of its UTC month or the next. */
export function nearMonthStart(ms: number): boolean {
  const month = utcMonthOf(new Date(ms).toISOString());
  return ms - utcMonthStart(month) < DAY_MS ||
    utcMonthStart(month, 1) - ms <= DAY_MS;
}

/** A review before and after one write (`previous` null for a new one). */
export interface ReviewChange {
  previous: Review | null;
  next: Review;
}

const counted = (review: Review | null) =>
  review?.status === "visible" ? review.rating : null;

/** A KvU64 sum operand adding `n` (negative n subtracts, by wrapping). */
function u64(n: number): bigint {
  return n >= 0 ? BigInt(n) : U64 - BigInt(-n);
}

/**
 * Stages what `changes` do to the counters: one sum per counter key (the
 * seed writes hundreds of reviews of one expert in one operation), and the
 * edge entries set or removed. Checks are the caller's. Returns the number
 * of mutations staged.
 */
export function stageMonthCounters(
  op: Deno.AtomicOperation,
  changes: readonly ReviewChange[],
): number {
  const sums = new Map<string, { key: Deno.KvKey; by: number }>();
  const add = (key: Deno.KvKey, by: number) => {
    const id = JSON.stringify(key);
    const sum = sums.get(id) ?? { key, by: 0 };
    sum.by += by;
    sums.set(id, sum);
  };
  let mutations = 0;
  for (const { previous, next } of changes) {
    const before = counted(previous);
    const after = counted(next);
    if (before === after) continue;
    const month = utcMonthOf(next.createdAt);
    add(
      monthCounterKey(next.expertId, month, "count"),
      (after === null ? 0 : 1) - (before === null ? 0 : 1),
    );
    add(
      monthCounterKey(next.expertId, month, "stars"),
      (after ?? 0) - (before ?? 0),
    );
    const createdMs = Date.parse(next.createdAt);
    if (nearMonthStart(createdMs)) {
      const key = edgeKey(next.expertId, createdMs, next.id);
      if (after === null) op.delete(key);
      else op.set(key, after);
      mutations++;
    }
  }
  for (const { key, by } of sums.values()) {
    if (by === 0) continue;
    op.sum(key, u64(by));
    mutations++;
  }
  return mutations;
}

/** Most mutations `stageMonthCounters` stages for new `reviews`. */
export function monthCounterMutations(reviews: readonly Review[]): number {
  const months = new Set(reviews.map((review) => utcMonthOf(review.createdAt)));
  const edges =
    reviews.filter((review) => nearMonthStart(Date.parse(review.createdAt)))
      .length;
  return 2 * months.size + edges;
}

/** One UTC month's counters. */
export interface MonthCount {
  month: UtcMonth;
  count: number;
  stars: number;
}

/** A visible review written near a UTC month's start. */
export interface EdgeRating {
  createdAt: string;
  rating: number;
}

/** Every counter and edge entry of an expert, as the store holds them. */
export interface MonthCounters {
  months: MonthCount[];
  edges: EdgeRating[];
}

/** A counter's value as a number (absent counts as 0). */
function fromU64(value: unknown): number {
  if (!(value instanceof Deno.KvU64)) return 0;
  // A wrapped value would be a negative count: a bug; show it, don't hide it.
  if (value.value >= U64 / 2n) return -Number(U64 - value.value);
  return Number(value.value);
}

/**
 * The counters of the UTC months `first` to `last` (those with any review;
 * each with both fields) and the edge entries from a day before `first`
 * begins to a day after `last` ends: two range reads, whatever the number
 * of reviews.
 */
export async function readMonthCounters(
  kv: Deno.Kv,
  expertId: string,
  first: UtcMonth,
  last: UtcMonth,
): Promise<MonthCounters> {
  const [counters, edges] = await Promise.all([
    Array.fromAsync(kv.list({
      start: ["review_months", expertId, first],
      end: ["review_months", expertId, nextMonth(last)],
    }, { batchSize: 100 })),
    Array.fromAsync(kv.list<number>({
      start: ["review_month_edges", expertId, utcMonthStart(first) - DAY_MS],
      end: ["review_month_edges", expertId, utcMonthStart(last, 1) + DAY_MS],
    }, { batchSize: 100 })),
  ]);
  const months = new Map<UtcMonth, MonthCount>();
  for (const entry of counters) {
    const [, , month, field] = entry.key as [string, string, string, string];
    const found = months.get(month) ?? { month, count: 0, stars: 0 };
    if (field === "count") found.count = fromU64(entry.value);
    if (field === "stars") found.stars = fromU64(entry.value);
    months.set(month, found);
  }
  return {
    months: [...months.values()],
    edges: edges.map((entry) => ({
      createdAt: new Date(entry.key[2] as number).toISOString(),
      rating: entry.value,
    })),
  };
}
