/**
 * Experts recommended to a learner from their onboarding answers.
 *
 * Candidates come from the expert search (so only published experts, and
 * nothing is scanned in KV): the best-rated experts of each interest
 * category (a top-level category includes its subcategories), plus those of
 * each category whose name, headline or skills match a word of the learner's
 * goals. Each candidate is scored:
 *
 *   score = Bayesian average rating (a few reviews count for little)
 *         + 0.25 per goal word in the expert's headline or skills (up to 3)
 *         + 0.4 for a beginner when the bio welcomes beginners
 *         + 0.2 for an advanced learner when the expert has 10+ years
 *
 * and ties go to the expert with more reviews, then the smaller id, so the
 * same data always gives the same list.
 */
import { categoryParents, listCategories } from "@/services/categories/mod.ts";
import { expandCategories, wordsOf } from "@/services/experts/mod.ts";
import { type ExpertProfile, searchExperts } from "@/services/experts/mod.ts";
import type { LearnerProfile, Level } from "./model.ts";
import { getOnboarding } from "./onboarding.ts";

/** The rating a new expert is assumed to have… */
const PRIOR_RATING = 4;
/** …worth this many reviews. */
const PRIOR_WEIGHT = 5;
const GOAL_WORD_BOOST = 0.25;
const MAX_GOAL_WORDS = 3;
const BEGINNER_BOOST = 0.4;
const ADVANCED_BOOST = 0.2;
/** Candidates read per category and per goal word. */
const POOL_SIZE = 50;

const STOP_WORDS = new Set(
  ("about after also and are before being better but can could for from get " +
    "have how into just learn learning like more most my not of on or our " +
    "over really some than that the their them then this through to want " +
    "with would your").split(" "),
);

const BEGINNER_SIGNAL =
  /\b(beginners?|newcomers?|new to|from scratch|no experience|first steps|starting out)\b/i;

export interface Recommendation {
  expert: ExpertProfile;
  score: number;
  /**
   * Why it was made, in one sentence, e.g. "Because you want to learn
   * Piano at beginner level". Always the first of `reasons`.
   */
  reason: string;
  /** Every reason, to show beside the card, e.g. "Matches your goals: react". */
  reasons: string[];
}

/** "Piano at beginner level", "Piano (beginner) and Music (advanced)". */
function learnPhrase(topics: { name: string; level?: Level }[]): string {
  if (topics.length === 1) {
    const [{ name, level }] = topics;
    return level ? `${name} at ${level} level` : name;
  }
  return topics.map(({ name, level }) => level ? `${name} (${level})` : name)
    .join(" and ");
}

/** Rating pulled toward PRIOR_RATING when an expert has few reviews. */
export function bayesianRating(rating: { average: number; count: number }) {
  return (PRIOR_RATING * PRIOR_WEIGHT + rating.average * rating.count) /
    (PRIOR_WEIGHT + rating.count);
}

/** The distinctive words of the learner's goals. */
export function goalWords(goals: readonly { text: string }[]): string[] {
  const words = goals.flatMap((goal) => wordsOf(goal.text)).filter((word) =>
    word.length >= 3 && !STOP_WORDS.has(word)
  );
  return [...new Set(words)].slice(0, 10);
}

async function collect(
  kv: Deno.Kv,
  filters: { category?: string; q?: string },
  into: Map<string, ExpertProfile>,
) {
  const { experts } = await searchExperts(kv, {
    ...filters,
    sort: "relevance",
    limit: POOL_SIZE,
  });
  for (const expert of experts) into.set(expert.id, expert);
}

/**
 * Up to `limit` published experts for the learner, best first. Without
 * onboarding answers or interests: the top-rated experts overall. A caller
 * that has just read the answers passes them as `onboarding`.
 */
export async function recommendExperts(
  kv: Deno.Kv,
  userId: string,
  limit = 6,
  known?: { onboarding: LearnerProfile | null },
): Promise<Recommendation[]> {
  const onboarding = known ? known.onboarding : await getOnboarding(kv, userId);
  const interests = onboarding?.interests ?? [];
  const words = goalWords(onboarding?.goals ?? []);
  const levels: Record<string, Level> = onboarding?.levels ?? {};

  const candidates = new Map<string, ExpertProfile>();
  if (interests.length === 0) {
    await collect(kv, {}, candidates);
  } else {
    for (const category of interests) {
      await collect(kv, { category }, candidates);
      for (const word of words) {
        await collect(kv, { category, q: word }, candidates);
      }
    }
  }

  const [parents, tree] = await Promise.all([
    categoryParents(kv),
    listCategories(kv),
  ]);
  const names = new Map(
    tree.flatMap((top) => [top, ...top.subcategories])
      .map((category) => [category.id, category.name]),
  );
  const scored: Recommendation[] = [];
  for (const expert of candidates.values()) {
    const reasons: string[] = [];
    let score = bayesianRating(expert.rating);
    const expertWords = new Set([
      ...wordsOf(expert.headline),
      ...expert.skills.flatMap(wordsOf),
    ]);
    const shared = words.filter((word) => expertWords.has(word));
    // A top-level interest covers the expert's subcategories too.
    const expertCategories = expandCategories(expert.categoryIds, parents);
    const matched = interests.filter((id) => expertCategories.has(id));
    const matchedLevels = matched.map((id) => levels[id]);
    // Every recommendation says why: the interests it answers first.
    if (matched.length > 0) {
      reasons.push(
        `Because you want to learn ${
          learnPhrase(
            matched.slice(0, 2).map((id) => ({
              name: names.get(id) ?? id,
              level: levels[id],
            })),
          )
        }`,
      );
    }
    if (shared.length > 0) {
      score += GOAL_WORD_BOOST * Math.min(shared.length, MAX_GOAL_WORDS);
      reasons.push(
        matched.length > 0
          ? `Matches your goals: ${shared.slice(0, 3).join(", ")}`
          : `Because your goals mention ${shared.slice(0, 3).join(", ")}`,
      );
    }
    if (reasons.length === 0) {
      reasons.push("Among the best-rated experts on TapTime");
    }
    if (
      matchedLevels.includes("beginner") && BEGINNER_SIGNAL.test(expert.bio)
    ) {
      score += BEGINNER_BOOST;
      reasons.push("Welcomes beginners");
    }
    if (matchedLevels.includes("advanced") && expert.yearsExperience >= 10) {
      score += ADVANCED_BOOST;
      reasons.push(`${expert.yearsExperience} years of experience`);
    }
    scored.push({
      expert,
      score: Math.round(score * 1000) / 1000,
      reason: reasons[0],
      reasons,
    });
  }
  scored.sort((a, b) =>
    b.score - a.score ||
    b.expert.rating.count - a.expert.rating.count ||
    (a.expert.id < b.expert.id ? -1 : a.expert.id > b.expert.id ? 1 : 0)
  );
  return scored.slice(0, Math.max(0, limit));
}
