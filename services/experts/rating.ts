/**
 * The rating a profile shows, derived from the review totals the reviews
 * feature keeps (services/reviews: the sum of the visible reviews' stars
 * and their count). The reviews feature writes it into the profile in the
 * same atomic operation as the review and its totals, so search, cards and
 * the profile never disagree with the reviews a visitor can read.
 */
import type { z } from "zod";
import type { ExpertProfile, ratingSchema } from "./model.ts";
import { expertKey, readStoredExpert, stageExpertWrite } from "./store.ts";

export type Rating = z.infer<typeof ratingSchema>;

/** The shown rating for `sum` stars over `count` reviews: one decimal, 0 when none. */
export function ratingFromTotals(sum: number, count: number): Rating {
  if (count <= 0) return { average: 0, count: 0 };
  return { average: Math.round((sum / count) * 10) / 10, count };
}

/**
 * Adds a check on the expert's profile to `op` and, when the profile exists,
 * its rewrite with `rating` (and the catalog change that makes every
 * process's search see it). Returns the profile read, or null when there is
 * none (its rating then lives only in the totals).
 */
export async function stageExpertRating(
  kv: Deno.Kv,
  op: Deno.AtomicOperation,
  expertId: string,
  rating: Rating,
): Promise<ExpertProfile | null> {
  const entry = await kv.get(expertKey(expertId));
  op.check(entry);
  const expert = readStoredExpert(entry.value);
  if (!expert) return null;
  // Only the rating changes, so the index keys are the same whatever the
  // category parents: no need to read them.
  stageExpertWrite(op, { ...expert, rating }, {
    previous: expert,
    parents: new Map(),
  });
  return expert;
}
