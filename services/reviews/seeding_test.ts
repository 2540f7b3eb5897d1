import { expect } from "expect";
import { ratingFromTotals } from "@/services/experts/mod.ts";
import { seededReviews, starTotalFor } from "./mod.ts";

Deno.test("a star total shows the listed average whenever one can", () => {
  for (const [average, count] of [[4.9, 212], [4.6, 41], [5, 23], [3.8, 5]]) {
    expect(ratingFromTotals(starTotalFor(average, count), count).average)
      .toBe(average);
  }
  // Two reviews cannot average 4.3: the nearest total is used.
  expect(starTotalFor(4.3, 2)).toBe(9);
});

Deno.test("seeded reviews add up to their totals, newest first", () => {
  const seeded = seededReviews(
    "01J00000000000000000000000",
    { average: 4.7, count: 35 },
    ["30-minute session", "60-minute session"],
    Date.UTC(2030, 0, 1),
    3,
  );
  expect(seeded.reviews).toHaveLength(35);
  expect(seeded.reviews.reduce((sum, r) => sum + r.rating, 0))
    .toBe(seeded.totals.sum);
  expect(seeded.rating).toEqual({ average: 4.7, count: 35 });
  const ids = seeded.reviews.map((review) => review.id);
  expect(ids).toEqual([...ids].sort().reverse());
  expect(seededReviews("x", { average: 0, count: 0 }, [], 0, 1).totals)
    .toEqual({ sum: 0, count: 0 });
});
