/**
 * A session's review on a page of its own: where the review request email
 * links, and where the booking page's review forms post. The learner rates
 * the session (or changes the rating within 48 hours); the expert replies
 * once. Success goes back to the booking page; a problem shows the form
 * again with what was typed and what to fix. Someone else's booking is not
 * found.
 */
import { SessionContextCard } from "@/components/bookings/BookingViews.tsx";
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { firstErrors, readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import { personName } from "@/components/bookings/names.ts";
import {
  BookingReviewCard,
  EMPTY_REVIEW_FORM,
  type ReviewFormState,
} from "@/components/reviews/BookingReview.tsx";
import type { Booking } from "@/services/bookings/mod.ts";
import {
  bookingReviewFor,
  type BookingReviewState,
  editReview,
  replyToReview,
  writeReview,
} from "@/services/reviews/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

interface ReviewPageData {
  booking: Booking;
  side: "learner" | "expert";
  otherName: string;
  zone: string;
  state: BookingReviewState;
  form: ReviewFormState;
  problem: string | null;
}

async function load(
  ctx: FreshContext<AppState>,
  form: ReviewFormState = EMPTY_REVIEW_FORM,
  problem: string | null = null,
): Promise<ReviewPageData | null> {
  const { kv } = ctx.state;
  const user = requireUser(ctx.state);
  try {
    const { booking, state } = await bookingReviewFor(
      kv,
      user.id,
      ctx.params.id,
    );
    const side = booking.learnerId === user.id ? "learner" : "expert";
    const otherId = side === "learner" ? booking.expertId : booking.learnerId;
    return {
      booking,
      side,
      otherName: await personName(kv, otherId),
      zone: user.timeZone,
      state,
      form,
      problem,
    };
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export const handler = define.handlers<ReviewPageData>({
  async GET(_req, ctx) {
    const data = await load(ctx);
    return data ? ctx.render(data) : ctx.renderNotFound();
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const fields = readFields(await readForm(req), [
      "action",
      "rating",
      "text",
    ]);
    const id = ctx.params.id;
    const values = { rating: fields.rating, text: fields.text };
    const rating = /^[1-5]$/.test(fields.rating)
      ? Number(fields.rating)
      : undefined;
    try {
      if (fields.action === "write") {
        await writeReview(kv, user.id, id, { rating, text: fields.text });
        return seeOther(`/bookings/${id}?done=reviewed#review`);
      }
      if (fields.action === "edit") {
        const { state } = await bookingReviewFor(kv, user.id, id);
        if (!state.review) throw new NotFoundError("No review to change.");
        await editReview(kv, user.id, state.review.id, {
          rating: rating ?? state.review.rating,
          text: fields.text,
        });
        return seeOther(`/bookings/${id}?done=reviewed#review`);
      }
      if (fields.action === "reply") {
        const { state } = await bookingReviewFor(kv, user.id, id);
        if (!state.review) throw new NotFoundError("No review to reply to.");
        await replyToReview(kv, user.id, state.review.id, {
          text: fields.text,
        });
        return seeOther(`/bookings/${id}?done=replied#review`);
      }
    } catch (error) {
      if (error instanceof NotFoundError) return ctx.renderNotFound();
      if (error instanceof ValidationError) {
        const errors = firstErrors(error.fieldErrors);
        const data = await load(ctx, { values, errors }, error.message);
        return data ? ctx.render(data, { status: 400 }) : ctx.renderNotFound();
      }
      if (error instanceof ConflictError) {
        const data = await load(ctx, { values, errors: {} }, error.message);
        return data ? ctx.render(data, { status: 409 }) : ctx.renderNotFound();
      }
      throw error;
    }
    const data = await load(ctx, { values, errors: {} }, "Choose what to do.");
    return data ? ctx.render(data, { status: 400 }) : ctx.renderNotFound();
  },
});

export default define.page<typeof handler>(function ReviewPage({ data }) {
  const { booking } = data;
  const nothing = !data.state.review && !data.state.canWrite;
  return (
    <div class="space-y-6">
      {data.problem && (
        <Notice tone="error" title="Not saved">{data.problem}</Notice>
      )}
      <SessionContextCard
        booking={booking}
        otherName={data.otherName}
        zone={data.zone}
      />
      {nothing
        ? (
          <Card id="review" title="Reviews">
            <p>
              {booking.status === "completed"
                ? "The time to review this session has passed."
                : "You can review the session once it has taken place."}
            </p>
          </Card>
        )
        : (
          <BookingReviewCard
            bookingId={booking.id}
            side={data.side}
            state={data.state}
            zone={data.zone}
            expertName={data.side === "expert" ? "you" : data.otherName}
            form={data.form}
          />
        )}
    </div>
  );
});
