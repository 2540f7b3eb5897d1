/** The expert's figures read from real records: sessions, ledger, reviews. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { completedBookingOf } from "@/tests/support/reviews.ts";
import { writeReview } from "@/services/reviews/mod.ts";
import { bookingOf } from "@/tests/support/bookings.ts";
import { newId } from "@/services/platform/kv.ts";
import { recordAnalyticsEvent } from "@/services/analytics/mod.ts";
import { expertOverview, expertStudents, studentHistory } from "./mod.ts";

Deno.test("the overview counts completed sessions, net earnings and reviews", async () => {
  await using kv = await openTestKv();
  const expert = { id: newId(), role: "expert", timeZone: "UTC" };
  const first = await completedBookingOf(kv, expert);
  const second = await completedBookingOf(kv, expert);
  const third = await completedBookingOf(kv, expert);
  await writeReview(kv, third.learnerId, third.id, { rating: 5 });
  await bookingOf(kv, expert);
  for (let i = 0; i < 8; i++) {
    await recordAnalyticsEvent(kv, {
      type: "profile_view",
      subjectId: expert.id,
      visitorId: `visitor-${i}-aaaaaaaaaaaa`,
    });
  }

  const overview = await expertOverview(kv, expert.id, "UTC");
  expect(overview.months.length).toBe(12);
  const usd = overview.earnings.find((e) => e.currency === "USD")!;
  // Net of commission: what completion moved to the expert's earnings.
  const net = [first, second, third].reduce(
    (total, b) => total + b.expertEarningsMinor!,
    0,
  );
  expect(net).toBeLessThan(3 * 6000);
  expect(usd.totalMinor).toBe(net);
  expect(overview.sessions.reduce((n, m) => n + m.sessions, 0)).toBe(3);
  expect(overview.sessions.reduce((n, m) => n + m.minutes, 0)).toBe(180);
  const rated = overview.ratings.filter((m) => m.count > 0);
  expect(rated).toEqual([
    { month: rated[0].month, average: 5, count: 1 },
  ]);
  expect(overview.repeat).toEqual({ students: 3, repeat: 0, rate: 0 });
  expect(overview.upcoming.length).toBe(1);
  // The four bookings were made over the last few days, the views today.
  const conversion = overview.conversion;
  expect(conversion.reduce((n, m) => n + m.views, 0)).toBe(8);
  expect(conversion.reduce((n, m) => n + m.bookings, 0)).toBe(4);
});

Deno.test("the student list and one student's history", async () => {
  await using kv = await openTestKv();
  const expert = { id: newId(), role: "expert", timeZone: "UTC" };
  const done = await completedBookingOf(kv, expert);
  await bookingOf(kv, expert);
  const students = await expertStudents(kv, expert.id);
  expect(students.length).toBe(2);
  const history = await studentHistory(kv, expert.id, done.learnerId);
  expect(history?.summary).toMatchObject({
    learnerId: done.learnerId,
    sessions: 1,
    minutes: 60,
    lastSession: done.start,
  });
  expect(history?.sessions.map((s) => s.id)).toEqual([done.id]);
  expect(await studentHistory(kv, expert.id, newId())).toBeNull();
});
