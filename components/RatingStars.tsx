import { formatCount, plural } from "./format.ts";

/** "4.8 out of 5, 120 reviews" — or a note that there are no reviews yet. */
export function ratingLabel(average: number, count: number): string {
  if (count === 0) return "New expert, no reviews yet";
  return `${average.toFixed(1)} out of 5, ${plural(count, "review")}`;
}

const STAR_PATH =
  "M10 1.5l2.6 5.4 5.9.8-4.3 4.1 1 5.8L10 14.8l-5.2 2.8 1-5.8L1.5 7.7l5.9-.8z";

function Star({ fill }: { fill: number }) {
  // `fill` is 0..1; a partly filled star is drawn by clipping a filled copy.
  return (
    <span class="relative inline-block h-4 w-4">
      <svg viewBox="0 0 20 20" class="absolute inset-0 h-4 w-4 fill-slate-300">
        <path d={STAR_PATH} />
      </svg>
      {fill > 0 && (
        <span
          class="absolute inset-y-0 left-0 overflow-hidden"
          style={{ width: `${Math.round(fill * 100)}%` }}
        >
          <svg viewBox="0 0 20 20" class="h-4 w-4 fill-star">
            <path d={STAR_PATH} />
          </svg>
        </span>
      )}
    </span>
  );
}

/**
 * Five stars plus the numbers. The stars are decoration; the visible text
 * and the screen-reader label carry the meaning.
 */
export function RatingStars(
  { average, count }: { average: number; count: number },
) {
  if (count === 0) {
    return (
      <span class="inline-flex items-center rounded-full bg-brand-50 px-2 py-0.5 text-sm font-medium text-brand-900">
        New on TapTime
      </span>
    );
  }
  const stars = [0, 1, 2, 3, 4].map((index) =>
    Math.max(0, Math.min(1, average - index))
  );
  return (
    <span class="inline-flex items-center gap-1.5 text-sm">
      <span class="sr-only">{ratingLabel(average, count)}</span>
      <span aria-hidden="true" class="inline-flex">
        {stars.map((fill, index) => <Star key={index} fill={fill} />)}
      </span>
      <span aria-hidden="true" class="text-slate-700">
        <span class="font-semibold text-slate-900">{average.toFixed(1)}</span>
        {" "}
        ({formatCount(count)})
      </span>
    </span>
  );
}
