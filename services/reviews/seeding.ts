/**
 * Demo reviews for seeded experts. A demo expert is written down with the
 * rating it should show (say 4.8 from 143 reviews); the seed turns that into
 * real review records under the same rules as any other: the totals are the
 * sum and count of those reviews, and the profile's rating is derived from
 * the totals (`ratingFromTotals`), so what a profile shows is always what
 * its reviews add up to. Seeded reviews have no booking and no learner
 * account, and are written in the same atomic operation as their expert.
 */
import { ulid } from "ulid";
import { type Rating, ratingFromTotals } from "@/services/experts/mod.ts";
import { EDIT_WINDOW_MS, type Review, type ReviewTotals } from "./model.ts";
import { stageReview, totalsKey } from "./store.ts";
import { monthCounterMutations, stageMonthCounters } from "./month_counters.ts";
import { seededRandom } from "@/services/platform/random.ts";

const DAY_MS = 86_400_000;

const AUTHORS = [
  "Amara O.",
  "Ben K.",
  "Chloé D.",
  "Diego R.",
  "Elif Y.",
  "Farah S.",
  "Grace L.",
  "Hiro T.",
  "Ines M.",
  "Jonas W.",
  "Kavya P.",
  "Liam B.",
  "Maya C.",
  "Noah F.",
  "Olga V.",
  "Priya N.",
];

/** What learners say, by stars (index 0 is 1 star); "" leaves the text out. */
const TEXTS: readonly (readonly string[])[] = [
  ["The session did not cover what I asked for.", ""],
  ["Some useful pointers, but we ran out of time.", ""],
  ["Helpful overall; I would have liked more concrete examples.", ""],
  [
    "Clear explanations and a good plan for what to do next.",
    "Very practical. I left with a list of things to try.",
    "",
  ],
  [
    "Exactly what I needed. Patient, precise and well prepared.",
    "Great session: we solved the problem I had been stuck on for a week.",
    "Thoughtful feedback and honest advice. Booking again.",
    "",
    "",
  ],
];

/**
 * The star total for `count` reviews that shows as `average`: the nearest
 * to average × count whose shown average (one decimal) is `average`, or
 * simply the nearest when no total can show it (2 reviews cannot average 4.3).
 */
export function starTotalFor(average: number, count: number): number {
  const nearest = Math.min(
    5 * count,
    Math.max(count, Math.round(average * count)),
  );
  for (let step = 0; step <= count; step++) {
    for (const sum of [nearest - step, nearest + step]) {
      if (
        sum >= count && sum <= 5 * count &&
        ratingFromTotals(sum, count).average === average
      ) return sum;
    }
  }
  return nearest;
}

export interface SeededReviews {
  reviews: Review[];
  totals: ReviewTotals;
  /** The rating the profile shows: derived from the totals. */
  rating: Rating;
}

/**
 * `target.count` reviews of `expertId` whose stars add up to show
 * `target.average`, dated over the year before `nowMs`, newest first, each
 * about one of `sessionTitles`.
 */
export function seededReviews(
  expertId: string,
  target: Rating,
  sessionTitles: readonly string[],
  nowMs: number,
  seed: number,
): SeededReviews {
  const count = target.count;
  const random = seededRandom(seed);
  const sum = count === 0 ? 0 : starTotalFor(target.average, count);
  const base = count === 0 ? 0 : Math.floor(sum / count);
  const extra = sum - base * count;
  // Spread the higher and lower ratings over time rather than in runs.
  const order = Array.from({ length: count }, (_, i) => i)
    .sort(() => random() - 0.5);
  const stars = new Array<number>(count).fill(base);
  for (const i of order.slice(0, extra)) stars[i] = base + 1;
  const spacing = Math.min(7 * DAY_MS, (365 * DAY_MS) / Math.max(1, count));
  const titles = sessionTitles.length > 0 ? sessionTitles : ["Session"];
  const reviews = stars.map((rating, i): Review => {
    const createdMs = Math.floor(nowMs - (i + 1) * spacing - random() * DAY_MS);
    const createdAt = new Date(createdMs).toISOString();
    const texts = TEXTS[rating - 1];
    return {
      id: ulid(createdMs),
      bookingId: null,
      expertId,
      learnerId: null,
      authorName: AUTHORS[Math.floor(random() * AUTHORS.length)],
      rating,
      text: texts[Math.floor(random() * texts.length)],
      sessionTitle: titles[Math.floor(random() * titles.length)],
      sessionStart: new Date(createdMs - (1 + random() * 3) * DAY_MS)
        .toISOString(),
      createdAt,
      updatedAt: createdAt,
      editableUntil: new Date(createdMs + EDIT_WINDOW_MS).toISOString(),
      reply: null,
      status: "visible",
      openReports: 0,
      moderation: [],
    };
  });
  return {
    reviews,
    totals: { sum, count },
    rating: ratingFromTotals(sum, count),
  };
}

/** Most KV mutations `stageSeededReviews` makes for `seeded`. */
export function seededReviewMutations(seeded: SeededReviews): number {
  return 1 + 2 * seeded.reviews.length +
    monthCounterMutations(seeded.reviews);
}

/**
 * Adds seeded reviews, their expert's totals and monthly counters to a new
 * expert's atomic write: the counters move by the same rule as a learner's
 * review moves them (`stageMonthCounters`).
 */
export function stageSeededReviews(
  op: Deno.AtomicOperation,
  expertId: string,
  seeded: SeededReviews,
): void {
  op.set(totalsKey(expertId), seeded.totals);
  for (const review of seeded.reviews) stageReview(op, null, review);
  stageMonthCounters(
    op,
    seeded.reviews.map((next) => ({ previous: null, next })),
  );
}
