/**
 * The reviews feature's public entry: everything outside services/reviews/
 * imports from here. A learner rates a completed session once, within 14
 * days of its end, and may change it for 48 hours (write.ts); the expert
 * replies once (replies.ts); anyone signed in reports a review, and admins
 * hide or restore it with a note (moderation.ts). Each expert's totals (sum
 * of stars, count of visible reviews) move in the same atomic commit as the
 * review and rewrite the profile's shown rating there too (store.ts).
 * Monthly counters of the visible reviews (count and stars per UTC month)
 * move in that commit too, so the expert's rating trend is two small range
 * reads (month_counters.ts; counted once for older data by
 * month_backfill.ts). A leaving learner's reviews are renamed here too.
 * Learners are asked by email once a session completes (requests.ts), and
 * the seed writes demo experts' reviews under the same rules (seeding.ts).
 *
 * Wiring: list `reviewRequestJob` in runtime.ts's JOBS, bind
 * `reviewLinksProvider` there (to PUBLIC_URL), and list `reviewRequestCron`
 * in main.ts's CRONS; list `backfillMonthCounters` in main.ts's
 * STARTUP_MIGRATIONS.
 */
export {
  type AdminReview,
  adminReviewSchema,
  EDIT_WINDOW_HOURS,
  type EditReview,
  editReviewSchema,
  MAX_NOTE_TEXT,
  MAX_REPLY_TEXT,
  MAX_REPORT_REASON,
  MAX_REVIEW_TEXT,
  MODERATION_QUEUES,
  type ModerationQueue,
  moderationRequestSchema,
  type OwnReview,
  ownReviewSchema,
  type PublicReview,
  publicReviewSchema,
  replyRequestSchema,
  type Report,
  reportRequestSchema,
  reportSchema,
  type Review,
  REVIEW_WINDOW_DAYS,
  type ReviewTotals,
  reviewTotalsSchema,
  toOwnReview,
  toPublicReview,
  type WriteReview,
  writeReviewSchema,
} from "./model.ts";
export {
  anonymiseReviewsBy,
  editReview,
  shortName,
  writeReview,
} from "./write.ts";
export { replyToReview } from "./replies.ts";
export {
  moderateReview,
  type ModerationAction,
  REPORT_LIMIT,
  reportReview,
} from "./moderation.ts";
export {
  adminReview,
  bookingReviewFor,
  type BookingReviewState,
  bookingReviewState,
  getReview,
  getReviewTotals,
  listExpertRatingsSince,
  listExpertReviews,
  listModerationQueue,
  PROFILE_PAGE_SIZE,
  profileReviewPage,
  reviewOfBooking,
} from "./queries.ts";
export {
  reviewRequestCron,
  reviewRequestJob,
  sendReviewRequests,
} from "./requests.ts";
export { type ReviewLinks, reviewLinksProvider } from "./emails.ts";
export { reviewsChanged } from "./store.ts";
export {
  type EdgeRating,
  type MonthCount,
  type MonthCounters,
  readMonthCounters,
  type UtcMonth,
} from "./month_counters.ts";
export {
  backfillMonthCounters,
  recountMonthCounters,
} from "./month_backfill.ts";
export {
  seededReviewMutations,
  type SeededReviews,
  seededReviews,
  stageSeededReviews,
  starTotalFor,
} from "./seeding.ts";
