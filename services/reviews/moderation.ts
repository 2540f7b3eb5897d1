/**
 * Reports and moderation. Any signed-in user may report a visible review
 * once (and a few per hour in all); a reported review waits in the admins'
 * queue. An admin hides it or restores it with a note: the decision is
 * audited in the same commit, a hidden review leaves the profile and the
 * expert's totals (and a restored one comes back to both) in that commit
 * too, and the author is emailed when the review's visibility changed.
 */
import { enforceRateLimit, type RateLimitRule } from "@/services/auth/mod.ts";
import {
  addSecurityEvent,
  type RequestMeta,
} from "@/services/platform/audit.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { sendModerationEmail } from "./emails.ts";
import {
  moderationRequestSchema,
  type Report,
  reportRequestSchema,
  type Review,
} from "./model.ts";
import {
  getReviewEntry,
  reportKey,
  reviewsChanged,
  stageCountedChange,
  stageReview,
} from "./store.ts";
import { REVIEW_RETRY } from "./write.ts";

/** Reports one user may send per hour, across all reviews. */
export const REPORT_LIMIT: RateLimitRule = {
  bucket: "review_report",
  limit: 10,
  windowSeconds: 3600,
};

const NO_SUCH_REVIEW = "No review has this id.";

/**
 * Reports a visible review. NotFoundError for a review nobody can see;
 * ConflictError for the author's own review or a second report by the same
 * user; RateLimitedError past REPORT_LIMIT.
 */
export async function reportReview(
  kv: Deno.Kv,
  reporterId: string,
  reviewId: string,
  input: { reason?: string },
): Promise<Report> {
  const found = await getReviewEntry(kv, reviewId);
  if (!found || found.review.status !== "visible") {
    throw new NotFoundError(NO_SUCH_REVIEW);
  }
  const { reason } = parseInput(
    reportRequestSchema,
    input,
    "The report is invalid.",
  );
  if (!reason) {
    throw new ValidationError("The report is invalid.", {
      reason: ["Tell us what is wrong with the review."],
    });
  }
  if (found.review.learnerId === reporterId) {
    throw new ConflictError("You can't report your own review.");
  }
  await enforceRateLimit(kv, REPORT_LIMIT, reporterId);
  return await untilCommitted(async () => {
    const current = await getReviewEntry(kv, reviewId);
    if (!current || current.review.status !== "visible") {
      throw new NotFoundError(NO_SUCH_REVIEW);
    }
    const claim = await kv.get(reportKey(reviewId, reporterId));
    if (claim.versionstamp !== null) {
      throw new ConflictError(
        "You have already reported this review; an admin will look at it.",
      );
    }
    const report: Report = {
      reviewId,
      reporterId,
      reason,
      at: clockFor(kv).now().toISOString(),
    };
    const { review, entry } = current;
    const next = { ...review, openReports: review.openReports + 1 };
    const op = kv.atomic().check(entry).check(claim)
      .set(reportKey(reviewId, reporterId), report);
    stageReview(op, review, next);
    return (await op.commit()).ok ? report : RETRY;
  }, REVIEW_RETRY);
}

export type ModerationAction = "hide" | "restore";

/** Why `action` does not apply to `review`, or null when it does. */
export function moderationRefusal(
  review: Review,
  action: ModerationAction,
): string | null {
  if (action === "hide") {
    return review.status === "hidden" ? "This review is already hidden." : null;
  }
  return review.status === "visible" && review.openReports === 0
    ? "This review is visible and has no open reports."
    : null;
}

/**
 * Hides a visible review, or restores one: a hidden review becomes visible
 * again, and a reported visible one is kept with its reports closed. The
 * note is required; it goes in the audit log and to the author.
 */
export async function moderateReview(
  kv: Deno.Kv,
  admin: { id: string },
  reviewId: string,
  action: ModerationAction,
  input: { note?: string },
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<Review> {
  const { note } = parseInput(
    moderationRequestSchema,
    input,
    "The decision is invalid.",
  );
  const { previous, next } = await untilCommitted(async () => {
    const found = await getReviewEntry(kv, reviewId);
    if (!found) throw new NotFoundError(NO_SUCH_REVIEW);
    if (!note) {
      throw new ValidationError("The decision is invalid.", {
        note: ["Add a note: the author reads it."],
      });
    }
    const { review, entry } = found;
    const refusal = moderationRefusal(review, action);
    if (refusal) throw new ConflictError(refusal);
    const at = clockFor(kv).now().toISOString();
    const next: Review = {
      ...review,
      status: action === "hide" ? "hidden" : "visible",
      openReports: 0,
      moderation: [...review.moderation, {
        action: action === "hide" ? "hidden" : "restored",
        note,
        by: admin.id,
        at,
      }],
    };
    const op = kv.atomic().check(entry);
    stageReview(op, review, next);
    await stageCountedChange(kv, op, review, next);
    addSecurityEvent(op, {
      type: action === "hide" ? "review_hidden" : "review_restored",
      actorId: admin.id,
      userId: review.learnerId,
      details: { reviewId, expertId: review.expertId, note },
    }, meta);
    return (await op.commit()).ok ? { previous: review, next } : RETRY;
  }, REVIEW_RETRY);
  await reviewsChanged(kv, next.expertId);
  if (previous.status !== next.status) {
    await sendModerationEmail(kv, next, action, note!);
  }
  return next;
}
