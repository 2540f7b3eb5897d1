/**
 * Demo data and bulk test data.
 *
 * KV keys
 *   ["meta", "seeded"] → { state: "seeding" | "done", at }
 *     (databases seeded before `state` existed hold `{ seededAt }`: done)
 *
 * Each demo expert is written as if it had applied and been approved: with
 * its public profile (services/experts.ts) go, in the same atomic(),
 *   ["applications", expertId]                          → Application (approved)
 *   ["applications_by_status", "approved", entryId]    → expertId
 *   ["offerings", expertId, offeringId]                 → Offering (1–3, active)
 *   ["offerings_version", expertId]                     → { changedAt }
 *   ["availability", expertId]                          → Availability (weekdays 9–5, open)
 * exactly as services/applications.ts and services/offerings.ts store them,
 * so admins can review, unpublish and republish demo experts, their profiles
 * list bookable sessions, and the demo expert account sees itself approved.
 * Every seeded expert (demo or generated) also gets, in that atomic(), the
 * reviews its listed rating stands for and their totals (services/reviews'
 * seeding): the rating a profile shows is derived from real reviews.
 *
 * The categories, posts and a "seeding" marker are written in ONE atomic()
 * that also checks `["meta", "seeded"]` is still empty: if two processes
 * start at once on a fresh database, exactly one claims the seeding and the
 * other sees `seeded: false`. The demo experts follow in batches (with their
 * search-index keys, applications and offerings, forty of them exceed the
 * 1000 mutations one atomic() may hold), then the marker becomes "done".
 *
 * Demo experts have fixed ids, so a seeder that crashed half-way is finished
 * by the next start: a "seeding" marker older than SEEDING_STALE_MS is taken
 * over (atomically, so only one process does it) and only the experts still
 * missing are written. An expert and its application and offerings share one
 * atomic(), so "missing" never means half-written.
 */
import {
  categoryParents,
  prepareCategory,
  stageCategoryWrite,
} from "@/services/categories/mod.ts";
import { preparePost, stagePostWrite } from "@/services/content/mod.ts";
import {
  type Application,
  applicationFieldsSchema,
} from "@/services/applications/mod.ts";
import { parseInput, ValidationError } from "@/services/platform/errors.ts";
import {
  assertKnownCategories,
  EXPERT_PREFIX,
  type ExpertInput,
  type ExpertProfile,
  prepareExpert,
  stageExpertWrite,
  startingPriceFromOfferings,
} from "@/services/experts/mod.ts";
import {
  getManyInBatches,
  newId,
  withLockRetry,
} from "@/services/platform/kv.ts";
import type { Money } from "@/services/platform/money.ts";
import {
  hourlyRateFromOfferings,
  type Offering,
  offeringInputSchema,
  offeringsVersionKey,
} from "@/services/offerings/mod.ts";
import {
  availabilityKey,
  defaultAvailability,
} from "@/services/availability/mod.ts";
import {
  seededReviewMutations,
  type SeededReviews,
  seededReviews,
  stageSeededReviews,
} from "@/services/reviews/mod.ts";
import { encodeTime } from "ulid";
import { DEMO_CATEGORIES } from "./data/categories.ts";
import { DEMO_EXPERTS } from "./data/experts.ts";
import { generateExperts } from "./data/generated.ts";
import { DEMO_POSTS } from "./data/posts.ts";

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
 * Mutations one atomic() holds when seeding, with room to spare under KV's
 * 1000. Each expert writes its record, a log entry and its index keys
 * (typically 20–40, at most EXPERT_MUTATIONS); a demo expert adds its
 * application, status key, up to three offerings and the offerings version;
 * and every expert its reviews (two keys each), their totals and monthly
 * rating counters (a few keys per month of reviews). A batch
 * also stays well under 800 KiB: a seeded review is a few hundred bytes.
 */
const BATCH_MUTATIONS = 900;
const EXPERT_MUTATIONS = 80;

/** Recorded as the reviewer of the demo experts' approvals: no admin made them. */
export const SEED_REVIEWER_ID = "seed";

/** A seeded expert and its reviews (the profile's rating is theirs). */
interface SeededExpert {
  expert: ExpertProfile;
  reviews: SeededReviews;
}

/** A demo expert with everything written alongside its profile. */
interface DemoExpert extends SeededExpert {
  application: Application;
  offerings: Offering[];
}

/**
 * `expert` with the reviews its listed rating stands for, and the rating
 * those reviews add up to in place of the listed one.
 */
function withReviews(
  expert: ExpertProfile,
  sessionTitles: string[],
  nowMs: number,
  seed: number,
): SeededExpert {
  const reviews = seededReviews(
    expert.id,
    expert.rating,
    sessionTitles,
    nowMs,
    seed,
  );
  return { expert: { ...expert, rating: reviews.rating }, reviews };
}

/**
 * The offerings a demo expert sells, derived from its hourly rate so the
 * rate its profile shows is `hourlyRateFromOfferings` of them: a 30-minute
 * session at half the rate and a 60-minute session at the rate. Most sell
 * the hour in packages a learner buys from the wallet and books with: every
 * third expert (`index` 0, 3, 6, …) 5 sessions at 10% off, the next ones
 * (`index` 1, 4, 7, …) also 10 at 15% off.
 */
