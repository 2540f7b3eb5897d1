/**
 * The reviews feature's emails: the request to rate a session, and the
 * author's notice of a moderator's decision. Sent after the change they
 * describe has committed; a delivery failure is logged, never thrown,
 * because the change already happened.
 *
 * Links need the site's public address, which a background job cannot take
 * from a request: runtime.ts binds `reviewLinksProvider` to PUBLIC_URL.
 * Without it the email names the page instead of linking it.
 */
import { getUser } from "@/services/auth/mod.ts";
import type { Booking } from "@/services/bookings/mod.ts";
import { getEmailProvider } from "@/services/platform/email/mod.ts";
import {
  defineProviderSlot,
  providerFor,
} from "@/services/platform/providers.ts";
import { type Review, REVIEW_WINDOW_DAYS } from "./model.ts";

/** Where links in review emails point: the site's origin, or null. */
export interface ReviewLinks {
  siteUrl: string | null;
}

export const reviewLinksProvider = defineProviderSlot<ReviewLinks>(
  "reviewLinks",
  () => ({ siteUrl: null }),
);

function pageRef(kv: Deno.Kv, path: string, name: string): string {
  const { siteUrl } = providerFor(kv, reviewLinksProvider);
  return siteUrl
    ? `${siteUrl.replace(/\/$/, "")}${path}`
    : `${name} on TapTime (${path})`;
}

function dateOf(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleDateString("en-GB", {
    timeZone,
    dateStyle: "long",
  });
}

async function send(
  kv: Deno.Kv,
  userId: string,
  subject: string,
  lines: (name: string) => string[],
): Promise<boolean> {
  const user = await getUser(kv, userId);
  if (!user) return false;
  try {
    await getEmailProvider(kv).send({
      to: user.email,
      subject,
      text: [...lines(user.name), "", "— TapTime"].join("\n"),
    });
    return true;
  } catch (error) {
    console.error(`Could not email ${userId} about a review:`, error);
    return false;
  }
}

/** Asks the learner to rate a completed session. */
export async function sendReviewRequest(
  kv: Deno.Kv,
  booking: Booking,
  expertName: string,
): Promise<boolean> {
  return await send(
    kv,
    booking.learnerId,
    `How was your session with ${expertName}?`,
    (name) => [
      `Hi ${name},`,
      "",
      `How did "${booking.offeringTitle}" with ${expertName} on ${
        dateOf(booking.start, booking.learnerTimeZone)
      } go? Give it 1 to 5 stars and, if you like, a few words: it helps other learners choose, and ${expertName} may reply.`,
      "",
      `Rate the session: ${
        pageRef(kv, `/bookings/${booking.id}/review`, "the session's page")
      }`,
      "",
      `You can review it for ${REVIEW_WINDOW_DAYS} days after the session, and change your review for 48 hours after writing it.`,
    ],
  );
}

/** Tells the author that a moderator hid or restored their review. */
export async function sendModerationEmail(
  kv: Deno.Kv,
  review: Review,
  action: "hide" | "restore",
  note: string,
): Promise<void> {
  if (!review.learnerId) return;
  const hidden = action === "hide";
  await send(
    kv,
    review.learnerId,
    hidden ? "Your review was hidden" : "Your review is visible again",
    (name) => [
      `Hi ${name},`,
      "",
      hidden
        ? `A moderator hid your review of "${review.sessionTitle}". It no longer shows on the expert's profile or counts in their rating.`
        : `A moderator restored your review of "${review.sessionTitle}". It shows on the expert's profile and counts in their rating again.`,
      "",
      `The moderator's note: ${note}`,
      "",
      "If you think this is a mistake, reply through the contact page.",
    ],
  );
}
