/**
 * Latency statistics for the load generator. Percentiles use the
 * nearest-rank method: p99 is a latency some request actually had, never an
 * interpolation between two, which keeps small samples honest.
 */

/** Summary of one target's measured request latencies, in milliseconds. */
export interface LatencySummary {
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/**
 * The nearest-rank `p`th percentile (0 < p ≤ 100) of values already sorted
 * ascending. Returns NaN for an empty sample: no requests means no latency,
 * and a 0 would read as "instant".
 */
export function percentile(
  sortedAscending: ArrayLike<number>,
  p: number,
): number {
  if (!(p > 0 && p <= 100)) {
    throw new RangeError(`Percentile must be in (0, 100], got ${p}.`);
  }
  const count = sortedAscending.length;
  if (count === 0) return NaN;
  const rank = Math.ceil((p / 100) * count);
  return sortedAscending[Math.min(rank, count) - 1];
}

/** p50, p99, mean and max of unsorted latencies (the input is not modified). */
export function summarizeLatencies(
  latenciesMs: ArrayLike<number>,
): LatencySummary {
  const sorted = Float64Array.from(latenciesMs).sort();
  if (sorted.length === 0) return { p50: NaN, p99: NaN, mean: NaN, max: NaN };
  let total = 0;
  for (const value of sorted) total += value;
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: total / sorted.length,
    max: sorted[sorted.length - 1],
  };
}
