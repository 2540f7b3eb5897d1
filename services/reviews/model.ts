/**
 * What a review is: a learner's 1–5 stars and optional text about one
 * completed session, with the expert's one reply, the reports against it
 * and the moderators' decisions. The zod schemas are the one statement of
 * the shapes (the store reads with them, the API documents them); the
 * rules' numbers (the 14-day window, the 48-hour edit) live here too.
 *
 * Seeded demo reviews have no booking and no learner account
 * (`bookingId` and `learnerId` null); they count like any other review.
 */
import { z } from "zod";
import { idSchema } from "@/services/platform/model.ts";
import { multiLine } from "@/services/platform/plain_text.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A learner may review a completed session until this long after its end. */
export const REVIEW_WINDOW_DAYS = 14;
export const REVIEW_WINDOW_MS = REVIEW_WINDOW_DAYS * DAY_MS;
/** A review may be changed until this long after it was written. */
export const EDIT_WINDOW_HOURS = 48;
export const EDIT_WINDOW_MS = EDIT_WINDOW_HOURS * HOUR_MS;

export const MAX_REVIEW_TEXT = 2000;
export const MAX_REPLY_TEXT = 2000;
export const MAX_NOTE_TEXT = 1000;
export const MAX_REPORT_REASON = 1000;

export const REVIEW_STATUSES = ["visible", "hidden"] as const;
export type ReviewStatus = typeof REVIEW_STATUSES[number];

const at = z.iso.datetime();

export const ratingValueSchema = z.number("Choose from 1 to 5 stars.").int(
  "Choose from 1 to 5 stars.",
).min(1, "Choose from 1 to 5 stars.").max(5, "Choose from 1 to 5 stars.");

export const reviewTextSchema = multiLine(0, MAX_REVIEW_TEXT);

export const replySchema = z.object({
  text: z.string(),
  at,
});

export const moderationStepSchema = z.object({
  action: z.enum(["hidden", "restored"]),
  note: z.string(),
  by: idSchema,
  at,
});
export type ModerationStep = z.infer<typeof moderationStepSchema>;

/** A review as stored. */
export const reviewSchema = z.object({
  id: idSchema,
  bookingId: idSchema.nullable(),
  expertId: idSchema,
  learnerId: idSchema.nullable(),
  /** First name and initial, copied when written. */
  authorName: z.string(),
  rating: z.number().int().min(1).max(5),
  text: z.string(),
  /** The session type reviewed and when it took place. */
  sessionTitle: z.string(),
  sessionStart: at,
  createdAt: at,
  updatedAt: at,
  editableUntil: at,
  reply: replySchema.nullable(),
  status: z.enum(REVIEW_STATUSES),
  /** Reports since the last moderation decision. */
  openReports: z.number().int().nonnegative(),
  moderation: z.array(moderationStepSchema),
});
export type Review = z.infer<typeof reviewSchema>;

/** What anyone may read of a visible review. */
export const publicReviewSchema = reviewSchema.pick({
  id: true,
  expertId: true,
  authorName: true,
  rating: true,
  text: true,
  sessionTitle: true,
  sessionStart: true,
  createdAt: true,
  updatedAt: true,
  reply: true,
}).meta({ id: "Review" });
export type PublicReview = z.infer<typeof publicReviewSchema>;

/** The author's view: the public part plus what they may still do. */
export const ownReviewSchema = publicReviewSchema.extend({
  bookingId: idSchema.nullable(),
  status: z.enum(REVIEW_STATUSES),
  editableUntil: at.describe("Until then the author may change it."),
}).meta({ id: "OwnReview" });
export type OwnReview = z.infer<typeof ownReviewSchema>;

/** The moderators' view: everything, with the reports' reasons. */
export const reportSchema = z.object({
  reviewId: idSchema,
  reporterId: idSchema,
  reason: z.string(),
  at,
}).meta({ id: "ReviewReport" });
export type Report = z.infer<typeof reportSchema>;

export const adminReviewSchema = reviewSchema.extend({
  reports: z.array(reportSchema).describe("The open reports, oldest first."),
}).meta({ id: "AdminReview" });
export type AdminReview = z.infer<typeof adminReviewSchema>;

/** The review totals of one expert (visible reviews only). */
export const reviewTotalsSchema = z.object({
  sum: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
});
export type ReviewTotals = z.infer<typeof reviewTotalsSchema>;

// ---------------------------------------------------------------------------
// Requests

export const writeReviewSchema = z.strictObject({
  rating: ratingValueSchema.optional().describe(
    "Required: 1 to 5 stars. (Checked after the booking is found, so another user's booking id is a 404 whatever the body.)",
  ),
  text: reviewTextSchema.optional().describe(
    "Optional words about the session.",
  ),
});
export type WriteReview = z.input<typeof writeReviewSchema>;

export const editReviewSchema = z.strictObject({
  rating: ratingValueSchema.optional(),
  text: reviewTextSchema.optional(),
});
export type EditReview = z.input<typeof editReviewSchema>;

export const replyRequestSchema = z.strictObject({
  text: multiLine(0, MAX_REPLY_TEXT).optional().describe(
    "Required: the reply (checked after the review is found).",
  ),
});

export const reportRequestSchema = z.strictObject({
  reason: multiLine(0, MAX_REPORT_REASON).optional().describe(
    "Required: what is wrong with the review.",
  ),
});

export const moderationRequestSchema = z.strictObject({
  note: multiLine(0, MAX_NOTE_TEXT).optional().describe(
    "Required: why; the author is told.",
  ),
});

export const MODERATION_QUEUES = ["reported", "hidden"] as const;
export type ModerationQueue = typeof MODERATION_QUEUES[number];

/** Trims a stored review to what anyone may read. */
export function toPublicReview(review: Review): PublicReview {
  return {
    id: review.id,
    expertId: review.expertId,
    authorName: review.authorName,
    rating: review.rating,
    text: review.text,
    sessionTitle: review.sessionTitle,
    sessionStart: review.sessionStart,
    createdAt: review.createdAt,
    updatedAt: review.updatedAt,
    reply: review.reply,
  };
}

export function toOwnReview(review: Review): OwnReview {
  return {
    ...toPublicReview(review),
    bookingId: review.bookingId,
    status: review.status,
    editableUntil: review.editableUntil,
  };
}
