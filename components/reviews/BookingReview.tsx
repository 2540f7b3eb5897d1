/**
 * A session's review on its booking page: the learner's form to rate it
 * (and to change the rating for 48 hours), the expert's one reply, and the
 * review itself once written. Plain forms posting to
 * `/bookings/{id}/review`, so no JavaScript is needed.
 */
import type { BookingReviewState } from "@/services/reviews/mod.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Button } from "@/components/Button.tsx";
import { Notice } from "@/components/Notice.tsx";
import { StarRatingField } from "@/components/form/StarRatingField.tsx";
import { TextAreaField } from "@/components/form/inputs.tsx";
import { whenIn, zoneLabel } from "@/components/bookings/time.ts";
import { ReviewItem } from "./ReviewList.tsx";

/** What the learner or expert typed, sent back with the problems found. */
export interface ReviewFormState {
  values: { rating: string; text: string };
  errors: Record<string, string>;
}

export const EMPTY_REVIEW_FORM: ReviewFormState = {
  values: { rating: "", text: "" },
  errors: {},
};

/**
 * The review card for `side`, or nothing when there is nothing to show or
 * do (an upcoming session, a window that closed unused, an admin).
 */
export function BookingReviewCard(
  { bookingId, side, state, zone, expertName, form = EMPTY_REVIEW_FORM }: {
    bookingId: string;
    side: "learner" | "expert" | "admin";
    state: BookingReviewState;
    zone: string;
    expertName: string;
    form?: ReviewFormState;
  },
) {
  const { review } = state;
  const action = `/bookings/${encodeURIComponent(bookingId)}/review`;
  if (side === "learner" && (state.canWrite || state.canEdit)) {
    const editing = review !== null;
    const values = form.values.rating || form.values.text ? form.values : {
      rating: review ? String(review.rating) : "",
      text: review?.text ?? "",
    };
    return (
      <Card id="review" title={editing ? "Your review" : "Rate this session"}>
        <p>
          {editing
            ? `You can change your review until ${
              whenIn(review.editableUntil, zone)
            } (${zoneLabel(zone)}).`
            : `How did it go? Your stars and words show on ${expertName}'s profile. You can review the session until ${
              whenIn(state.closesAt, zone)
            } (${
              zoneLabel(zone)
            }), and change your review for 48 hours after writing it.`}
        </p>
        <form method="post" action={action} class="space-y-4">
          <input
            type="hidden"
            name="action"
            value={editing ? "edit" : "write"}
          />
          <StarRatingField
            name="rating"
            legend="Your rating"
            value={values.rating}
            error={form.errors.rating}
          />
          <TextAreaField
            name="text"
            label="Your review"
            hint="What went well, what could be better."
            rows={4}
            maxLength={2000}
            value={values.text}
            error={form.errors.text}
          />
          <Button>{editing ? "Save changes" : "Publish review"}</Button>
        </form>
      </Card>
    );
  }
  if (!review) return null;
  return (
    <Card id="review" title={side === "learner" ? "Your review" : "The review"}>
      {review.status === "hidden" && (
        <Notice tone="info" title="Hidden by a moderator">
          This review does not show on the profile or count in the rating.
        </Notice>
      )}
      <ReviewItem review={review} expertName={expertName} />
      {side === "expert" && state.canReply && (
        <form method="post" action={action} class="space-y-4">
          <input type="hidden" name="action" value="reply" />
          <TextAreaField
            name="text"
            label="Your reply"
            hint="Public, under the review on your profile. You can reply once, and a reply cannot be changed."
            rows={3}
            maxLength={2000}
            required
            value={form.values.text}
            error={form.errors.text}
          />
          <Button variant="secondary">Publish reply</Button>
        </form>
      )}
    </Card>
  );
}
