/**
 * Reviews in Deno KV.
 *
 * KV keys
 *   ["reviews", reviewId]                         → Review (id: ULID, so key
 *                                                   order is time order)
 *   ["reviews_by_expert", expertId, reviewId]     → reviewId   VISIBLE reviews
 *                                         only: the profile's list, newest first
 *   ["reviews_by_learner", learnerId, reviewId]   → reviewId   the author's own
 *   ["reviews_by_booking", bookingId]             → reviewId   one per booking
 *   ["review_totals", expertId]                   → ReviewTotals   sum of stars
 *                                         and count of the visible reviews
 *   ["review_reports", reviewId, reporterId]      → Report   one per reporter
 *   ["reviews_queue", "reported", reviewId]       → reviewId   open reports
 *   ["reviews_queue", "hidden", reviewId]         → reviewId   hidden reviews
 *   ["review_requests", bookingId]                → ISO time   the learner was
 *                                         asked (expires once the window is over)
 *   ["review_months", expertId, month, "count" | "stars"]   → KvU64   and
 *   ["review_month_edges", expertId, createdMs, reviewId]    → rating
 *                                         the monthly rating counters (see
 *                                         month_counters.ts)
 *
 * The totals are never recounted: every write that changes what counts (a
 * new review, an edited rating, hiding, restoring) adds its difference to
 * them and to the review's monthly counters in the same atomic operation as
 * the review (`stageCountedChange`), with a check on the totals'
 * versionstamp and on the expert's profile, whose shown rating is rewritten
 * from them in that commit (services/experts' `stageExpertRating`).
 * Two writers for one expert therefore cannot both commit on the same
 * totals; the loser reads again and retries (`untilCommitted`).
 */
import { stagePublicChange } from "@/services/platform/public_version.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import {
  stageExpertPageChange,
  stageExpertRating,
} from "@/services/experts/mod.ts";
import { ratingFromTotals } from "@/services/experts/mod.ts";
import { type Review, reviewSchema, type ReviewTotals } from "./model.ts";
import { stageMonthCounters } from "./month_counters.ts";

export const reviewKey = (id: string): Deno.KvKey => ["reviews", id];
export const expertIndexKey = (expertId: string, id: string): Deno.KvKey => [
  "reviews_by_expert",
  expertId,
  id,
];
export const learnerIndexPrefix = (learnerId: string): Deno.KvKey => [
  "reviews_by_learner",
  learnerId,
];
export const learnerIndexKey = (learnerId: string, id: string): Deno.KvKey => [
  ...learnerIndexPrefix(learnerId),
  id,
];
export const bookingReviewKey = (bookingId: string): Deno.KvKey => [
  "reviews_by_booking",
  bookingId,
];
export const totalsKey = (expertId: string): Deno.KvKey => [
  "review_totals",
  expertId,
];
export const reportKey = (reviewId: string, reporterId: string): Deno.KvKey => [
  "review_reports",
  reviewId,
  reporterId,
];
export const queueKey = (
  queue: "reported" | "hidden",
  reviewId: string,
): Deno.KvKey => ["reviews_queue", queue, reviewId];
export const requestKey = (bookingId: string): Deno.KvKey => [
  "review_requests",
  bookingId,
];

/** A stored review, or null when absent or unreadable. */
export function readReview(value: unknown): Review | null {
  if (value === null || value === undefined) return null;
  const parsed = reviewSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  console.error(
    `Review ${(value as { id?: unknown }).id} is unreadable:`,
    parsed.error.issues.map((issue) => issue.message).join("; "),
  );
  return null;
}

export async function getReviewEntry(
  kv: Deno.Kv,
  id: string,
): Promise<{ review: Review; entry: Deno.KvEntryMaybe<unknown> } | null> {
  const entry = await kv.get(reviewKey(id));
  const review = readReview(entry.value);
  return review ? { review, entry } : null;
}

/** Up to 10 reviews by id, in the order asked (null where missing). */
export async function getReviews(
  kv: Deno.Kv,
  ids: string[],
): Promise<(Review | null)[]> {
  const found: (Review | null)[] = [];
  for (let start = 0; start < ids.length; start += 10) {
    const entries = await kv.getMany(
      ids.slice(start, start + 10).map(reviewKey),
    );
    found.push(...entries.map((entry) => readReview(entry.value)));
  }
  return found;
}

