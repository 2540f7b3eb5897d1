/**
 * The funnel: views and bookings opened come from the analytics log;
 * bookings paid, sessions completed and reviews come from those features'
 * own records, made here through their real flows on a fake clock.
 */
import { expect } from "expect";
import { bookSession, processDueWork } from "@/services/bookings/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { writeReview } from "@/services/reviews/mod.ts";
import {
  attendCall,
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  conversionPercent,
  profileFunnel,
  recordAnalyticsEvent,
  siteFunnel,
} from "./mod.ts";

const NOW = new Date("2030-03-04T08:00:00Z");
const VISITOR = "visitor-0123456789abcdef";

Deno.test("a funnel combines logged views with paid, completed and reviewed sessions", async () => {
  using kv = await openTestKv();
  using clock = useFakeClock(NOW);
  const { expertId, offering } = await bookableExpert(kv);
  const other = await bookableExpert(kv);
  for (let i = 0; i < 3; i++) {
    await recordAnalyticsEvent(kv, {
      type: "profile_view",
      subjectId: expertId,
      visitorId: VISITOR,
    });
  }
  await recordAnalyticsEvent(kv, {
    type: "profile_view",
    subjectId: other.expertId,
    visitorId: VISITOR,
  });
  for (let i = 0; i < 2; i++) {
    await recordAnalyticsEvent(kv, {
      type: "booking_started",
      subjectId: expertId,
      offeringId: offering.id,
      visitorId: VISITOR,
    });
  }
  const booked = [];
  for (const hour of [10, 12]) {
    const outcome = await bookSession(kv, await fundedLearner(kv), {
      offeringId: offering.id,
      start: daysAhead(NOW, 1, hour),
    });
    if (!("booking" in outcome)) throw new Error("the booking failed");
    booked.push(outcome.booking);
  }
  // Only the first session is attended, so only it completes.
  await attendCall(kv, clock, booked[0]);
  clock.set(new Date(Date.parse(booked[1].end) + 3_600_000));
  await processDueWork(kv);
  await writeReview(kv, booked[0].learnerId, booked[0].id, {
    rating: 5,
    text: "Very clear.",
  });

  const from = new Date(NOW.getTime() - 86_400_000);
  const to = new Date(NOW.getTime() + 3 * 86_400_000);
  expect(await profileFunnel(kv, expertId, from, to)).toEqual({
    profileViews: 3,
    bookingsStarted: 2,
    bookingsPaid: 2,
    sessionsCompleted: 1,
    reviewsLeft: 1,
  });
  expect(await profileFunnel(kv, other.expertId, from, to)).toEqual({
    profileViews: 1,
    bookingsStarted: 0,
    bookingsPaid: 0,
    sessionsCompleted: 0,
    reviewsLeft: 0,
  });
  expect(await siteFunnel(kv, from, to)).toEqual({
    profileViews: 4,
    bookingsStarted: 2,
    bookingsPaid: 2,
    sessionsCompleted: 1,
    reviewsLeft: 1,
  });
  // A period before any of it counts nothing.
  const before = new Date("2030-02-01T00:00:00Z");
  expect(await profileFunnel(kv, expertId, before, before)).toEqual({
    profileViews: 0,
    bookingsStarted: 0,
    bookingsPaid: 0,
    sessionsCompleted: 0,
    reviewsLeft: 0,
  });
  // Paid in the period counts when the booking was made, not its session.
  const madeDay = new Date(NOW.getTime() + 60_000);
  expect((await profileFunnel(kv, expertId, NOW, madeDay)).bookingsPaid)
    .toBe(2);
});

Deno.test("conversion is a percentage with one decimal, none without a base", () => {
  expect(conversionPercent(1, 3)).toBe(33.3);
  expect(conversionPercent(0, 0)).toBeNull();
  expect(conversionPercent(2, 2)).toBe(100);
});
