/**
 * Expert profiles in KV: the one write path and the reads.
 *
 * KV keys
 *   ["experts", id]                → ExpertProfile   id is a ULID (sorts by creation)
 *   ["experts_meta", "version"]    → { changedAt }   rewritten by every expert write
 *   ["experts_changes", changeId]  → expertId        change log: one entry per
 *                                                     expert write, expires after a day
 *                                                     (both: catalog_changes.ts)
 *   plus the change times of page_changes.ts (for the sitemap),
 *   the search-index keys of search_index.ts (and, written apart from
 *   the profile, each expert's next free time: next_free_store.ts).
 *
 * Every profile write goes through `stageExpertWrite`, which puts the record,
 * its index changes, a change-log entry and the version bump in the caller's
 * atomic(). The version key tells each process's catalog (catalog.ts) that
 * something changed; the change log tells it which experts to re-read.
 *
 * Subcategory parents never change once created, so category membership is
 * resolved when a profile is written (index keys) or read (catalog).
 */
import { categoryParents } from "@/services/categories/mod.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import {
  getManyInBatches,
  newId,
  withLockRetry,
} from "@/services/platform/kv.ts";
import { canonicalTimeZoneOf } from "@/services/platform/model.ts";
import {
  type ExpertInput,
  expertInputSchema,
  type ExpertProfile,
  storedExpertProfileSchema,
  storedTimeZoneSchema,
} from "./model.ts";
import { stageCatalogChange } from "./catalog_changes.ts";
import { queueNextFreeRefresh } from "./next_free_refresh.ts";
import { stageIndexDiff } from "./search_index.ts";
import { stageProfileChangeTimes } from "./page_changes.ts";

export const EXPERT_PREFIX = ["experts"] as const;
export {
  CHANGE_LOG_PREFIX,
  CHANGE_LOG_TTL_MS,
  EXPERTS_VERSION_KEY,
  stageCatalogChange,
} from "./catalog_changes.ts";

export function expertKey(id: string): Deno.KvKey {
  return [...EXPERT_PREFIX, id];
}

const reportedUnreadable = new Set<string>();

/**
 * A stored profile, or null when the record cannot be read as one (logged
 * once per id): one damaged record must not take every search page down.
 */
export function readStoredExpert(value: unknown): ExpertProfile | null {
  if (value === null || value === undefined) return null;
  const parsed = storedExpertProfileSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const id = String((value as { id?: unknown }).id);
  if (!reportedUnreadable.has(id)) {
    reportedUnreadable.add(id);
    const problems = parsed.error.issues.map((issue) =>
      `${issue.path.join(".") || "record"}: ${issue.message}`
    );
    console.error(
      `Expert record ${id} is unreadable (${problems.join("; ")}).`,
    );
  }
  return null;
}

// ---------------------------------------------------------------------------
// Writes

/**
 * Validates an expert's fields and gives it an id and creation time, without
 * touching KV. Ratings are kept to one decimal.
 */
export function prepareExpert(input: ExpertInput): ExpertProfile {
  const fields = parseInput(
    expertInputSchema,
    input,
    "The expert profile is invalid.",
  );
  return {
    id: newId(),
    ...fields,
    rating: {
      average: Math.round(fields.rating.average * 10) / 10,
      count: fields.rating.count,
    },
    createdAt: new Date().toISOString(),
  };
}

/** Throws a ValidationError naming any category id that does not exist. */
export function assertKnownCategories(
  expert: Pick<ExpertProfile, "categoryIds">,
  knownIds: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): void {
  const unknown = expert.categoryIds.filter((id) => !knownIds.has(id));
  if (unknown.length > 0) {
    throw new ValidationError("The expert profile is invalid.", {
      categoryIds: [`Unknown categories: ${unknown.join(", ")}.`],
    });
  }
}

/** What `stageExpertWrite` needs besides the new profile. */
export interface ExpertWriteContext {
  /** The stored profile being replaced (null for a new expert): its index keys go. */
  previous: ExpertProfile | null;
  /** Category id → parent id, from `categoryParents`. */
  parents: ReadonlyMap<string, string | null>;
}

/**
 * Adds an expert's record to an atomic operation, with its search-index
 * changes, a change-log entry and the version bump that tells every
 * process's catalog to catch up. Every expert write goes through here. The
 * caller checks `previous`'s versionstamp in the same atomic, so a
 * concurrent update cannot leave stale index keys behind.
 */
