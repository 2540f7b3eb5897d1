/**
 * Expert profiles and the expert search behind /experts and /api/experts.
 *
 * KV keys
 *   ["experts", id]               → ExpertProfile   id is a ULID (sorts by creation)
 *   ["experts_meta", "version"]   → { changedAt }   rewritten by every expert write
 *   plus the search index and change log described in expert_index.ts, all
 *   written in the same atomic() as the profile (`stageExpertWrite`).
 *
 * Search does not page through KV. Each process keeps an in-memory catalog
 * of the published experts, indexed by word, category and language and
 * pre-sorted every way the UI sorts. Before every search one `kv.get` of the
 * version key tells whether any process has written an expert since; if so
 * the catalog reads the change log from where it left off and re-reads only
 * the experts named there. It loads everything only when it has no catalog
 * yet, or the log expired past its position. That keeps searches correct
 * across processes (kv.watch does not see other processes' writes on the
 * local backend) while one profile edit costs other processes a few reads,
 * not a reload of every expert.
 *
 * Subcategory parents never change once created, so category membership is
 * resolved when a profile is written (index keys) or read (catalog).
 */
import { z } from "zod";
import {
  categoryParents,
  categorySlugSchema,
} from "@/services/categories/mod.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import {
  type CatalogEntry,
  CATEGORY_INDEX_PREFIX,
  CHANGE_LOG_PREFIX,
  CHANGE_LOG_TTL_MS,
  ExpertCatalog,
  LANGUAGE_INDEX_PREFIX,
  prefixRangeEnd,
  stageIndexDiff,
  TERM_PREFIX,
  wordsOf,
} from "./search_index.ts";
import { decodeTime, encodeTime } from "ulid";

export { normalizeText } from "./search_index.ts";
import { moneySchema } from "@/services/platform/money.ts";
import {
  languageCodeSchema,
  timeZoneSchema,
} from "@/services/platform/model.ts";

export const EXPERT_PREFIX = ["experts"] as const;
export const EXPERTS_VERSION_KEY = ["experts_meta", "version"] as const;

function expertKey(id: string): Deno.KvKey {
  return [...EXPERT_PREFIX, id];
}

export const ratingSchema = z.object({
  average: z.number().min(0).max(5),
  count: z.number().int().nonnegative(),
});

export const expertProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(100),
  headline: z.string().trim().min(1).max(160),
  bio: z.string().trim().min(1).max(4000),
  photoUrl: z.string().trim().regex(
    /^(https:\/\/|\/)/,
    "Use an https:// URL or a site path starting with /.",
  ).max(500).nullable(),
  categoryIds: z.array(categorySlugSchema).min(1).max(10),
  skills: z.array(z.string().trim().min(1).max(40)).max(20),
  languages: z.array(languageCodeSchema).min(1).max(10),
  yearsExperience: z.number().int().min(0).max(70),
  hourlyRate: moneySchema.extend({
    amountMinor: moneySchema.shape.amountMinor.positive(),
  }),
  rating: ratingSchema,
  location: z.string().trim().min(1).max(100),
  timeZone: timeZoneSchema,
  published: z.boolean(),
  createdAt: z.iso.datetime(),
  /** The expert's LinkedIn or own website (https only); absent on demo experts. */
  linkedinOrWebsite: z.string().trim().regex(
    /^https:\/\//,
    "Use an https:// URL.",
  )
    .max(300).nullable().optional(),
  /** Storage key of an uploaded photo (photoUrl then points at it). */
  photoFileKey: z.string().max(200).nullable().optional(),
  /** Set while the expert's account is suspended (see moderation.ts). */
  hiddenWhileSuspended: z.boolean().optional(),
});

export type ExpertProfile = z.infer<typeof expertProfileSchema>;

export const expertInputSchema = expertProfileSchema.omit({
  id: true,
  createdAt: true,
}).extend({
  photoUrl: expertProfileSchema.shape.photoUrl.default(null),
  rating: ratingSchema.default({ average: 0, count: 0 }),
  published: z.boolean().default(true),
});