/**
 * Adds a review's record and the index keys its state calls for to `op`,
 * removing those `previous` had and `next` no longer has. Checks are the
 * caller's.
 */
export function stageReview(
  op: Deno.AtomicOperation,
  previous: Review | null,
  next: Review,
): Deno.AtomicOperation {
  op.set(reviewKey(next.id), next);
  const visible = (review: Review | null) => review?.status === "visible";
  const reported = (review: Review | null) =>
    visible(review) && review!.openReports > 0;
  const hidden = (review: Review | null) => review?.status === "hidden";
  const toggle = (key: Deno.KvKey, was: boolean, is: boolean) => {
    if (is && !was) op.set(key, next.id);
    if (was && !is) op.delete(key);
  };
  toggle(
    expertIndexKey(next.expertId, next.id),
    visible(previous),
    visible(next),
  );
  toggle(queueKey("reported", next.id), reported(previous), reported(next));
  toggle(queueKey("hidden", next.id), hidden(previous), hidden(next));
  if (previous === null) {
    if (next.learnerId) {
      op.set(learnerIndexKey(next.learnerId, next.id), next.id);
    }
    if (next.bookingId) op.set(bookingReviewKey(next.bookingId), next.id);
  }
  return op;
}

/** What a write adds to an expert's totals: stars and reviews. */
export interface TotalsChange {
  sum: number;
  count: number;
}

/** How `previous` → `next` changes the totals (only visible reviews count). */
export function totalsChange(
  previous: Review | null,
  next: Review,
): TotalsChange {
  const counted = (review: Review | null) =>
    review?.status === "visible" ? review.rating : null;
  const before = counted(previous);
  const after = counted(next);
  return {
    sum: (after ?? 0) - (before ?? 0),
    count: (after === null ? 0 : 1) - (before === null ? 0 : 1),
  };
}

export async function getTotals(
  kv: Deno.Kv,
  expertId: string,
): Promise<ReviewTotals> {
  const entry = await kv.get<ReviewTotals>(totalsKey(expertId));
  return entry.value ?? { sum: 0, count: 0 };
}

/**
 * Stages what `previous` → `next` changes in what counts: the expert's
 * totals (a check on the totals read and on the profile, the new totals,
 * the profile's rating from them) and the monthly counters, all in `op`,
 * the operation that writes the review. Nothing is staged when nothing
 * counted changes. Returns the new totals.
 */
export async function stageCountedChange(
  kv: Deno.Kv,
  op: Deno.AtomicOperation,
  previous: Review | null,
  next: Review,
): Promise<ReviewTotals> {
  const expertId = next.expertId;
  const change = totalsChange(previous, next);
  const entry = await kv.get<ReviewTotals>(totalsKey(expertId));
  const current = entry.value ?? { sum: 0, count: 0 };
  if (change.sum === 0 && change.count === 0) return current;
  const totals = {
    sum: current.sum + change.sum,
    count: current.count + change.count,
  };
  if (totals.sum < 0 || totals.count < 0) {
    throw new Error(`Review totals of ${expertId} would go negative.`);
  }
  op.check(entry).set(totalsKey(expertId), totals);
  stageMonthCounters(op, [{ previous, next }]);
  await stageExpertRating(
    kv,
    op,
    expertId,
    ratingFromTotals(totals.sum, totals.count),
  );
  return totals;
}

/**
 * Where public pages learn that an expert's reviews changed: called after
 * every committed change a visitor can see (a review written, edited,
 * replied to, hidden or restored). A reply or an edited text leaves the
 * profile's totals alone, so the catalog's own bump is not enough: the
 * public version moves here, making cached profiles render again, and the
 * profile's page is stamped as changed.
 */
export async function reviewsChanged(
  kv: Deno.Kv,
  expertId: string,
): Promise<void> {
  // The profile's page changed with them: the sitemap dates it by this.
  await withLockRetry(() =>
    stagePublicChange(stageExpertPageChange(kv.atomic(), expertId)).commit()
  );
}
