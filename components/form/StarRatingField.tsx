/**
 * The star rating of the feedback form, a group in the shared
 * {@linkcode Fieldset} frame.
 */
import { Fieldset } from "./Field.tsx";

const STAR_LABELS = ["Poor", "Fair", "Good", "Very good", "Excellent"];

const STAR_PATH =
  "M12 2.5l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5L2.5 9.4l6.6-.9z";

/**
 * A required 1–5 rating as a group of radio buttons drawn as stars (see
 * `.star-rating` in static/styles.css). Each star has a visible word, so the
 * meaning never depends on colour, and the radios keep native keyboard use.
 */
export function StarRatingField(
  { name, legend, value, error }: {
    name: string;
    legend: string;
    value: string;
    error?: string;
  },
) {
  return (
    <Fieldset id={name} legend={legend} error={error} class="star-rating">
      <div class="mt-2 grid max-w-sm grid-cols-5 gap-1">
        {STAR_LABELS.map((label, index) => {
          const stars = index + 1;
          return (
            <label
              key={stars}
              class="star-rating-star flex cursor-pointer flex-col items-center gap-1 rounded-md p-1 text-center text-xs text-slate-800 hover:bg-slate-50"
            >
              <input
                type="radio"
                name={name}
                value={String(stars)}
                checked={value === String(stars)}
                required
                aria-invalid={error ? "true" : undefined}
                class="sr-only"
              />
              <svg
                viewBox="0 0 24 24"
                class="h-9 w-9"
                aria-hidden="true"
                stroke-width="1.5"
                stroke-linejoin="round"
              >
                <path d={STAR_PATH} />
              </svg>
              <span>
                <span class="sr-only">
                  {stars} {stars === 1 ? "star" : "stars"},{" "}
                </span>
                {label}
              </span>
            </label>
          );
        })}
      </div>
    </Fieldset>
  );
}
