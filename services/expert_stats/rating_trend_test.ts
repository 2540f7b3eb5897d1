/**
 * The expert home's rating trend from the monthly counters is the one a
 * recount of every review gives, in every time zone: reviews written near
 * the turn of a month (where zones disagree on the month) and hidden ones
 * included.
 */
import { expect } from "expect";
import { ulid } from "ulid";
import { useFakeClock } from "@/services/platform/clock.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  listExpertRatingsSince,
  moderateReview,
  type Review,
  seededReviews,
  stageSeededReviews,
} from "@/services/reviews/mod.ts";
import {
  expertOverview,
  lastMonths,
  monthStart,
  ratingByMonth,
  ratingByMonthFromCounters,
} from "./mod.ts";

const HOUR = 3_600_000;
const NOW = new Date("2030-06-15T12:00:00Z");
const ZONES = [
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "Asia/Kathmandu",
  "Australia/Adelaide",
  "Pacific/Chatham",
  "Pacific/Kiritimati",
  "Etc/GMT+12",
];

/**
 * `count` reviews over the year before NOW, every third one moved to
 * within 20 hours of the turn of its month, ids in time order as written.
 */
function reviewsNearMonthTurns(expertId: string, count: number): Review[] {
  const seeded = seededReviews(
    expertId,
    { average: 4.3, count },
    ["Session"],
    NOW.getTime(),
    5,
  );
  return seeded.reviews.map((review, i) => {
    if (i % 3 !== 0) return review;
    const at = new Date(review.createdAt);
    const turn = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
    const createdMs = turn + ((i * 7919) % (40 * HOUR)) - 20 * HOUR;
    const createdAt = new Date(createdMs).toISOString();
    return { ...review, id: ulid(createdMs), createdAt, updatedAt: createdAt };
  }).sort((a, b) => b.id.localeCompare(a.id));
}

Deno.test("the rating trend from the counters equals a recount of the reviews, in every zone", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const expertId = "01J000000000000000000000EX";
  const reviews = reviewsNearMonthTurns(expertId, 300);
  const op = kv.atomic();
  stageSeededReviews(op, expertId, {
    reviews,
    totals: {
      sum: reviews.reduce((sum, r) => sum + r.rating, 0),
      count: reviews.length,
    },
    rating: { average: 0, count: 0 },
  });
  expect((await op.commit()).ok).toBe(true);
  // Some reviews hidden, near a turn and not, through moderation.
  for (const review of reviews.filter((_, i) => i % 10 === 0)) {
    await moderateReview(kv, { id: "admin-1" }, review.id, "hide", {
      note: "Off topic.",
    }, { ip: "127.0.0.1", userAgent: "test" });
  }

  for (const zone of ZONES) {
    const months = lastMonths(NOW, zone);
    const before = ratingByMonth(
      await listExpertRatingsSince(kv, expertId, monthStart(months[0], zone)),
      months,
      zone,
    );
    const overview = await expertOverview(kv, expertId, zone);
    expect({ zone, ratings: overview.ratings }).toEqual({
      zone,
      ratings: before,
    });
    expect(before.reduce((n, m) => n + m.count, 0)).toBeGreaterThan(200);
  }
});

Deno.test("a review moves to the month it was written in the viewer's zone", () => {
  const months = ["2026-02", "2026-03"];
  const counters = {
    // Written 28 Feb 23:30 UTC (5 stars) and 31 Mar 23:00 UTC (1 star).
    months: [
      { month: "2026-02", count: 2, stars: 8 },
      { month: "2026-03", count: 1, stars: 1 },
    ],
    edges: [
      { createdAt: "2026-02-28T23:30:00.000Z", rating: 5 },
      { createdAt: "2026-03-31T23:00:00.000Z", rating: 1 },
    ],
  };
  expect(ratingByMonthFromCounters(counters, months, "UTC")).toEqual([
    { month: "2026-02", count: 2, average: 4 },
    { month: "2026-03", count: 1, average: 1 },
  ]);
  // In Berlin both are a month later: March gains one, April (not shown) the other.
  expect(ratingByMonthFromCounters(counters, months, "Europe/Berlin"))
    .toEqual([
      { month: "2026-02", count: 1, average: 3 },
      { month: "2026-03", count: 1, average: 5 },
    ]);
});
