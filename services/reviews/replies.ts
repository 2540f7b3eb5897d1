/**
 * The expert's one reply to a review of their session. A reply is final:
 * it is public at once and cannot be changed, so the expert is told so
 * before sending it.
 */
import { clockFor } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { replyRequestSchema, type Review } from "./model.ts";
import { getReviewEntry, reviewsChanged, stageReview } from "./store.ts";

/** Why the expert cannot reply to `review`, or null when they can. */
export function replyRefusal(review: Review): string | null {
  if (review.status === "hidden") {
    return "A moderator hid this review, so it takes no reply.";
  }
  if (review.reply) return "You have already replied; a reply is final.";
  return null;
}

/**
 * Adds the expert's reply. NotFoundError when the review is not of one of
 * the caller's sessions (whatever the body); ConflictError when already
 * replied or hidden.
 */
export async function replyToReview(
  kv: Deno.Kv,
  expertId: string,
  reviewId: string,
  input: { text?: string },
): Promise<Review> {
  const updated = await untilCommitted(async () => {
    const found = await getReviewEntry(kv, reviewId);
    if (!found || found.review.expertId !== expertId) {
      throw new NotFoundError("No review of your sessions has this id.");
    }
    const { text } = parseInput(
      replyRequestSchema,
      input,
      "The reply is invalid.",
    );
    if (!text) {
      throw new ValidationError("The reply is invalid.", {
        text: ["Write your reply."],
      });
    }
    const { review, entry } = found;
    const refusal = replyRefusal(review);
    if (refusal) throw new ConflictError(refusal);
    const at = clockFor(kv).now().toISOString();
    const next: Review = { ...review, reply: { text, at } };
    const op = kv.atomic().check(entry);
    stageReview(op, review, next);
    return (await op.commit()).ok ? next : RETRY;
  });
  await reviewsChanged(kv, updated.expertId);
  return updated;
}
