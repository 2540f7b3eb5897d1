/**
 * The funnel: views and bookings opened come from the analytics log;
 * bookings paid, sessions completed and reviews come from those features'
 * own records, made here through their real flows on a fake clock.
 */
import { expect } from "expect";
import {
  adminListBookings,
  type Booking,
  bookSession,
  processDueWork,
} from "@/services/bookings/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { writeReview } from "@/services/reviews/mod.ts";
import {
  attendCall,
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import {
  HISTORY_START,
  makeBookingHistory,
} from "@/tests/support/booking_history.ts";
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

/**
 * The funnel's bookings steps as they were counted before the bookings'
 * time indexes: every booking starting from a week before the period.
 */
async function bookingStepsByScan(kv: Deno.Kv, from: Date, to: Date) {
  const bookings: Booking[] = [];
  let cursor: string | undefined;
  do {
    const page = await adminListBookings(kv, {
      from: new Date(from.getTime() - 7 * 86_400_000).toISOString(),
      cursor,
      limit: 100,
    });
    bookings.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const within = (iso: string | null) =>
    iso !== null && Date.parse(iso) >= from.getTime() &&
    Date.parse(iso) <= to.getTime();
  return {
    bookingsPaid: bookings.filter((b) => within(b.createdAt)).length,
    sessionsCompleted:
      bookings.filter((b) => b.status === "completed" && within(b.completedAt))
        .length,
  };
}

Deno.test("the site's funnel reads the period's bookings and counts what the scan counted", async () => {
  using clock = useFakeClock(HISTORY_START);
  using kv = await openTestKv();
  await makeBookingHistory(kv, clock);
  const day = 86_400_000;
  const start = HISTORY_START.getTime();
  const periods: [number, number][] = [
    [start, start + day - 1],
    [start + day - 60_000, start + day - 60_000],
    [start + day, start + 2 * day],
    [start - 30 * day, start + 30 * day],
    [start + 2 * day, start + 5 * day],
    [start - 10 * day, start - day],
  ];
  let counted = 0;
  for (const [fromMs, toMs] of periods) {
    const from = new Date(fromMs);
    const to = new Date(toMs);
    const funnel = await siteFunnel(kv, from, to);
    const before = await bookingStepsByScan(kv, from, to);
    expect({
      bookingsPaid: funnel.bookingsPaid,
      sessionsCompleted: funnel.sessionsCompleted,
    }).toEqual(before);
    counted += funnel.bookingsPaid + funnel.sessionsCompleted;
  }
  expect(counted).toBeGreaterThan(0);
});
