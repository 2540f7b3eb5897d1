/**
 * What the server-rendered charts draw: labelled points in order (months,
 * days, weeks), and the arithmetic that turns them into SVG coordinates.
 * Kept apart from the markup so the scale rules have their own tests.
 */

/** One bar or one point of a line: a label on the x axis and its value. */
export interface ChartPoint {
  /** Short axis label ("Mar", "12 May"). */
  label: string;
  value: number;
  /** Longer label for the text equivalent ("March 2026"); defaults to `label`. */
  description?: string;
}

/**
 * The top of the value axis: a "nice" number (1, 2, 2.5 or 5 × 10ⁿ) at or
 * above the largest value, so gridlines land on round figures. An empty or
 * all-zero series still gets an axis (1).
 */
export function niceMaximum(values: readonly number[]): number {
  const largest = Math.max(0, ...values.filter(Number.isFinite));
  if (largest <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(largest));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= largest) return step * magnitude;
  }
  return 10 * magnitude;
}

/** The gridline values from 0 to `maximum`, `count` steps. */
export function gridValues(maximum: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (maximum * i) / count);
}

/**
 * The axis for values that are counts (sessions, sign-ups): a whole-number
 * top and as many steps as divide it evenly (at most 5), so no gridline
 * reads "0.5 sessions".
 */
export function wholeNumberAxis(
  values: readonly number[],
): { maximum: number; steps: number } {
  const maximum = Math.max(1, Math.ceil(niceMaximum(values)));
  if (maximum <= 4) return { maximum, steps: maximum };
  const steps = [4, 5, 3, 2].find((n) => maximum % n === 0) ?? 1;
  return { maximum, steps };
}

/**
 * Which labels to print under the axis when there are too many to fit:
 * every n-th, always including the last, so a 90-day series stays legible
 * at 360 px.
 */
export function visibleLabelIndexes(
  count: number,
  maxLabels: number,
): Set<number> {
  if (count <= maxLabels) {
    return new Set(Array.from({ length: count }, (_, i) => i));
  }
  const every = Math.ceil(count / maxLabels);
  const shown = new Set<number>();
  for (let i = count - 1; i >= 0; i -= every) shown.add(i);
  return shown;
}