export function stageExpertWrite(
  op: Deno.AtomicOperation,
  expert: ExpertProfile,
  { previous, parents }: ExpertWriteContext,
): Deno.AtomicOperation {
  stageIndexDiff(op, previous, expert, parents);
  stageProfileChangeTimes(op, previous, expert);
  return stageCatalogChange(op.set(expertKey(expert.id), expert), expert.id);
}

/** Creates an expert profile. Its categories must already exist. */
export async function createExpert(
  kv: Deno.Kv,
  input: ExpertInput,
): Promise<ExpertProfile> {
  const expert = prepareExpert(input);
  return await withLockRetry(async () => {
    const parents = await categoryParents(kv);
    assertKnownCategories(expert, parents);
    const op = kv.atomic().check({
      key: expertKey(expert.id),
      versionstamp: null,
    });
    const result = await stageExpertWrite(op, expert, {
      previous: null,
      parents,
    }).commit();
    if (!result.ok) {
      throw new ConflictError(`Expert ${expert.id} already exists.`);
    }
    if (expert.published) await queueNextFreeRefresh(kv, expert.id);
    return expert;
  });
}

/**
 * A stored zone with no canonical name is carried over as it is by writes
 * that do not set the zone, so an admin can still unpublish or suspend such
 * a profile; `migrateExpertTimeZones` lists these for a person to fix.
 */
const keepingStoredZoneSchema = expertInputSchema.extend({
  timeZone: storedTimeZoneSchema,
});

/**
 * Changes some fields of an expert (e.g. `{ published: false }`, which takes
 * it out of every search at once). Passing a whole profile read from
 * `getExpert` is fine: its id and createdAt are kept as stored. Fails with
 * ConflictError if the profile changed between the read and the write.
 */
export async function updateExpert(
  kv: Deno.Kv,
  id: string,
  changes: Partial<ExpertInput>,
): Promise<ExpertProfile> {
  return await withLockRetry(async () => {
    const entry = await kv.get<ExpertProfile>(expertKey(id));
    const stored = readStoredExpert(entry.value);
    if (stored === null) {
      throw new NotFoundError(`No expert with id "${id}".`);
    }
    const { id: _id, createdAt, ...current } = stored;
    const keepZone = changes.timeZone === undefined &&
      canonicalTimeZoneOf(current.timeZone) === null;
    const fields = parseInput(
      keepZone ? keepingStoredZoneSchema : expertInputSchema,
      { ...current, ...changes },
      "The expert profile is invalid.",
    );
    const updated: ExpertProfile = { id, ...fields, createdAt };
    const parents = await categoryParents(kv);
    assertKnownCategories(updated, parents);
    const result = await stageExpertWrite(kv.atomic().check(entry), updated, {
      previous: stored,
      parents,
    }).commit();
    if (!result.ok) {
      throw new ConflictError(`Expert ${id} changed meanwhile; try again.`);
    }
    // Listed or not, and the zone default hours are read in, decide slots.
    if (
      updated.published !== stored.published ||
      updated.timeZone !== stored.timeZone
    ) await queueNextFreeRefresh(kv, id);
    return updated;
  });
}

// ---------------------------------------------------------------------------
// Reads

/** The expert with this id, published or not; public callers check `published`. */
export async function getExpert(
  kv: Deno.Kv,
  id: string,
): Promise<ExpertProfile | null> {
  return readStoredExpert((await kv.get(expertKey(id))).value);
}

/**
 * The stored profiles of `ids`, read together, by id (an id without a
 * profile is left out).
 *
 * @example
 * const experts = await getExperts(kv, bookings.map((b) => b.expertId));
 * experts.get(booking.expertId)?.name ?? "a former member";
 */
export async function getExperts(
  kv: Deno.Kv,
  ids: Iterable<string>,
): Promise<Map<string, ExpertProfile>> {
  const wanted = [...new Set(ids)];
  const entries = await getManyInBatches(kv, wanted.map(expertKey));
  const found = new Map<string, ExpertProfile>();
  entries.forEach((entry, i) => {
    const expert = readStoredExpert(entry.value);
    if (expert) found.set(wanted[i], expert);
  });
  return found;
}

/** The expert with this id if it is published, else null. */
export async function getPublishedExpert(
  kv: Deno.Kv,
  id: string,
): Promise<ExpertProfile | null> {
  const expert = await getExpert(kv, id);
  return expert?.published ? expert : null;
}