export function demoOfferings(
  expertId: string,
  index: number,
  hourlyRate: Money,
  at: string,
): Offering[] {
  const { amountMinor: rate, currency } = hourlyRate;
  const inputs = [
    {
      kind: "session",
      title: "30-minute session",
      description: "A focused half hour for one question or a quick review.",
      durationMinutes: 30,
      priceMinor: Math.round(rate / 2),
    },
    {
      kind: "session",
      title: "60-minute session",
      description: "A full hour to work through a problem together.",
      durationMinutes: 60,
      priceMinor: rate,
      packageOptions: [
        ...(index % 3 === 2
          ? []
          : [{ sessions: 5, priceMinor: Math.round(rate * 4.5) }]),
        ...(index % 3 === 1
          ? [{ sessions: 10, priceMinor: Math.round(rate * 8.5) }]
          : []),
      ],
    },
  ] as const;
  return inputs.map((input) => {
    // Validated as createOffering would, so the seed keeps up with its rules.
    const { sessions: _retired, ...fields } = parseInput(
      offeringInputSchema,
      { ...input, currency },
      "A demo offering is invalid.",
    );
    return {
      id: newId(),
      expertId,
      ...fields,
      packageOptions: fields.packageOptions.map((option) => ({
        id: newId(),
        sessions: option.sessions,
        priceMinor: option.priceMinor,
        currency,
      })),
      createdAt: at,
      updatedAt: at,
    };
  });
}

/**
 * The approved application a demo expert would have submitted: the step
 * fields of its profile, no documents (nothing was uploaded), and one
 * "approved" reviewer note.
 */
function demoApplication(expert: ExpertProfile): Application {
  const fields = parseInput(applicationFieldsSchema, {
    headline: expert.headline,
    bio: expert.bio,
    yearsExperience: expert.yearsExperience,
    languages: expert.languages,
    linkedinOrWebsite: expert.linkedinOrWebsite ?? null,
    photoFileKey: expert.photoFileKey ?? null,
    location: expert.location,
    categoryIds: expert.categoryIds,
    skills: expert.skills,
  }, "A demo application is invalid.");
  const at = expert.createdAt;
  return {
    userId: expert.id,
    status: "approved",
    statusEntryId: newId(),
    ...fields,
    documents: [],
    reviewerNotes: [{
      at,
      by: SEED_REVIEWER_ID,
      decision: "approved",
      note: "Seeded demo expert",
    }],
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
    decidedAt: at,
  };
}

/** A demo expert's profile, approved application, offerings and reviews. */
function prepareDemoExpert(
  input: ExpertInput,
  index: number,
  nowMs: number,
): DemoExpert {
  const profile = { ...prepareExpert(input), id: demoExpertId(index) };
  const offerings = demoOfferings(
    profile.id,
    index,
    profile.hourlyRate,
    profile.createdAt,
  );
  // The rate an offering write would set; equal to the input's in practice.
  const { expert, reviews } = withReviews(
    {
      ...profile,
      hourlyRate: hourlyRateFromOfferings(offerings) ?? profile.hourlyRate,
      startingPrice: startingPriceFromOfferings(offerings),
    },
    offerings.filter((offering) => offering.kind === "session")
      .map((offering) => offering.title),
    nowMs,
    index + 1,
  );
  return { expert, reviews, application: demoApplication(expert), offerings };
}

/**
 * Adds a demo expert's application, offerings and open hours (weekdays
 * 09:00–17:00 in their zone, taking bookings) to an atomic operation, so a
 * fresh clone can book a session at once.
 */
function stageDemoExpertExtras(
  op: Deno.AtomicOperation,
  { expert, application, offerings }: DemoExpert,
): void {
  op.set(availabilityKey(expert.id), {
    ...defaultAvailability(expert.timeZone),
    paused: false,
  });
  op.set(["applications", expert.id], application)
    .set(
      ["applications_by_status", "approved", application.statusEntryId!],
      expert.id,
    )
    .set(offeringsVersionKey(expert.id), { changedAt: expert.createdAt });
  for (const offering of offerings) {
    op.set(["offerings", expert.id, offering.id], offering);
  }
}

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
  const experts = DEMO_EXPERTS.map((input, index) =>
    prepareDemoExpert(input, index, now())
  );
  for (const { expert } of experts) assertKnownCategories(expert, parents);
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

  const found = await getManyInBatches(
    kv,
    experts.map(({ expert }) => [...EXPERT_PREFIX, expert.id]),
  );
  const missing = experts.filter((_, i) => found[i].versionstamp === null);
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
 *
 * These are catalogue-only load data for search and listing benchmarks:
 * unlike the demo experts they have no application, no offerings and no
 * user account, so admins cannot review them and nobody can book them.
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
  const nowMs = Date.now();
  const experts = generateExperts(count, seed).map((input, index) =>
    withReviews(prepareExpert(input), [], nowMs, seed + index)
  );
  for (const { expert } of experts) assertKnownCategories(expert, parents);
  await writeExpertsInBatches(kv, experts, parents);
  return experts.length;
}

/**
 * Writes new experts, each with its index keys, reviews and (for demo
 * experts) application and offerings in one atomic(), as many experts per
 * atomic() as BATCH_MUTATIONS allows.
 */
async function writeExpertsInBatches(
  kv: Deno.Kv,
  experts: (DemoExpert | SeededExpert)[],
  parents: ReadonlyMap<string, string | null>,
): Promise<void> {
  const batches: (DemoExpert | SeededExpert)[][] = [];
  let budget = 0;
  for (const entry of experts) {
    const cost = EXPERT_MUTATIONS + seededReviewMutations(entry.reviews);
    if (batches.length === 0 || budget + cost > BATCH_MUTATIONS) {
      batches.push([]);
      budget = 0;
    }
    batches.at(-1)!.push(entry);
    budget += cost;
  }
  for (const batch of batches) {
    await withLockRetry(() => {
      const op = kv.atomic();
      for (const entry of batch) {
        stageExpertWrite(op, entry.expert, { previous: null, parents });
        stageSeededReviews(op, entry.expert.id, entry.reviews);
        if ("application" in entry) stageDemoExpertExtras(op, entry);
      }
      return op.commit();
    });
  }
}