export type ExpertInput = z.input<typeof expertInputSchema>;

/** What lists show: the profile without the long bio and bookkeeping fields. */
export const expertSummarySchema = expertProfileSchema.pick({
  id: true,
  name: true,
  headline: true,
  photoUrl: true,
  categoryIds: true,
  skills: true,
  languages: true,
  yearsExperience: true,
  hourlyRate: true,
  rating: true,
  location: true,
});

export type ExpertSummary = z.infer<typeof expertSummarySchema>;

/** Trims a profile to what a result card needs. */
export function toExpertSummary(expert: ExpertProfile): ExpertSummary {
  return {
    id: expert.id,
    name: expert.name,
    headline: expert.headline,
    photoUrl: expert.photoUrl,
    categoryIds: expert.categoryIds,
    skills: expert.skills,
    languages: expert.languages,
    yearsExperience: expert.yearsExperience,
    hourlyRate: expert.hourlyRate,
    rating: expert.rating,
    location: expert.location,
  };
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
  return op.set(expertKey(expert.id), expert)
    .set([...CHANGE_LOG_PREFIX, newId()], expert.id, {
      expireIn: CHANGE_LOG_TTL_MS,
    })
    .set(EXPERTS_VERSION_KEY, { changedAt: new Date().toISOString() });
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
    return expert;
  });
}

/**
 * Changes some fields of an expert (e.g. `{ published: false }`, which takes
 * it out of every search at once). Fails with ConflictError if the profile
 * changed between the read and the write.
 */
export async function updateExpert(
  kv: Deno.Kv,
  id: string,
  changes: Partial<ExpertInput>,
): Promise<ExpertProfile> {
  return await withLockRetry(async () => {
    const entry = await kv.get<ExpertProfile>(expertKey(id));
    if (entry.value === null) {
      throw new NotFoundError(`No expert with id "${id}".`);
    }
    const { id: _id, createdAt, ...current } = entry.value;
    const fields = parseInput(
      expertInputSchema,
      { ...current, ...changes },
      "The expert profile is invalid.",
    );
    const updated: ExpertProfile = { id, ...fields, createdAt };
    const parents = await categoryParents(kv);
    assertKnownCategories(updated, parents);
    const result = await stageExpertWrite(kv.atomic().check(entry), updated, {
      previous: entry.value,
      parents,
    }).commit();
    if (!result.ok) {
      throw new ConflictError(`Expert ${id} changed meanwhile; try again.`);
    }
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
  return (await kv.get<ExpertProfile>(expertKey(id))).value;
}

/** The expert with this id if it is published, else null. */
export async function getPublishedExpert(
  kv: Deno.Kv,
  id: string,
): Promise<ExpertProfile | null> {
  const expert = await getExpert(kv, id);
  return expert?.published ? expert : null;
}

// ---------------------------------------------------------------------------
// Search

export const EXPERT_SORTS = [
  "relevance",
  "rating",
  "price_asc",
  "price_desc",
  "newest",
] as const;
export type ExpertSort = typeof EXPERT_SORTS[number];

/** Query strings send empty fields as ""; treat them as absent. */
function blankAsMissing(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}

function queryField<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankAsMissing, schema.optional());
}

/**
 * The expert search filters. Parsed from URL query strings (by the API and
 * the browse page), so numbers are coerced from strings.
 *
 * minPrice and maxPrice are US cents. Experts' rates are in several
 * currencies, so each is converted to US cents at the approximate reference
 * rates in money.ts (`toUsdMinor`) before it is compared or sorted: a
 * maxPrice of 10000 ($100) keeps ₹8,000 (≈ $96) and drops €100 (≈ $108).
 */
