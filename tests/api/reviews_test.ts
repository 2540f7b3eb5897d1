/**
 * The reviews API end to end, every answer checked against the OpenAPI
 * document: a learner reviews a completed session once and changes it (the
 * GET/PATCH round trip), the profile's list and rating follow, the expert
 * replies once, readers report, and admins hide and restore with a note.
 */
import { expect } from "expect";
import { signInAdmin, signUp } from "@/tests/support/auth.ts";
import { createCheckedAuthApp } from "./support.ts";
import { completedBookingOf } from "@/tests/support/reviews.ts";
import { writeReview } from "@/services/reviews/mod.ts";

Deno.test("a learner reviews a completed session once, edits it, and the profile follows", async () => {
  await using app = await createCheckedAuthApp();
  const learner = await signUp(app, "learner", { name: "Lea Learner" });
  const booking = await completedBookingOf(app.kv, learner.user!);
  const path = `/api/bookings/${booking.id}/review`;

  const before = await learner.api("GET", path);
  expect(before.status).toBe(200);
  expect(before.body).toMatchObject({ review: null, canWrite: true });

  const missing = await learner.api("POST", path, { text: "No stars" });
  expect(missing.status).toBe(400);
  expect(missing.body.details.rating).toHaveLength(1);
  expect((await learner.api("POST", path, { rating: 0 })).status).toBe(400);

  const written = await learner.api("POST", path, {
    rating: 5,
    text: "Clear and patient.",
  });
  expect(written.status).toBe(201);
  expect(written.body.review).toMatchObject({
    rating: 5,
    authorName: "Lea L.",
    sessionTitle: booking.offeringTitle,
    sessionStart: booking.start,
  });
  const again = await learner.api("POST", path, { rating: 4 });
  expect(again.status).toBe(409);

  const list = `/api/experts/${booking.expertId}/reviews`;
  const listed = await app.client().api("GET", list);
  expect(listed.status).toBe(200);
  expect(listed.body.rating).toEqual({ average: 5, count: 1 });
  expect(listed.body.reviews.map((r: { id: string }) => r.id))
    .toEqual([written.body.review.id]);
  expect(listed.body.reviews[0].learnerId).toBeUndefined();

  // Round trip: what the GET answers, the PATCH takes back unchanged.
  const own = (await learner.api("GET", path)).body.review;
  const reviewPath = `/api/reviews/${own.id}`;
  const same = await learner.api("PATCH", reviewPath, {
    rating: own.rating,
    text: own.text,
  });
  expect(same.status).toBe(200);
  const { updatedAt: _a, ...ownRest } = own;
  const { updatedAt: _b, ...sameRest } = same.body.review;
  expect(sameRest).toEqual(ownRest);

  const edited = await learner.api("PATCH", reviewPath, { rating: 2 });
  expect(edited.status).toBe(200);
  expect((await app.client().api("GET", list)).body.rating)
    .toEqual({ average: 2, count: 1 });

  // Someone else's booking and review are simply not found.
  const stranger = await signUp(app, "learner");
  expect((await stranger.api("POST", path, { rating: 5 })).status).toBe(404);
  expect((await stranger.api("PATCH", reviewPath, { rating: 5 })).status)
    .toBe(404);
  expect((await app.client().api("GET", "/api/experts/nobody/reviews")).status)
    .toBe(404);
});

Deno.test("the expert replies once; readers report once; admins hide and restore with a note", async () => {
  await using app = await createCheckedAuthApp();
  const expert = await signUp(app, "expert", { name: "Erin Expert" });
  const booking = await completedBookingOf(app.kv, expert.user!);
  const review = await writeReview(app.kv, booking.learnerId, booking.id, {
    rating: 1,
    text: "Terrible, and here is their phone number.",
  });
  const replyPath = `/api/reviews/${review.id}/reply`;
  expect((await expert.api("POST", replyPath, {})).status).toBe(400);
  const replied = await expert.api("POST", replyPath, {
    text: "I am sorry it did not help.",
  });
  expect(replied.status).toBe(200);
  expect(replied.body.review.reply.text).toBe("I am sorry it did not help.");
  expect((await expert.api("POST", replyPath, { text: "More" })).status)
    .toBe(409);

  const reader = await signUp(app, "learner");
  const reportPath = `/api/reviews/${review.id}/report`;
  expect((await reader.api("POST", reportPath, {})).status).toBe(400);
  const reported = await reader.api("POST", reportPath, {
    reason: "It shares a phone number.",
  });
  expect(reported.status).toBe(201);
  expect((await reader.api("POST", reportPath, { reason: "x" })).status)
    .toBe(409);

  const admin = await signInAdmin(app, { twoFactor: true });
  const queue = await admin.api("GET", "/api/admin/reviews");
  expect(queue.status).toBe(200);
  expect(queue.body.reviews.map((r: { id: string }) => r.id))
    .toEqual([review.id]);
  expect(queue.body.reviews[0].reports[0].reason)
    .toBe("It shares a phone number.");

  const hidePath = `/api/admin/reviews/${review.id}/hide`;
  expect((await admin.api("POST", hidePath, {})).status).toBe(400);
  const hidden = await admin.api("POST", hidePath, {
    note: "Reviews must not share contact details.",
  });
  expect(hidden.status).toBe(200);
  expect(hidden.body.review.status).toBe("hidden");
  const list = `/api/experts/${booking.expertId}/reviews`;
  expect((await app.client().api("GET", list)).body).toMatchObject({
    rating: { average: 0, count: 0 },
    reviews: [],
  });
  expect((await admin.api("GET", "/api/admin/reviews")).body.reviews)
    .toEqual([]);
  expect(
    (await admin.api("GET", "/api/admin/reviews?status=hidden")).body.reviews
      .length,
  ).toBe(1);
  expect((await admin.api("POST", hidePath, { note: "Again" })).status)
    .toBe(409);

  const restored = await admin.api(
    "POST",
    `/api/admin/reviews/${review.id}/restore`,
    { note: "The number was the expert's public office line." },
  );
  expect(restored.status).toBe(200);
  expect((await app.client().api("GET", list)).body.rating)
    .toEqual({ average: 1, count: 1 });
});
