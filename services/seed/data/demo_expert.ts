/**
 * How a hand-written demo expert is written down: the fields in a fixed
 * order, so forty of them read as a table.
 */
import type { ExpertInput } from "@/services/experts/mod.ts";
import { type Currency, moneyFromMajor } from "@/services/platform/money.ts";

export function expert(
  name: string,
  headline: string,
  bio: string,
  where: [location: string, timeZone: string],
  categoryIds: string[],
  skills: string[],
  languages: string[],
  yearsExperience: number,
  rate: [amount: number, currency: Currency],
  rating: [average: number, count: number],
): ExpertInput {
  return {
    name,
    headline,
    bio,
    photoUrl: null,
    categoryIds,
    skills,
    languages,
    yearsExperience,
    hourlyRate: moneyFromMajor(rate[0], rate[1]),
    rating: { average: rating[0], count: rating[1] },
    location: where[0],
    timeZone: where[1],
    published: true,
  };
}
