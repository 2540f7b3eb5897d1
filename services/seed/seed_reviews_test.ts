/**
 * Seeded ratings follow the review rules: every seeded expert's profile
 * shows the rating its review records add up to, through the same totals
 * (and monthly rating counters) a learner's review moves, and a review
 * written later moves them from there.
 */
import { expect } from "expect";
import { DEMO_EXPERTS, seedDemoData, seedGeneratedExperts } from "./mod.ts";
import { ratingFromTotals } from "@/services/experts/mod.ts";
import {
  getReviewTotals,
  listExpertReviews,
  type PublicReview,
  recountMonthCounters,
} from "@/services/reviews/mod.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import type { ExpertProfile } from "@/services/experts/mod.ts";

async function allReviews(kv: Deno.Kv, expertId: string) {
  const reviews: PublicReview[] = [];
  let cursor: string | undefined;
  do {
    const page = await listExpertReviews(kv, expertId, { cursor, limit: 100 });
    reviews.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return reviews;
}

Deno.test("every seeded expert's rating is what its review records add up to", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  await seedGeneratedExperts(kv, 30, 7);
  const experts = (await Array.fromAsync(
    kv.list<ExpertProfile>({ prefix: ["experts"] }),
  )).map((entry) => entry.value);
  expect(experts.length).toBe(DEMO_EXPERTS.length + 30);
  for (const expert of experts) {
    const reviews = await allReviews(kv, expert.id);
    const sum = reviews.reduce((total, review) => total + review.rating, 0);
    expect({ id: expert.id, totals: await getReviewTotals(kv, expert.id) })
      .toEqual({ id: expert.id, totals: { sum, count: reviews.length } });
    expect({ id: expert.id, rating: expert.rating }).toEqual({
      id: expert.id,
      rating: ratingFromTotals(sum, reviews.length),
    });
    // The monthly rating counters too: a recount finds nothing to change.
    expect({
      id: expert.id,
      changed: await recountMonthCounters(kv, expert.id),
    })
      .toEqual({ id: expert.id, changed: 0 });
    // Newest first, each with its session type and date.
    const dates = reviews.map((review) => review.createdAt);
    expect(dates).toEqual([...dates].sort().reverse());
    for (const review of reviews) {
      expect(review.sessionTitle).not.toBe("");
      expect(Date.parse(review.sessionStart)).toBeLessThan(
        Date.parse(review.createdAt),
      );
    }
  }
});

Deno.test("demo experts keep the ratings they are listed with (none without reviews)", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  const experts = (await Array.fromAsync(
    kv.list<ExpertProfile>({ prefix: ["experts"] }),
  )).map((entry) => entry.value);
  const listed = new Map(
    DEMO_EXPERTS.map((input) => [input.name, input.rating!]),
  );
  for (const expert of experts) {
    const rating = listed.get(expert.name)!;
    expect({ name: expert.name, rating: expert.rating }).toEqual({
      name: expert.name,
      rating: rating.count === 0 ? { average: 0, count: 0 } : rating,
    });
  }
});