export const expertSearchSchema = z.object({
  category: queryField(categorySlugSchema),
  q: queryField(z.string().trim().max(100)),
  minRating: queryField(z.coerce.number().min(0).max(5)),
  minPrice: queryField(z.coerce.number().int().nonnegative()).describe(
    "Lowest hourly rate in US cents. Rates in other currencies are converted to USD at approximate reference rates before comparing.",
  ),
  maxPrice: queryField(z.coerce.number().int().positive()).describe(
    "Highest hourly rate in US cents. Rates in other currencies are converted to USD at approximate reference rates before comparing.",
  ),
  language: queryField(languageCodeSchema),
  sort: z.preprocess(blankAsMissing, z.enum(EXPERT_SORTS).default("relevance")),
  cursor: queryField(z.string().max(200)),
  limit: z.preprocess(
    blankAsMissing,
    z.coerce.number().int().min(1).max(50).default(12),
  ),
}).refine(
  (filters) =>
    filters.minPrice === undefined || filters.maxPrice === undefined ||
    filters.minPrice <= filters.maxPrice,
  { message: "maxPrice must be at least minPrice.", path: ["maxPrice"] },
);

/** Search filters as callers pass them (strings from a URL are fine). */
export type ExpertSearch = z.input<typeof expertSearchSchema>;
/** Search filters after parsing: numbers are numbers, defaults filled in. */
export type ParsedExpertSearch = z.output<typeof expertSearchSchema>;

