/**
 * Half-open stretches of time in epoch milliseconds, and the one way they
 * are merged: working hours and busy times are both unions, so periods that
 * overlap or touch become one.
 */

/** `[start, end)` in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/** The union of `spans` as sorted, disjoint, non-touching spans. */
export function mergeSpans(spans: Span[]): Span[] {
  const ordered = spans.filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of ordered) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start <= last.end) {
      if (span.end > last.end) last.end = span.end;
    } else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}

/**
 * Index of the first of sorted, disjoint `spans` that ends after `ms`
 * (spans.length when none does): the only one that can hold or follow `ms`.
 */
export function firstEndingAfter(spans: readonly Span[], ms: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (spans[middle].end > ms) high = middle;
    else low = middle + 1;
  }
  return low;
}
