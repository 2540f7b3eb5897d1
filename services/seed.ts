/**
 * Demo data and bulk test data.
 *
 * KV keys
 *   ["meta", "seeded"] → { state: "seeding" | "done", at }
 *     (databases seeded before `state` existed hold `{ seededAt }`: done)
 *
 * The categories, posts and a "seeding" marker are written in ONE atomic()
 * that also checks `["meta", "seeded"]` is still empty: if two processes
 * start at once on a fresh database, exactly one claims the seeding and the
 * other sees `seeded: false`. The demo experts follow in batches (with their
 * search-index keys forty of them exceed the 1000 mutations one atomic() may
 * hold), then the marker becomes "done".
 *
 * Demo experts have fixed ids, so a seeder that crashed half-way is finished
 * by the next start: a "seeding" marker older than SEEDING_STALE_MS is taken
 * over (atomically, so only one process does it) and only the experts still
 * missing are written.
 */
import {
  categoryParents,
  prepareCategory,
  stageCategoryWrite,
} from "./categories.ts";
import { preparePost, stagePostWrite } from "./blog.ts";
import { ValidationError } from "./errors.ts";
import {
  assertKnownCategories,
  EXPERT_PREFIX,
  type ExpertProfile,
  prepareExpert,
  stageExpertWrite,
} from "./experts.ts";
import { withLockRetry } from "./kv.ts";
import { encodeTime } from "ulid";
import { DEMO_CATEGORIES } from "./seed_data/categories.ts";
import { DEMO_EXPERTS } from "./seed_data/experts.ts";
import { generateExperts } from "./seed_data/generated.ts";
import { DEMO_POSTS } from "./seed_data/posts.ts";

export { generateExperts };

export const SEEDED_KEY = ["meta", "seeded"] as const;

/** A seeder that has not finished after this long is presumed dead. */
export const SEEDING_STALE_MS = 2 * 60 * 1000;

type SeedMarker = { state: "seeding" | "done"; at: string } | {
  seededAt: string;
};

/** 2025-01-01T00:00:00Z: the demo experts' ids encode this time plus their index. */
const DEMO_EPOCH_MS = Date.UTC(2025, 0, 1);

/**
 * A stable, valid ULID for the demo expert at `index`, so that re-running
 * an interrupted seed finds the experts already written.
 */
export function demoExpertId(index: number): string {
  const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let suffix = "";
  for (let rest = index; suffix.length < 16; rest = Math.floor(rest / 32)) {
    suffix = crockford[rest % 32] + suffix;
  }
  return encodeTime(DEMO_EPOCH_MS + index, 10) + suffix;
}

/**
 * Experts per atomic() when seeding. Each expert writes its record, a log
 * entry, and its index keys (typically 20–40); 20 experts stay well under
 * 1000 mutations and 800 KiB.
 */
const EXPERT_BATCH_SIZE = 20;

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
export async function seedDemoData(
  kv: Deno.Kv,
  now: () => number = Date.now,
): Promise<SeedResult> {
  const nothing = { seeded: false, categories: 0, experts: 0, posts: 0 };
  const marker = await kv.get<SeedMarker>(SEEDED_KEY);
  if (marker.value && !isUnfinished(marker.value, now())) return nothing;

  const categories = DEMO_CATEGORIES.map(prepareCategory);
  const parents = new Map(
    categories.map((category) => [category.id, category.parentId]),
  );
  const experts = DEMO_EXPERTS.map((input, index) => ({
    ...prepareExpert(input),
    id: demoExpertId(index),
  }));
  for (const expert of experts) assertKnownCategories(expert, parents);
  const posts = DEMO_POSTS.map(preparePost);

  const seeding = { state: "seeding", at: new Date(now()).toISOString() };
  const claimed = await withLockRetry(() => {
    const op = kv.atomic()
      .check({ key: SEEDED_KEY, versionstamp: marker.versionstamp })
      .set(SEEDED_KEY, seeding);
    // A take-over keeps the categories and posts the first seeder wrote.
    if (marker.versionstamp === null) {
      for (const category of categories) stageCategoryWrite(op, category);
      for (const post of posts) stagePostWrite(op, post);
    }
    return op.commit();
  });
  if (!claimed.ok) return nothing;

  const missing: ExpertProfile[] = [];
  // getMany reads at most 10 keys at a time.
  for (let start = 0; start < experts.length; start += 10) {
    const batch = experts.slice(start, start + 10);
    const found = await kv.getMany<ExpertProfile[]>(
      batch.map((expert) => [...EXPERT_PREFIX, expert.id]),
    );
    missing.push(...batch.filter((_, i) => found[i].versionstamp === null));
  }
  await writeExpertsInBatches(kv, missing, parents);
  await withLockRetry(() =>
    kv.set(SEEDED_KEY, { state: "done", at: new Date(now()).toISOString() })
  );
  return {
    seeded: true,
    categories: marker.versionstamp === null ? categories.length : 0,
    experts: missing.length,
    posts: marker.versionstamp === null ? posts.length : 0,
  };
}

/** True when a previous seeder claimed the work and then died. */
function isUnfinished(marker: SeedMarker, nowMs: number): boolean {
  if (!("state" in marker) || marker.state === "done") return false;
  return nowMs - Date.parse(marker.at) > SEEDING_STALE_MS;
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
  const parents = await categoryParents(kv);
  const experts = generateExperts(count, seed).map(prepareExpert);
  for (const expert of experts) assertKnownCategories(expert, parents);
  await writeExpertsInBatches(kv, experts, parents);
  return experts.length;
}

/** Writes new experts, with their index keys, EXPERT_BATCH_SIZE per atomic(). */
async function writeExpertsInBatches(
  kv: Deno.Kv,
  experts: ExpertProfile[],
  parents: ReadonlyMap<string, string | null>,
): Promise<void> {
  for (let start = 0; start < experts.length; start += EXPERT_BATCH_SIZE) {
    const batch = experts.slice(start, start + EXPERT_BATCH_SIZE);
    await withLockRetry(() => {
      const op = kv.atomic();
      for (const expert of batch) {
        stageExpertWrite(op, expert, { previous: null, parents });
      }
      return op.commit();
    });
  }
}
