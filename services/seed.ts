/**
 * Demo data and bulk test data.
 *
 * KV keys
 *   ["meta", "seeded"] → { seededAt }   present once the demo data was written
 *
 * The demo data is written in ONE atomic() that also checks `["meta",
 * "seeded"]` is still empty: if two processes start at once on a fresh
 * database, exactly one commit succeeds and the other sees `seeded: false`.
 * Being one transaction, a crash can never leave half the demo data behind.
 * (It stays under the per-atomic limits: about 70 checks, 160 mutations.)
 */
import {
  listCategoryIds,
  prepareCategory,
  stageCategoryWrite,
} from "./categories.ts";
import { preparePost, stagePostWrite } from "./blog.ts";
import { ValidationError } from "./errors.ts";
import {
  assertKnownCategories,
  prepareExpert,
  stageExpertWrite,
} from "./experts.ts";
import { withLockRetry } from "./kv.ts";
import { DEMO_CATEGORIES } from "./seed_data/categories.ts";
import { DEMO_EXPERTS } from "./seed_data/experts.ts";
import { generateExperts } from "./seed_data/generated.ts";
import { DEMO_POSTS } from "./seed_data/posts.ts";

export { generateExperts };

export const SEEDED_KEY = ["meta", "seeded"] as const;

/** Experts per atomic() when bulk seeding: well under 1000 mutations and 800 KiB. */
const EXPERT_BATCH_SIZE = 250;

export interface SeedResult {
  /** False when the database had already been seeded; nothing was written. */
  seeded: boolean;
  categories: number;
  experts: number;
  posts: number;
}

/**
 * Writes the demo categories, experts and blog posts, once per database ever.
 * Safe to call on every start-up, from several processes at once.
 */
export async function seedDemoData(kv: Deno.Kv): Promise<SeedResult> {
  const nothing = { seeded: false, categories: 0, experts: 0, posts: 0 };
  if ((await kv.get(SEEDED_KEY)).versionstamp !== null) return nothing;

  const categories = DEMO_CATEGORIES.map(prepareCategory);
  const categoryIds = new Set(categories.map((category) => category.id));
  const experts = DEMO_EXPERTS.map(prepareExpert);
  for (const expert of experts) assertKnownCategories(expert, categoryIds);
  const posts = DEMO_POSTS.map(preparePost);

  const result = await withLockRetry(() => {
    const op = kv.atomic()
      .check({ key: SEEDED_KEY, versionstamp: null })
      .set(SEEDED_KEY, { seededAt: new Date().toISOString() });
    for (const category of categories) stageCategoryWrite(op, category);
    for (const expert of experts) stageExpertWrite(op, expert);
    for (const post of posts) stagePostWrite(op, post);
    return op.commit();
  });
  if (!result.ok) return nothing;
  return {
    seeded: true,
    categories: categories.length,
    experts: experts.length,
    posts: posts.length,
  };
}

/**
 * Adds `count` generated experts (see `generateExperts`) in batches. The
 * demo categories they use must exist, so seed the demo data first.
 * Returns how many were written.
 */
export async function seedGeneratedExperts(
  kv: Deno.Kv,
  count: number,
  seed = Date.now(),
): Promise<number> {
  if (!Number.isInteger(count) || count < 0) {
    throw new ValidationError("The expert count is invalid.", {
      count: ["Use a whole number of 0 or more."],
    });
  }
  const knownIds = new Set(await listCategoryIds(kv));
  const experts = generateExperts(count, seed).map(prepareExpert);
  for (const expert of experts) assertKnownCategories(expert, knownIds);

  for (let start = 0; start < experts.length; start += EXPERT_BATCH_SIZE) {
    const batch = experts.slice(start, start + EXPERT_BATCH_SIZE);
    await withLockRetry(() => {
      const op = kv.atomic();
      for (const expert of batch) stageExpertWrite(op, expert);
      return op.commit();
    });
  }
  return experts.length;
}
