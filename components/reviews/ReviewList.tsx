/**
 * Reviews as a profile shows them: the expert's rating, then each visible
 * review newest first with its stars, author, session type and date, the
 * expert's reply and a "Report" link, paged with plain links (no
 * JavaScript). Also the one rating line other pages link to the list with.
 */
import { MarkupCache } from "@/framework/markup.ts";
import type { PublicReview } from "@/services/reviews/mod.ts";
import { Pagination } from "@/components/Pagination.tsx";
import { RatingStars } from "@/components/RatingStars.tsx";
import { formatDate } from "@/web/format.ts";

/** Where a profile's reviews start: linked from cards and the profile head. */
export function reviewsHref(expertId: string): string {
  return `/experts/${encodeURIComponent(expertId)}#reviews`;
}

/**
 * The rating with a link to the reviews; "New on TapTime" (no link) when
 * there are none to read. `raised` lifts the link above a card's stretched
 * main link so it stays clickable.
 */
export function RatingLink(
  { expertId, rating, raised = false }: {
    expertId: string;
    rating: { average: number; count: number };
    raised?: boolean;
  },
) {
  if (rating.count === 0) {
    return <RatingStars average={0} count={0} />;
  }
  return (
    <a
      href={reviewsHref(expertId)}
      class={`inline-flex rounded hover:underline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand-700 ${
        raised ? "relative z-10" : ""
      }`}
    >
      <RatingStars average={rating.average} count={rating.count} />
    </a>
  );
}

/** Five stars for one review, described in words for screen readers. */
export function ReviewStars({ rating }: { rating: number }) {
  return (
    <span class="inline-flex items-center gap-1.5 text-sm">
      <span class="sr-only">{rating} out of 5 stars</span>
      <span
        aria-hidden="true"
        class="rating-stars"
        style={`--rating:${rating}`}
      />
    </span>
  );
}

interface ReviewItemProps {
  review: PublicReview;
  expertName: string;
  /** The "Report" link; absent where reporting makes no sense. */
  reportHref?: string;
}

/**
 * Reviews by everything they carry: a profile shows a page of them on
 * every render, and a review reads the same until it is edited or
 * answered, which changes the key.
 */
const keptReviews = new MarkupCache(2_000);

/** One review: stars, who and what, the words, the expert's reply. */
export function ReviewItem(props: ReviewItemProps) {
  return keptReviews.get(
    JSON.stringify([props.review, props.expertName, props.reportHref]),
    () => <ReviewMarkup {...props} />,
  );
}

function ReviewMarkup({ review, expertName, reportHref }: ReviewItemProps) {
  return (
    <article
      class="space-y-2 border-b border-slate-200 py-5 last:border-b-0"
      aria-labelledby={`review-${review.id}`}
    >
      <div class="flex flex-wrap items-center justify-between gap-2">
        <ReviewStars rating={review.rating} />
        {reportHref && (
          <a href={reportHref} class="text-sm text-slate-700 underline">
            Report<span class="sr-only">review by {review.authorName}</span>
          </a>
        )}
      </div>
      <h3 id={`review-${review.id}`} class="text-sm text-slate-700">
        <span class="font-semibold text-slate-900">{review.authorName}</span>
        {" · "}
        {review.sessionTitle}
        {" · "}
        <time dateTime={review.sessionStart}>
          {formatDate(review.sessionStart)}
        </time>
      </h3>
      {review.text && (
        <p class="whitespace-pre-line break-words text-slate-800">
          {review.text}
        </p>
      )}
      {review.reply && (
        <div class="ml-4 border-l-4 border-brand-200 pl-4">
          <p class="text-sm font-semibold text-slate-900">
            Reply from {expertName}
          </p>
          <p class="whitespace-pre-line break-words text-slate-800">
            {review.reply.text}
          </p>
        </div>
      )}
    </article>
  );
}

/**
 * The profile's reviews section (`#reviews`). Pages are `?reviews=<cursor>`
 * on the profile's `path`.
 */
export function ExpertReviews(
  { expert, page, path }: {
    expert: { name: string; rating: { average: number; count: number } };
    page: {
      items: PublicReview[];
      nextCursor: string | null;
      cursor: string | null;
    };
    path: string;
  },
) {
  const expertName = expert.name;
  const rating = expert.rating;
  const reviews = page.items;
  const nextHref = page.nextCursor
    ? `${path}?reviews=${encodeURIComponent(page.nextCursor)}#reviews`
    : null;
  const firstHref = page.cursor ? `${path}#reviews` : null;
  return (
    <section id="reviews" aria-labelledby="reviews-heading">
      <h2 id="reviews-heading" class="text-xl font-bold text-slate-900">
        Reviews
      </h2>
      <p class="mt-2">
        <RatingStars average={rating.average} count={rating.count} />
      </p>
      {reviews.length === 0
        ? (
          <p class="mt-3 text-slate-700">
            No reviews yet. Learners can review a session after it has taken
            place.
          </p>
        )
        : (
          <div class="mt-2">
            {reviews.map((review) => (
              <ReviewItem
                key={review.id}
                review={review}
                expertName={expertName}
                reportHref={`/reviews/${encodeURIComponent(review.id)}/report`}
              />
            ))}
          </div>
        )}
      <Pagination
        nextHref={nextHref}
        firstHref={firstHref}
        label={`Pages of reviews of ${expertName}`}
      />
    </section>
  );
}
