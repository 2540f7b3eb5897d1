import { formatCount, plural } from "@/web/format.ts";

/** "4.8 out of 5, 120 reviews" — or a note that there are no reviews yet. */
export function ratingLabel(average: number, count: number): string {
  if (count === 0) return "New expert, no reviews yet";
  return `${average.toFixed(1)} out of 5, ${plural(count, "review")}`;
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
  return (
    <span class="inline-flex items-center gap-1.5 text-sm">
      <span class="sr-only">{ratingLabel(average, count)}</span>
      {
        /* One element drawn by CSS (see .rating-stars): result lists show
          dozens of these, and ten SVGs each made pages heavy. */
      }
      <span
        aria-hidden="true"
        class="rating-stars"
        style={`--rating:${Math.max(0, Math.min(5, average))}`}
      />
      <span aria-hidden="true" class="text-slate-700">
        <span class="font-semibold text-slate-900">{average.toFixed(1)}</span>
        {" "}
        ({formatCount(count)})
      </span>
    </span>
  );
}