export interface ExpertSearchResult {
  experts: ExpertProfile[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** How many experts match in all, across every page. */
  total: number;
}

// ---------------------------------------------------------------------------
// The per-process catalog and keeping it current

/** Change-log entries up to this old are re-listed on every catch-up (see below). */
const CHANGE_LOG_WINDOW_MS = 15_000;
/** Past this many changed experts, reading everything again is cheaper. */
const MAX_INCREMENTAL_CHANGES = 2_000;

interface CatalogState {
  catalog: ExpertCatalog;
  parents: Map<string, string | null>;
  /** The version key's versionstamp the catalog reflects. */
  versionstamp: string | null;
  /** When the last catch-up (or the load) started. */
  syncedAt: number;
  /** The newest change-log id seen; its disappearance means the log was trimmed. */
  anchor: string | null;
  /** Change ids inside the re-listed window that are already applied. */
  applied: Set<string>;
}

/** How much work catalogs have done, for tests and benchmarks. */
export interface CatalogStats {
  /** Catalogs built from every expert record. */
  fullLoads: number;
  /** Expert records read again to catch up with the change log. */
  expertsReread: number;
}

// One catalog per KV handle: tests open many, the app one.
const states = new WeakMap<Deno.Kv, CatalogState>();
const refreshing = new WeakMap<Deno.Kv, Promise<void>>();
const stats = new WeakMap<Deno.Kv, CatalogStats>();

/** Counters of the catalog work done through this KV handle. */
export function catalogStats(kv: Deno.Kv): CatalogStats {
  return { ...(stats.get(kv) ?? { fullLoads: 0, expertsReread: 0 }) };
}

function countWork(kv: Deno.Kv, work: Partial<CatalogStats>): void {
  const current = stats.get(kv) ?? { fullLoads: 0, expertsReread: 0 };
  current.fullLoads += work.fullLoads ?? 0;
  current.expertsReread += work.expertsReread ?? 0;
  stats.set(kv, current);
}

/** The smallest change-log key at or after `time` (ms since the epoch). */
function changeLogKeyAt(time: number): Deno.KvKey {
  return [
    ...CHANGE_LOG_PREFIX,
    encodeTime(Math.max(0, Math.floor(time)), 10) + "0".repeat(16),
  ];
}

/**
 * The change-log entries from `since` (ms since the epoch) on, oldest first. */
async function readChangeLog(kv: Deno.Kv, since: number) {
  const listed: { changeId: string; expertId: string }[] = [];
  const entries = kv.list<string>({
    start: changeLogKeyAt(since),
    end: [...CHANGE_LOG_PREFIX, "\u{10ffff}"],
  });
  for await (const entry of entries) {
    listed.push({ changeId: entry.key[1] as string, expertId: entry.value });
  }
  return listed;
}

/**
 * Builds the catalog from every expert. The change-log window is read
 * before the records, so a change committed meanwhile is either in the
 * records already or read again at the next catch-up; re-reading is harmless.
 */
async function loadCatalog(
  kv: Deno.Kv,
  versionstamp: string | null,
): Promise<CatalogState> {
  const syncedAt = Date.now();
  const parents = await categoryParents(kv);
  const listed = (await readChangeLog(kv, syncedAt - CHANGE_LOG_WINDOW_MS))
    .map((change) => change.changeId);
  const experts: ExpertProfile[] = [];
  for await (const entry of kv.list<ExpertProfile>({ prefix: EXPERT_PREFIX })) {
    experts.push(entry.value);
  }
  countWork(kv, { fullLoads: 1 });
  return {
    catalog: new ExpertCatalog(experts, parents),
    parents,
    versionstamp,
    syncedAt,
    anchor: listed.at(-1) ?? null,
    applied: new Set(listed),
  };
}

/**
 * Brings a catalog up to date by re-reading only the experts named in the
 * change log since it last looked. Returns false when that is not possible
 * (the log was trimmed past its position, or too much changed) and the
 * catalog must be loaded whole.
 *
 * Change ids are ULIDs made before the commit, so two processes can commit
 * them out of order: an id older than the newest one seen may still appear.
 * Each catch-up therefore re-lists the last CHANGE_LOG_WINDOW_MS of the log
 * and skips the ids it already applied.
 */
async function catchUp(
  kv: Deno.Kv,
  state: CatalogState,
  versionstamp: string | null,
): Promise<boolean> {
  const now = Date.now();
  if (now - state.syncedAt > CHANGE_LOG_TTL_MS - CHANGE_LOG_WINDOW_MS) {
    return false;
  }
  const anchorTime = state.anchor === null
    ? state.syncedAt
    : Math.min(decodeTime(state.anchor), state.syncedAt);
  const changes = await readChangeLog(kv, anchorTime - CHANGE_LOG_WINDOW_MS);
  const listed = changes.map((change) => change.changeId);
  const changedIds = new Set<string>();
  for (const { changeId, expertId } of changes) {
    if (!state.applied.has(changeId)) changedIds.add(expertId);
  }
  if (state.anchor !== null && !listed.includes(state.anchor)) return false;
  if (changedIds.size > MAX_INCREMENTAL_CHANGES) return false;

  const ids = [...changedIds];
  const batches: Promise<Deno.KvEntryMaybe<ExpertProfile>[]>[] = [];
  for (let start = 0; start < ids.length; start += 10) {
    // getMany reads at most 10 keys.
    batches.push(
      kv.getMany<ExpertProfile[]>(
        ids.slice(start, start + 10).map(expertKey),
      ),
    );
  }
  const experts = (await Promise.all(batches)).flat();
  let parents = state.parents;
  if (
    experts.some((entry) =>
      entry.value?.categoryIds.some((id) => !parents.has(id))
    )
  ) {
    parents = await categoryParents(kv);
  }

  // No awaits from here on: searches never see a half-applied catch-up.
  experts.forEach((entry, i) =>
    state.catalog.put(ids[i], entry.value, parents)
  );
  const recent = now - CHANGE_LOG_WINDOW_MS;
  state.parents = parents;
  state.versionstamp = versionstamp;
  state.syncedAt = now;
  state.anchor = listed.at(-1) ?? state.anchor;
  state.applied = new Set(
    listed.filter((id) => decodeTime(id) >= Math.min(recent, anchorTime)),
  );
  countWork(kv, { expertsReread: ids.length });
  return true;
}

/** The published-expert catalog, caught up with writes from any process. */
async function currentCatalog(kv: Deno.Kv): Promise<ExpertCatalog> {
  // Read the version before the log and records: a write landing in between
  // bumps the version again, so the next call catches up once more.
  const { versionstamp } = await kv.get(EXPERTS_VERSION_KEY);
  for (;;) {
    const state = states.get(kv);
    if (state && state.versionstamp === versionstamp) return state.catalog;
    const running = refreshing.get(kv);
    if (running) {
      await running;
      // A catch-up for an older version may have finished; check again.
      if (states.get(kv)?.versionstamp === versionstamp) {
        return states.get(kv)!.catalog;
      }
      continue;
    }
    const refresh = (async () => {
      if (!state || !(await catchUp(kv, state, versionstamp))) {
        states.set(kv, await loadCatalog(kv, versionstamp));
      }
    })();
    refreshing.set(kv, refresh);
    try {
      await refresh;
    } finally {
      refreshing.delete(kv);
    }
    return states.get(kv)!.catalog;
  }
}

/**
 * Ids of published experts found through the KV index alone (no catalog):
 * every query word must start one of the expert's words. Costs one range
 * scan per word and filter, proportional to the matches.
 */
export async function findExpertIdsInIndex(
  kv: Deno.Kv,
  filters: { q?: string; category?: string; language?: string },
): Promise<Set<string>> {
  const scans: Promise<Set<string>>[] = [];
  const scan = async (selector: Deno.KvListSelector) => {
    const ids = new Set<string>();
    for await (const entry of kv.list(selector)) {
      ids.add(entry.key.at(-1) as string);
    }
    return ids;
  };
  for (const word of queryWords(filters.q)) {
    scans.push(scan({
      start: [...TERM_PREFIX, word],
      end: [...TERM_PREFIX, prefixRangeEnd(word)],
    }));
  }
  if (filters.category) {
    scans.push(scan({ prefix: [...CATEGORY_INDEX_PREFIX, filters.category] }));
  }
  if (filters.language) {
    scans.push(scan({ prefix: [...LANGUAGE_INDEX_PREFIX, filters.language] }));
  }
  if (scans.length === 0) {
    throw new ValidationError("The search filters are invalid.", {
      q: ["Give a query, a category or a language."],
    });
  }
  const [first, ...rest] = await Promise.all(scans);
  return new Set([...first].filter((id) => rest.every((ids) => ids.has(id))));
}

function queryWords(q: string | undefined): string[] {
  return q === undefined ? [] : [...new Set(wordsOf(q))].slice(0, 10);
}

/** How well an entry matches the query words: name beats skills beats headline. */
function textScore(entry: CatalogEntry, words: string[]): number {
  let score = 0;
  for (const word of words) {
    if (entry.nameWords.includes(word)) score += 6;
    else if (entry.nameWords.some((w) => w.startsWith(word))) score += 4;
    if (entry.skills.includes(word)) score += 5;
    else if (entry.skillWords.some((w) => w.startsWith(word))) score += 2;
    if (entry.headlineWords.includes(word)) score += 2;
    else if (entry.headlineWords.some((w) => w.startsWith(word))) score += 1;
  }
  return score;
}

/** A short, stable fingerprint of the filters a cursor was made for. */
function filtersChecksum(filters: ParsedExpertSearch): string {
  const text = JSON.stringify([
    filters.category,
    filters.q,
    filters.minRating,
    filters.minPrice,
    filters.maxPrice,
    filters.language,
    filters.sort,
  ]);
  let hash = 0x811c9dc5; // FNV-1a, 32 bit
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

function encodeCursor(offset: number, filters: ParsedExpertSearch): string {
  const json = JSON.stringify({ o: offset, f: filtersChecksum(filters) });
  return btoa(json).replaceAll("+", "-").replaceAll("/", "_").replace(
    /=+$/,
    "",
  );
}

const cursorSchema = z.object({
  o: z.number().int().nonnegative(),
  f: z.string(),
});

function decodeCursor(cursor: string, filters: ParsedExpertSearch): number {
  const invalid = (message: string) =>
    new ValidationError("The search filters are invalid.", {
      cursor: [message],
    });
  let decoded: unknown;
  try {
    decoded = JSON.parse(
      atob(cursor.replaceAll("-", "+").replaceAll("_", "/")),
    );
  } catch {
    throw invalid("This cursor is not valid; start again from the first page.");
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) {
    throw invalid("This cursor is not valid; start again from the first page.");
  }
  if (parsed.data.f !== filtersChecksum(filters)) {
    throw invalid(
      "This cursor belongs to a different search; start again from the first page.",
    );
  }
  return parsed.data.o;
}

/**
 * Finds published experts. Filters are parsed with `expertSearchSchema`
 * (throwing ValidationError on bad values, including a bad cursor). Without
 * a query, "relevance" ranks by rating weighted by review count; with one, by
 * how well name, skills and headline match. Every query word must start a
 * word of the name, headline or skills.
 *
 * Query words, category and language pick candidates from the index sets
 * (smallest first); price and rating are checked on those candidates only.
 * Price filters and sorts use each rate converted to US cents (`toUsdMinor`).
 */
export async function searchExperts(
  kv: Deno.Kv,
  filters: ExpertSearch,
): Promise<ExpertSearchResult> {
  const parsed = parseInput(
    expertSearchSchema,
    filters,
    "The search filters are invalid.",
  );
  const offset = parsed.cursor === undefined
    ? 0
    : decodeCursor(parsed.cursor, parsed);
  const catalog = await currentCatalog(kv);
  const words = queryWords(parsed.q);

  const { minRating, minPrice, maxPrice } = parsed;
  const hasNumberFilters = minRating !== undefined || minPrice !== undefined ||
    maxPrice !== undefined;
  const passesNumbers = (entry: CatalogEntry) =>
    (minRating === undefined || entry.rating >= minRating) &&
    (minPrice === undefined || entry.price >= minPrice) &&
    (maxPrice === undefined || entry.price <= maxPrice);

  const sets: ReadonlySet<CatalogEntry>[] = words.map((word) =>
    catalog.withWordPrefix(word)
  );
  if (parsed.category !== undefined) {
    sets.push(catalog.inCategory(parsed.category));
  }
  if (parsed.language !== undefined) {
    sets.push(catalog.speaking(parsed.language));
  }

  let matches: readonly CatalogEntry[];
  if (sets.length === 0) {
    const all = catalog.sorted(parsed.sort);
    matches = hasNumberFilters ? all.filter(passesNumbers) : all;
  } else {
    sets.sort((a, b) => a.size - b.size);
    const [smallest, ...others] = sets;
    const candidates: CatalogEntry[] = [];
    for (const entry of smallest) {
      if (passesNumbers(entry) && others.every((set) => set.has(entry))) {
        candidates.push(entry);
      }
    }
    matches = catalog.orderSubset(candidates, parsed.sort);
  }

  if (words.length > 0 && parsed.sort === "relevance") {
    const scores = new Map(
      matches.map((entry) => [entry, textScore(entry, words)]),
    );
    // Array#sort is stable, so equal scores keep popularity order.
    matches = [...matches].sort((a, b) => scores.get(b)! - scores.get(a)!);
  }

  const end = offset + parsed.limit;
  return {
    experts: matches.slice(offset, end).map((entry) => entry.expert),
    nextCursor: end < matches.length ? encodeCursor(end, parsed) : null,
    total: matches.length,
  };
}

/** The most popular published experts (rating weighted by review count). */
export async function featuredExperts(
  kv: Deno.Kv,
  limit: number,
): Promise<ExpertProfile[]> {
  const catalog = await currentCatalog(kv);
  return catalog.sorted("relevance").slice(0, Math.max(0, limit)).map((
    entry,
  ) => entry.expert);
}

/** How many experts are published. */
export async function countPublishedExperts(kv: Deno.Kv): Promise<number> {
  return (await currentCatalog(kv)).size;
}

/**
 * Published experts per category id. A top-level category counts each expert
 * in it or any of its subcategories once.
 */
export async function expertsByCategoryCount(
  kv: Deno.Kv,
): Promise<Record<string, number>> {
  return (await currentCatalog(kv)).countsByCategory();
}
