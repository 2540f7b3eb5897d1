/**
 * A learner's home from real bookings: upcoming sessions with the join
 * rule, past ones with the rating or the chance to rate, the stats from
 * completed sessions only, and "book again" after good sessions only.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  bookableExpert,
  bookingOf,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import { bookSession } from "@/services/bookings/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { heldSessionAt } from "@/tests/support/progress.ts";
import { writeReview } from "@/services/reviews/mod.ts";
import { saveExpert } from "@/services/saved_experts/mod.ts";
import { learnerHome } from "./mod.ts";

const DAY_MS = 86_400_000;
const learner = { id: "learner-1", role: "learner", timeZone: "UTC" };
const ago = (days: number, hour = 9) =>
  daysAhead(new Date(Date.now() - days * DAY_MS), 0, hour);

Deno.test("the home shows sessions, stats and suggestions from real bookings", async () => {
  await using kv = await openTestKv();
  const liked = await bookableExpert(kv, { profile: { name: "Lia Liked" } });
  const disliked = await bookableExpert(kv, { profile: { name: "Dan Dull" } });
  const unrated = await bookableExpert(kv, {
    profile: { name: "Una Unrated" },
    offering: { durationMinutes: 30, priceMinor: 3000 },
  });
  const recent = await heldSessionAt(kv, learner, liked.offering, ago(3));
  await heldSessionAt(kv, learner, liked.offering, ago(40));
  const dull = await heldSessionAt(kv, learner, disliked.offering, ago(5));
  await heldSessionAt(kv, learner, unrated.offering, ago(10));
  // A no-show counts nowhere.
  await heldSessionAt(kv, learner, unrated.offering, ago(12), {
    attended: ["expert"],
  });
  await writeReview(kv, learner.id, recent.id, { rating: 5, text: "Great." });
  await writeReview(kv, learner.id, dull.id, { rating: 2, text: "Meh." });
  const upcomingId = await bookingOf(kv, learner);
  await saveExpert(kv, learner.id, unrated.expertId);

  const home = await learnerHome(kv, learner);
  expect(home.upcoming.map((s) => s.booking.id)).toEqual([upcomingId]);
  expect(home.upcoming[0]).toMatchObject({
    canJoin: false,
    expertName: "Bea Booked",
  });
  expect(home.past.map((s) => [s.expertName, s.rating, s.canRate])).toEqual([
    ["Lia Liked", 5, false],
    ["Dan Dull", 2, false],
    ["Una Unrated", null, true],
    ["Una Unrated", null, false], // the no-show: not rateable
    ["Lia Liked", null, false], // 40 days ago: too late to rate
  ]);
  expect(home.stats.sessionsCompleted).toBe(4);
  expect(home.stats.hoursCompleted).toBe(3.5);
  expect(home.stats.categories).toEqual([
    { categoryId: "booking-tests", hours: 3.5, sessions: 4 },
  ]);
  expect(home.stats.months.reduce((sum, m) => sum + m.hours, 0)).toBe(3.5);
  expect(home.bookAgain.map((s) => [s.expert.name, s.rating, s.sessions]))
    .toEqual([
      ["Lia Liked", 5, 2],
      ["Una Unrated", null, 1],
    ]);
  expect(home.saved.map((s) => s.expert.name)).toEqual(["Una Unrated"]);
});

Deno.test("an expert already booked again is not suggested; a call opens 10 minutes early", async () => {
  await using kv = await openTestKv();
  const { offering, expertId } = await bookableExpert(kv);
  await heldSessionAt(kv, learner, offering, ago(2));
  await fundLearner(kv, learner.id, offering.priceMinor);
  const start = Date.parse(daysAhead(new Date(), 1, 10));
  using clock = useFakeClock(new Date(start - 11 * 60_000));
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    expertId,
    start: new Date(start).toISOString(),
  });
  if (!("booking" in outcome)) throw new Error("not booked");
  let home = await learnerHome(kv, learner);
  expect(home.bookAgain).toEqual([]);
  expect(home.upcoming[0].canJoin).toBe(false);
  clock.set(new Date(start - 10 * 60_000));
  home = await learnerHome(kv, learner);
  expect(home.upcoming[0].canJoin).toBe(true);
});
