/**
 * The review rules: who may write, the 14-day window, one review per
 * booking, the 48-hour edit, the one reply, and the expert's totals kept
 * exact in the review's own commit, also under concurrent writers.
 */
import { expect } from "expect";
import { listNotifications } from "@/services/notifications/mod.ts";
import { publicVersion } from "@/services/platform/public_version.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { bookSession } from "@/services/bookings/mod.ts";
import {
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import {
  editReview,
  getReviewTotals,
  listExpertReviews,
  replyToReview,
  writeReview,
} from "./mod.ts";
import { completedSessions, NOW } from "./testing.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function shown(kv: Deno.Kv, expertId: string) {
  const expert = await getExpert(kv, expertId);
  return {
    totals: await getReviewTotals(kv, expertId),
    rating: expert!.rating,
  };
}

Deno.test("a learner reviews a completed session once; the totals and profile move in the same write", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, bookings: [booking] } = await completedSessions(kv, clock);
  const review = await writeReview(kv, booking.learnerId, booking.id, {
    rating: 4,
    text: "  Clear and kind.  ",
  });
  expect(review).toMatchObject({
    rating: 4,
    text: "Clear and kind.",
    authorName: "Lea L.",
    sessionTitle: booking.offeringTitle,
    sessionStart: booking.start,
    status: "visible",
  });
  expect(await shown(kv, expertId)).toEqual({
    totals: { sum: 4, count: 1 },
    rating: { average: 4, count: 1 },
  });
  await expect(
    writeReview(kv, booking.learnerId, booking.id, { rating: 5 }),
  ).rejects.toThrow(ConflictError);
  expect((await listExpertReviews(kv, expertId)).items.map((r) => r.id))
    .toEqual([review.id]);
  // The expert hears of it once, with a way to reply.
  const told = (await listNotifications(kv, expertId)).items
    .filter((n) => n.type === "review_received");
  expect(told).toHaveLength(1);
  expect(told[0].link).toBe(`/bookings/${booking.id}`);
});

Deno.test("only the booking's learner, only completed sessions, only within 14 days, with 1–5 stars", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, bookings: [booking] } = await completedSessions(kv, clock);
  await expect(writeReview(kv, expertId, booking.id, { rating: 5 }))
    .rejects.toThrow(NotFoundError);
  await expect(writeReview(kv, "someone-else", booking.id, { rating: 5 }))
    .rejects.toThrow(NotFoundError);
  await expect(writeReview(kv, booking.learnerId, booking.id, {}))
    .rejects.toThrow(ValidationError);
  await expect(writeReview(kv, booking.learnerId, booking.id, { rating: 6 }))
    .rejects.toThrow(ValidationError);
  clock.set(new Date(Date.parse(booking.end) + 14 * DAY + 1));
  await expect(writeReview(kv, booking.learnerId, booking.id, { rating: 5 }))
    .rejects.toThrow(/14 days/);
  clock.set(new Date(Date.parse(booking.end) + 14 * DAY));
  await writeReview(kv, booking.learnerId, booking.id, { rating: 5 });

  // A session not yet held (confirmed, not completed) cannot be reviewed.
  const { offering } = await bookableExpert(kv);
  const learner = await fundedLearner(kv, 100_00);
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    start: daysAhead(new Date(Date.parse(booking.end) + 14 * DAY), 1),
  });
  if (!("booking" in outcome)) throw new Error("not booked");
  await expect(
    writeReview(kv, learner.id, outcome.booking.id, { rating: 5 }),
  ).rejects.toThrow(/once it has taken place/);
});

Deno.test("an edit within 48 hours moves the totals by the difference; later it is refused", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, bookings } = await completedSessions(kv, clock, 2);
  const first = await writeReview(kv, bookings[0].learnerId, bookings[0].id, {
    rating: 5,
  });
  await writeReview(kv, bookings[1].learnerId, bookings[1].id, { rating: 4 });
  expect(await shown(kv, expertId)).toEqual({
    totals: { sum: 9, count: 2 },
    rating: { average: 4.5, count: 2 },
  });
  clock.set(new Date(Date.parse(first.createdAt) + 47 * HOUR));
  const edited = await editReview(kv, bookings[0].learnerId, first.id, {
    rating: 2,
    text: "On reflection, less useful.",
  });
  expect(edited).toMatchObject({
    rating: 2,
    text: "On reflection, less useful.",
  });
  expect(await shown(kv, expertId)).toEqual({
    totals: { sum: 6, count: 2 },
    rating: { average: 3, count: 2 },
  });
  await expect(editReview(kv, bookings[1].learnerId, first.id, { rating: 1 }))
    .rejects.toThrow(NotFoundError);
  clock.set(new Date(Date.parse(first.createdAt) + 48 * HOUR + 1));
  await expect(editReview(kv, bookings[0].learnerId, first.id, { rating: 5 }))
    .rejects.toThrow(/48 hours/);
  expect((await shown(kv, expertId)).totals).toEqual({ sum: 6, count: 2 });
});

Deno.test("several reviews of one expert at once: every one counts, exactly", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, bookings } = await completedSessions(kv, clock, 6);
  const stars = [5, 4, 3, 5, 2, 4];
  await Promise.all(
    bookings.map((booking, i) =>
      writeReview(kv, booking.learnerId, booking.id, { rating: stars[i] })
    ),
  );
  expect(await shown(kv, expertId)).toEqual({
    totals: { sum: 23, count: 6 },
    rating: { average: 3.8, count: 6 },
  });
  // Concurrent edits too.
  const reviews = (await listExpertReviews(kv, expertId)).items;
  expect(reviews).toHaveLength(6);
  await Promise.all(
    reviews.map((review) => {
      const booking = bookings.find((b) =>
        b.offeringTitle === review.sessionTitle &&
        b.start === review.sessionStart
      )!;
      return editReview(kv, booking.learnerId, review.id, { rating: 1 });
    }),
  );
  expect(await shown(kv, expertId)).toEqual({
    totals: { sum: 6, count: 6 },
    rating: { average: 1, count: 6 },
  });
});

Deno.test("the expert replies once; the reply is final", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, bookings: [booking] } = await completedSessions(kv, clock);
  const review = await writeReview(kv, booking.learnerId, booking.id, {
    rating: 5,
  });
  await expect(replyToReview(kv, "another-expert", review.id, { text: "Hi" }))
    .rejects.toThrow(NotFoundError);
  await expect(replyToReview(kv, expertId, review.id, { text: "  " }))
    .rejects.toThrow(ValidationError);
  const before = await publicVersion(kv);
  const replied = await replyToReview(kv, expertId, review.id, {
    text: "Thank you, Lea!",
  });
  expect(replied.reply?.text).toBe("Thank you, Lea!");
  // The profile's totals did not move, yet cached profiles must show it.
  expect(await publicVersion(kv)).not.toBe(before);
  await expect(replyToReview(kv, expertId, review.id, { text: "Again" }))
    .rejects.toThrow(ConflictError);
  expect((await listExpertReviews(kv, expertId)).items[0].reply?.text)
    .toBe("Thank you, Lea!");
});
