/**
 * Reports, moderation and the review requests: one report per reporter,
 * a limit per hour, hidden reviews leaving the list and the totals (and
 * coming back when restored), the decision audited and told to the author,
 * and each completed session's learner asked exactly once.
 */
import { expect } from "expect";
import { getExpert } from "@/services/experts/mod.ts";
import { consumeRateLimit, RateLimitedError } from "@/services/auth/mod.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  getReviewTotals,
  listExpertRatingsSince,
  listExpertReviews,
  listModerationQueue,
  moderateReview,
  REPORT_LIMIT,
  reportReview,
  sendReviewRequests,
  writeReview,
} from "./mod.ts";
import { completedSessions, NOW } from "./testing.ts";

const META = { ip: "127.0.0.1", userAgent: "test" };
const ADMIN = { id: "admin-1" };
const DAY = 86_400_000;

Deno.test("reports: once per reporter, not one's own, limited per hour; they fill the queue", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { bookings: [booking] } = await completedSessions(kv, clock);
  const review = await writeReview(kv, booking.learnerId, booking.id, {
    rating: 1,
    text: "Rude words here.",
  });
  await expect(reportReview(kv, "reader-1", "no-such-review", { reason: "x" }))
    .rejects.toThrow(NotFoundError);
  await expect(reportReview(kv, "reader-1", review.id, { reason: " " }))
    .rejects.toThrow(ValidationError);
  await expect(
    reportReview(kv, booking.learnerId, review.id, { reason: "Mine" }),
  ).rejects.toThrow(/own review/);
  await reportReview(kv, "reader-1", review.id, { reason: "Insulting." });
  await expect(reportReview(kv, "reader-1", review.id, { reason: "Again" }))
    .rejects.toThrow(ConflictError);
  await reportReview(kv, "reader-2", review.id, { reason: "Off topic." });
  const queue = await listModerationQueue(kv, "reported");
  expect(queue.items.map((r) => [r.id, r.openReports, r.reports.length]))
    .toEqual([[review.id, 2, 2]]);
  expect(queue.items[0].reports.map((r) => r.reason)).toEqual([
    "Insulting.",
    "Off topic.",
  ]);

  // The limit counts reports across reviews.
  for (let i = 0; i < REPORT_LIMIT.limit; i++) {
    await consumeRateLimit(kv, REPORT_LIMIT.bucket, "busy", REPORT_LIMIT);
  }
  await expect(reportReview(kv, "busy", review.id, { reason: "Spam" }))
    .rejects.toThrow(RateLimitedError);
});

Deno.test("hiding takes a review off the profile and out of the totals; restoring brings it back; both audited and told", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, bookings } = await completedSessions(kv, clock, 2);
  const bad = await writeReview(kv, bookings[0].learnerId, bookings[0].id, {
    rating: 1,
  });
  await writeReview(kv, bookings[1].learnerId, bookings[1].id, { rating: 5 });
  await reportReview(kv, "reader-1", bad.id, {
    reason: "Not about the session.",
  });
  expect((await getExpert(kv, expertId))!.rating).toEqual({
    average: 3,
    count: 2,
  });

  await expect(moderateReview(kv, ADMIN, bad.id, "hide", {}, META))
    .rejects.toThrow(ValidationError);
  const hidden = await moderateReview(kv, ADMIN, bad.id, "hide", {
    note: "Not about the session.",
  }, META);
  expect(hidden).toMatchObject({ status: "hidden", openReports: 0 });
  expect(await getReviewTotals(kv, expertId)).toEqual({ sum: 5, count: 1 });
  expect((await getExpert(kv, expertId))!.rating).toEqual({
    average: 5,
    count: 1,
  });
  expect((await listExpertReviews(kv, expertId)).items).toHaveLength(1);
  // The rating trend leaves the hidden review out too.
  expect(await listExpertRatingsSince(kv, expertId, new Date(0))).toHaveLength(
    1,
  );
  expect((await listModerationQueue(kv, "reported")).items).toEqual([]);
  expect((await listModerationQueue(kv, "hidden")).items.map((r) => r.id))
    .toEqual([bad.id]);
  await expect(moderateReview(kv, ADMIN, bad.id, "hide", { note: "x" }, META))
    .rejects.toThrow(ConflictError);
  // Hidden reviews cannot be reported, edited or answered.
  await expect(reportReview(kv, "reader-2", bad.id, { reason: "x" }))
    .rejects.toThrow(NotFoundError);

  await moderateReview(kv, ADMIN, bad.id, "restore", {
    note: "The expert confirmed it was about the session.",
  }, META);
  expect(await getReviewTotals(kv, expertId)).toEqual({ sum: 6, count: 2 });
  expect((await getExpert(kv, expertId))!.rating).toEqual({
    average: 3,
    count: 2,
  });
  expect((await listExpertReviews(kv, expertId)).items).toHaveLength(2);
  const ratings = await listExpertRatingsSince(kv, expertId, new Date(0));
  expect(ratings.map((r) => r.rating).sort()).toEqual([1, 5]);
  // Nothing was written after the future.
  expect(
    await listExpertRatingsSince(kv, expertId, new Date("2100-01-01")),
  ).toEqual([]);
  expect((await listModerationQueue(kv, "hidden")).items).toEqual([]);

  const events = (await listSecurityEvents(kv, { actorId: ADMIN.id })).events;
  expect(events.map((e) => [e.type, e.details.note])).toEqual([
    ["review_restored", "The expert confirmed it was about the session."],
    ["review_hidden", "Not about the session."],
  ]);
  const mail = (await listOutbox(kv))
    .filter((m) => m.subject.startsWith("Your review"));
  expect(mail.map((m) => m.subject)).toEqual([
    "Your review is visible again",
    "Your review was hidden",
  ]);
  expect(mail[1].text).toContain("Not about the session.");
});

Deno.test("restoring a reported visible review keeps it and closes its reports", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, bookings: [booking] } = await completedSessions(kv, clock);
  const review = await writeReview(kv, booking.learnerId, booking.id, {
    rating: 4,
  });
  await expect(
    moderateReview(kv, ADMIN, review.id, "restore", { note: "Fine" }, META),
  ).rejects.toThrow(/no open reports/);
  await reportReview(kv, "reader-1", review.id, { reason: "I disagree." });
  const kept = await moderateReview(kv, ADMIN, review.id, "restore", {
    note: "Disagreement is not abuse.",
  }, META);
  expect(kept).toMatchObject({ status: "visible", openReports: 0 });
  expect(await getReviewTotals(kv, expertId)).toEqual({ sum: 4, count: 1 });
  expect((await listModerationQueue(kv, "reported")).items).toEqual([]);
});

Deno.test("each completed session's learner is asked once, even by several runs at once", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { bookings } = await completedSessions(kv, clock, 2);
  await writeReview(kv, bookings[1].learnerId, bookings[1].id, { rating: 5 });
  const sent = await Promise.all([
    sendReviewRequests(kv),
    sendReviewRequests(kv),
    sendReviewRequests(kv),
  ]);
  expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
  expect(await sendReviewRequests(kv)).toBe(0);
  const [request] = (await listOutbox(kv))
    .filter((m) => m.subject.startsWith("How was your session"));
  expect(request.text).toContain(`/bookings/${bookings[0].id}/review`);
  // Past the window nobody is asked.
  const later = await completedSessions(kv, clock, 1);
  clock.set(new Date(Date.parse(later.bookings[0].end) + 15 * DAY));
  expect(await sendReviewRequests(kv)).toBe(0);
});
