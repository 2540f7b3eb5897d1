/**
 * Reading reviews: an expert's visible reviews for the profile (newest
 * first, paged), the state of one booking's review for its two parties,
 * and the admins' moderation queues.
 */
import { type Booking, getBookingFor } from "@/services/bookings/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { NotFoundError, ValidationError } from "@/services/platform/errors.ts";
import {
  listNewestFirst,
  listPageInBatches,
  type Page,
  type PageOptions,
} from "@/services/platform/paging.ts";
import {
  type AdminReview,
  type ModerationQueue,
  type PublicReview,
  type Report,
  type Review,
  REVIEW_WINDOW_MS,
  toPublicReview,
} from "./model.ts";
import {
  bookingReviewKey,
  getReviewEntry,
  getReviews,
  readReview,
  reviewKey,
} from "./store.ts";
import { editRefusal, writeRefusal } from "./write.ts";
import { replyRefusal } from "./replies.ts";

export { getTotals as getReviewTotals } from "./store.ts";

/** An expert's visible reviews, newest first. */
export async function listExpertReviews(
  kv: Deno.Kv,
  expertId: string,
  options: PageOptions = {},
): Promise<Page<PublicReview>> {
  return await listPageInBatches<string, PublicReview>(
    kv,
    { selector: { prefix: ["reviews_by_expert", expertId] } },
    options,
    async (entries) =>
      (await kv.getMany(entries.map((entry) => reviewKey(entry.value)))).map(
        (record) => {
          const review = readReview(record.value);
          return review?.status === "visible" ? toPublicReview(review) : null;
        },
      ),
  );
}

/** Review records read per KV call (getMany's limit). */
const READ_BATCH = 10;

/**
 * The stars and dates of an expert's visible reviews written since `from`,
 * newest first: the rating trend's input. Reads the records ten at a time
 * (an expert's home asks on every visit, and a busy expert has hundreds).
 */
export async function listExpertRatingsSince(
  kv: Deno.Kv,
  expertId: string,
  from: Date,
): Promise<{ createdAt: string; rating: number }[]> {
  const fromIso = from.toISOString();
  const ids: string[] = [];
  for await (
    const entry of kv.list<string>({
      prefix: ["reviews_by_expert", expertId],
    }, { reverse: true, batchSize: 100 })
  ) ids.push(entry.value);
  const ratings: { createdAt: string; rating: number }[] = [];
  for (let i = 0; i < ids.length; i += READ_BATCH) {
    const entries = await kv.getMany(
      ids.slice(i, i + READ_BATCH).map((id) => reviewKey(id)),
    );
    let older = false;
    for (const entry of entries) {
      const review = readReview(entry.value);
      if (!review || review.status !== "visible") continue;
      if (review.createdAt < fromIso) {
        older = true;
        continue;
      }
      ratings.push({ createdAt: review.createdAt, rating: review.rating });
    }
    // Newest first: once a batch reaches past `from`, the rest is older.
    if (older) break;
  }
  return ratings;
}

/** Reviews a profile shows per page. */
export const PROFILE_PAGE_SIZE = 10;

/**
 * One page of a profile's reviews from a cursor a URL carried: a cursor
 * that does not decode (edited, or from an older page) gives the first page.
 */
export async function profileReviewPage(
  kv: Deno.Kv,
  expertId: string,
  cursor: string | null,
): Promise<Page<PublicReview> & { cursor: string | null }> {
  const limit = PROFILE_PAGE_SIZE;
  try {
    const page = await listExpertReviews(kv, expertId, {
      cursor: cursor || undefined,
      limit,
    });
    return { ...page, cursor: cursor || null };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return {
      ...await listExpertReviews(kv, expertId, { limit }),
      cursor: null,
    };
  }
}

/** A review by id, any status (for its parties and admins). */
export async function getReview(
  kv: Deno.Kv,
  id: string,
): Promise<Review | null> {
  return (await getReviewEntry(kv, id))?.review ?? null;
}

/** The review of a booking, if written. */
export async function reviewOfBooking(
  kv: Deno.Kv,
  bookingId: string,
): Promise<Review | null> {
  const claim = await kv.get<string>(bookingReviewKey(bookingId));
  return claim.value ? await getReview(kv, claim.value) : null;
}

/** What a booking page shows and offers about the session's review. */
export interface BookingReviewState {
  review: Review | null;
  /** The learner may write the review now. */
  canWrite: boolean;
  /** The learner may change their review now. */
  canEdit: boolean;
  /** The expert may reply now. */
  canReply: boolean;
  /** When the window to write closes (the session's end plus 14 days). */
  closesAt: string;
}

/** The review state of `booking` as `viewerId` (a party or an admin) sees it. */
export async function bookingReviewState(
  kv: Deno.Kv,
  booking: Pick<Booking, "id" | "status" | "end" | "learnerId" | "expertId">,
  viewerId: string,
): Promise<BookingReviewState> {
  const review = await reviewOfBooking(kv, booking.id);
  const nowMs = clockFor(kv).now().getTime();
  const learner = booking.learnerId === viewerId;
  return {
    review,
    canWrite: learner && review === null &&
      writeRefusal(booking, nowMs) === null,
    canEdit: learner && review !== null && editRefusal(review, nowMs) === null,
    canReply: booking.expertId === viewerId && review !== null &&
      replyRefusal(review) === null,
    closesAt: new Date(Date.parse(booking.end) + REVIEW_WINDOW_MS)
      .toISOString(),
  };
}

/**
 * The caller's booking's review state (the learner's or the expert's
 * side). NotFoundError when the booking is not theirs.
 */
export async function bookingReviewFor(
  kv: Deno.Kv,
  userId: string,
  bookingId: string,
): Promise<{ booking: Booking; state: BookingReviewState }> {
  const { booking } = await getBookingFor(
    kv,
    { id: userId, role: "learner" },
    bookingId,
  );
  return { booking, state: await bookingReviewState(kv, booking, userId) };
}

/** A review's reports since its last moderation decision, oldest first. */
async function openReports(kv: Deno.Kv, review: Review): Promise<Report[]> {
  if (review.openReports === 0) return [];
  const since = review.moderation.at(-1)?.at ?? "";
  const reports: Report[] = [];
  for await (
    const entry of kv.list<Report>({ prefix: ["review_reports", review.id] })
  ) {
    if (entry.value.at > since) reports.push(entry.value);
  }
  return reports.sort((a, b) => a.at.localeCompare(b.at));
}

/** A review with its open reports, for admins. */
export async function adminReview(
  kv: Deno.Kv,
  id: string,
): Promise<AdminReview> {
  const review = await getReview(kv, id);
  if (!review) throw new NotFoundError("No review has this id.");
  return { ...review, reports: await openReports(kv, review) };
}

/** The reviews in a moderation queue, newest first. */
export async function listModerationQueue(
  kv: Deno.Kv,
  queue: ModerationQueue,
  options: PageOptions = {},
): Promise<Page<AdminReview>> {
  return await listNewestFirst<string, AdminReview>(
    kv,
    ["reviews_queue", queue],
    options,
    async (entry) => {
      const [review] = await getReviews(kv, [entry.value]);
      if (!review) return null;
      return { ...review, reports: await openReports(kv, review) };
    },
  );
}
