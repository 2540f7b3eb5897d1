/**
 * Asking learners to rate their sessions. A cron queues `reviewRequestJob`
 * every ten minutes; the job looks through the completed bookings (newest
 * booked first, through services/bookings' admin listing) for those whose
 * review window is open, not yet reviewed and not yet asked, and emails
 * each learner once: the "asked" marker (`["review_requests", bookingId]`)
 * is written with a check that it is absent, so of several processes
 * running the job at once exactly one sends each request. The booking page
 * offers the same form in the app whether or not the email arrived.
 *
 * How far back it looks: a booking is made at most the longest booking
 * horizon (MAX_HORIZON_DAYS) before its session, and can be reviewed for
 * REVIEW_WINDOW_DAYS after it, so bookings made before that span can no
 * longer be asked about and end the scan.
 */
import { MAX_HORIZON_DAYS } from "@/services/availability/mod.ts";
import { adminListBookings, type Booking } from "@/services/bookings/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { defineCron, defineJob, enqueue } from "@/services/platform/jobs.ts";
import { z } from "zod";
import { sendReviewRequest } from "./emails.ts";
import { REVIEW_WINDOW_DAYS, REVIEW_WINDOW_MS } from "./model.ts";
import { bookingReviewKey, requestKey } from "./store.ts";
import { writeRefusal } from "./write.ts";

const DAY_MS = 86_400_000;
/** Bookings made longer ago than this are past any review window. */
const LOOK_BACK_MS = (MAX_HORIZON_DAYS + REVIEW_WINDOW_DAYS + 2) * DAY_MS;
/** Completed bookings looked at per run at most; the rest wait for the next. */
export const MAX_SCANNED_PER_RUN = 5_000;
const PAGE = 100;

/** Whether `booking` could be reviewed now (before the marker check). */
function askable(booking: Booking, nowMs: number): boolean {
  return writeRefusal(booking, nowMs) === null;
}

/**
 * Sends every review request that is due; returns how many were sent.
 * Safe to run in several processes at once.
 */
export async function sendReviewRequests(kv: Deno.Kv): Promise<number> {
  const nowMs = clockFor(kv).now().getTime();
  let sent = 0;
  let scanned = 0;
  let cursor: string | undefined;
  do {
    const page = await adminListBookings(kv, {
      status: "completed",
      cursor,
      limit: PAGE,
    });
    scanned += page.items.length;
    const due = page.items.filter((booking) => askable(booking, nowMs));
    for (const booking of due) {
      if (await claimRequest(kv, booking, nowMs)) {
        const expert = await getExpert(kv, booking.expertId);
        if (
          await sendReviewRequest(kv, booking, expert?.name ?? "your expert")
        ) sent++;
      }
    }
    const oldest = page.items.at(-1);
    if (!oldest || Date.parse(oldest.createdAt) < nowMs - LOOK_BACK_MS) break;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && scanned < MAX_SCANNED_PER_RUN);
  return sent;
}

/**
 * Marks `booking` as asked, unless it already was or is already reviewed.
 * True when this caller won the marker and should send the request.
 */
async function claimRequest(
  kv: Deno.Kv,
  booking: Booking,
  nowMs: number,
): Promise<boolean> {
  const [marker, review] = await kv.getMany([
    requestKey(booking.id),
    bookingReviewKey(booking.id),
  ]);
  if (marker.versionstamp !== null || review.versionstamp !== null) {
    return false;
  }
  // Kept until the window has closed; after that nobody is asked anyway.
  const expireIn = Math.max(
    DAY_MS,
    Date.parse(booking.end) + REVIEW_WINDOW_MS - nowMs + DAY_MS,
  );
  const result = await kv.atomic().check(marker).check(review)
    .set(requestKey(booking.id), new Date(nowMs).toISOString(), { expireIn })
    .commit();
  return result.ok;
}

export const reviewRequestJob = defineJob({
  name: "reviews.request",
  payload: z.object({}),
  handler: async (_payload, { kv }) => {
    await sendReviewRequests(kv);
  },
});

export const reviewRequestCron = defineCron({
  name: "review requests",
  schedule: "*/10 * * * *",
  run: async (kv) => {
    await enqueue(kv, reviewRequestJob, {});
  },
});
