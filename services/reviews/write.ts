/**
 * The learner's side: review a completed session (once, within 14 days of
 * its end) and change the review within 48 hours of writing it. Each write
 * commits the review, its indexes, the expert's totals and the profile's
 * rating together (see store.ts).
 */
import { getUser } from "@/services/auth/mod.ts";
import { getBookingFor } from "@/services/bookings/mod.ts";
import { notify } from "@/services/notifications/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { newId } from "@/services/platform/kv.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { stagePublicChange } from "@/services/platform/public_version.ts";
import {
  EDIT_WINDOW_HOURS,
  EDIT_WINDOW_MS,
  type EditReview,
  editReviewSchema,
  type Review,
  REVIEW_WINDOW_DAYS,
  REVIEW_WINDOW_MS,
  type WriteReview,
  writeReviewSchema,
} from "./model.ts";
import {
  bookingReviewKey,
  getReviewEntry,
  learnerIndexPrefix,
  reviewKey,
  reviewsChanged,
  stageCountedChange,
  stageReview,
} from "./store.ts";

const INVALID = "The review is invalid.";
const RATING_MISSING = "Choose from 1 to 5 stars.";

/** Busy experts get several reviews at once: retry generously. */
export const REVIEW_RETRY = {
  attempts: 30,
  conflictMessage: "Several reviews arrived at once; try again in a moment.",
};

/** "Lea Learner" → "Lea L.": enough to recognise, little to identify. */
export function shortName(name: string): string {
  const [first, ...rest] = name.trim().split(/\s+/);
  const last = rest.at(-1);
  return last ? `${first} ${last[0].toUpperCase()}.` : first || "A learner";
}

/** Why a learner cannot review `booking` now, or null when they can. */
export function writeRefusal(
  booking: { status: string; end: string },
  nowMs: number,
): string | null {
  if (booking.status !== "completed") {
    return "You can review a session once it has taken place and completed.";
  }
  if (nowMs > Date.parse(booking.end) + REVIEW_WINDOW_MS) {
    return `Reviews close ${REVIEW_WINDOW_DAYS} days after the session; this one can no longer be reviewed.`;
  }
  return null;
}

/** Why the author cannot change `review` now, or null when they can. */
export function editRefusal(review: Review, nowMs: number): string | null {
  if (review.status === "hidden") {
    return "A moderator hid this review, so it can no longer be changed.";
  }
  if (nowMs > Date.parse(review.editableUntil)) {
    return `A review can be changed for ${EDIT_WINDOW_HOURS} hours after it is written; this one can no longer be changed.`;
  }
  return null;
}

/**
 * The learner's review of their completed booking. NotFoundError when the
 * booking is not theirs (whatever the body); ConflictError when it is not
 * completed, the window has closed, or it is already reviewed.
 */
export async function writeReview(
  kv: Deno.Kv,
  learnerId: string,
  bookingId: string,
  input: WriteReview,
): Promise<Review> {
  const { booking } = await getBookingFor(
    kv,
    { id: learnerId, role: "learner" },
    bookingId,
  );
  if (booking.learnerId !== learnerId) {
    throw new NotFoundError("You have no booking with this id.");
  }
  const fields = parseInput(writeReviewSchema, input, INVALID);
  if (fields.rating === undefined) {
    throw new ValidationError(INVALID, { rating: [RATING_MISSING] });
  }
  const now = clockFor(kv).now();
  const refusal = writeRefusal(booking, now.getTime());
  if (refusal) throw new ConflictError(refusal);
  const author = await getUser(kv, learnerId);
  const at = now.toISOString();
  const review: Review = {
    id: newId(),
    bookingId,
    expertId: booking.expertId,
    learnerId,
    authorName: shortName(author?.name ?? ""),
    rating: fields.rating,
    text: fields.text ?? "",
    sessionTitle: booking.offeringTitle,
    sessionStart: booking.start,
    createdAt: at,
    updatedAt: at,
    editableUntil: new Date(now.getTime() + EDIT_WINDOW_MS).toISOString(),
    reply: null,
    status: "visible",
    openReports: 0,
    moderation: [],
  };
  const written = await untilCommitted(async () => {
    const claim = await kv.get(bookingReviewKey(bookingId));
    if (claim.versionstamp !== null) {
      throw new ConflictError(
        `You have already reviewed this session. You can change your review for ${EDIT_WINDOW_HOURS} hours after writing it.`,
      );
    }
    const op = kv.atomic()
      .check(claim)
      .check({ key: reviewKey(review.id), versionstamp: null });
    stageReview(op, null, review);
    await stageCountedChange(kv, op, null, review);
    return (await op.commit()).ok ? review : RETRY;
  }, REVIEW_RETRY);
  await reviewsChanged(kv, written.expertId);
  await notify(kv, written.expertId, {
    type: "review_received",
    title: `New review: ${written.rating} of 5 stars`,
    body: `For “${written.sessionTitle}”. You can reply once, on the booking.`,
    link: `/bookings/${written.bookingId}`,
  });
  return written;
}

/**
 * Changes the stars or text of the author's own review within 48 hours of
 * writing it; the expert's totals move by the difference in the same
 * commit. NotFoundError when the review is not the caller's.
 */
export async function editReview(
  kv: Deno.Kv,
  learnerId: string,
  reviewId: string,
  input: EditReview,
): Promise<Review> {
  const fields = parseInput(editReviewSchema, input, INVALID);
  const updated = await untilCommitted(async () => {
    const found = await getReviewEntry(kv, reviewId);
    if (!found || found.review.learnerId !== learnerId) {
      throw new NotFoundError("You have no review with this id.");
    }
    const { review, entry } = found;
    const now = clockFor(kv).now();
    const refusal = editRefusal(review, now.getTime());
    if (refusal) throw new ConflictError(refusal);
    const next: Review = {
      ...review,
      rating: fields.rating ?? review.rating,
      text: fields.text ?? review.text,
      updatedAt: now.toISOString(),
    };
    const op = kv.atomic().check(entry);
    stageReview(op, review, next);
    await stageCountedChange(kv, op, review, next);
    return (await op.commit()).ok ? next : RETRY;
  }, REVIEW_RETRY);
  await reviewsChanged(kv, updated.expertId);
  return updated;
}

/**
 * A leaving learner's reviews keep their stars but show `authorName`
 * (account erasure's "Former member"). Nothing counted changes, but the
 * write goes through the same staging as every other, so the counters and
 * totals rule has no exception. Returns how many reviews changed.
 */
export async function anonymiseReviewsBy(
  kv: Deno.Kv,
  learnerId: string,
  authorName: string,
): Promise<number> {
  let changed = 0;
  for await (
    const index of kv.list<string>({ prefix: learnerIndexPrefix(learnerId) })
  ) {
    changed += await untilCommitted(async () => {
      const found = await getReviewEntry(kv, index.value);
      if (!found || found.review.authorName === authorName) return 0;
      const { review, entry } = found;
      const next: Review = { ...review, authorName };
      const op = kv.atomic().check(entry);
      stageReview(op, review, next);
      await stageCountedChange(kv, op, review, next);
      stagePublicChange(op);
      return (await op.commit()).ok ? 1 : RETRY;
    }, REVIEW_RETRY);
  }
  return changed;
}
