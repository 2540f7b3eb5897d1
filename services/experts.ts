/**
 * Expert profiles and the expert search behind /experts and /api/experts.
 *
 * KV keys
 *   ["experts", id]               → ExpertProfile   id is a ULID (sorts by creation)
 *   ["experts_meta", "version"]   → { changedAt }   rewritten in the same atomic()
 *                                                    as every expert write
 *
 * Search does not page through KV. Each process keeps an in-memory catalog
 * of the published experts with their search fields precomputed and the
 * list pre-sorted every way the UI sorts. Before every search one `kv.get`
 * of the version key tells whether any process has written an expert since
 * the catalog was built; if so it is rebuilt. That keeps searches correct
 * across processes (kv.watch does not see other processes' writes on the
 * local backend) while costing a single small read in the common case.
 *
 * Subcategory parents never change once created, so the catalog resolves
 * "category X or any of its subcategories" when it is built.
 */
import { z } from "zod";
import { categoryParents, categorySlugSchema } from "./categories.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "./errors.ts";
import { newId, withLockRetry } from "./kv.ts";
import { moneySchema } from "./money.ts";

export const EXPERT_PREFIX = ["experts"] as const;
export const EXPERTS_VERSION_KEY = ["experts_meta", "version"] as const;

function expertKey(id: string): Deno.KvKey {
  return [...EXPERT_PREFIX, id];
}

// Building an Intl.DateTimeFormat is slow; bulk seeding checks thousands of zones.
const knownTimeZones = new Set<string>();

function isTimeZone(value: string): boolean {
  if (knownTimeZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
  } catch {
    return false;
  }
  if (!value.includes("/") && value !== "UTC") return false;
  knownTimeZones.add(value);
  return true;
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
  languages: z.array(
    z.string().trim().toLowerCase().regex(
      /^[a-z]{2}$/,
      'Use two-letter ISO 639-1 codes such as "en".',
    ),
  ).min(1).max(10),
  yearsExperience: z.number().int().min(0).max(70),
  hourlyRate: moneySchema.extend({
    amountMinor: moneySchema.shape.amountMinor.positive(),
  }),
  rating: ratingSchema,
  location: z.string().trim().min(1).max(100),
  timeZone: z.string().refine(
    isTimeZone,
    "Use an IANA time zone such as Europe/Lisbon.",
  ),
  published: z.boolean(),
  createdAt: z.iso.datetime(),
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

/**
 * Adds an expert's record to an atomic operation, with the version bump that
 * tells every process's catalog to reload. Every expert write goes through here.
 */
export function stageExpertWrite(
  op: Deno.AtomicOperation,
  expert: ExpertProfile,
): Deno.AtomicOperation {
  return op.set(expertKey(expert.id), expert)
    .set(EXPERTS_VERSION_KEY, { changedAt: new Date().toISOString() });
}

/** Creates an expert profile. Its categories must already exist. */
export async function createExpert(
  kv: Deno.Kv,
  input: ExpertInput,
): Promise<ExpertProfile> {
  const expert = prepareExpert(input);
  return await withLockRetry(async () => {
    assertKnownCategories(expert, await categoryParents(kv));
    const op = kv.atomic().check({
      key: expertKey(expert.id),
      versionstamp: null,
    });
    const result = await stageExpertWrite(op, expert).commit();
    if (!result.ok) {
      throw new ConflictError(`Expert ${expert.id} already exists.`);
    }
    return expert;
  });
}

/**
 * Changes some fields of an expert (e.g. `{ published: false }`). Fails with
 * ConflictError if the profile changed between the read and the write.
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
    assertKnownCategories(updated, await categoryParents(kv));
    const result = await stageExpertWrite(kv.atomic().check(entry), updated)
      .commit();
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
 * Prices are compared as plain minor units whatever the currency: currency
 * conversion is out of scope, and most rates are in USD.
 */
export const expertSearchSchema = z.object({
  category: queryField(categorySlugSchema),
  q: queryField(z.string().trim().max(100)),
  minRating: queryField(z.coerce.number().min(0).max(5)),
  minPrice: queryField(z.coerce.number().int().nonnegative()),
  maxPrice: queryField(z.coerce.number().int().positive()),
  language: queryField(
    z.string().trim().toLowerCase().regex(
      /^[a-z]{2}$/,
      'Use a two-letter language code such as "en".',
    ),
  ),
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

interface CatalogEntry {
  expert: ExpertProfile;
  /** The expert's categories plus the parents of its subcategories. */
  categories: Set<string>;
  /** Lowercased, accent-free search fields. */
  name: string;
  headline: string;
  skills: string[];
  /** Everything text search looks at, one field per line. */
  haystack: string;
  /** Rating weighted by how many reviews back it. */
  popularity: number;
  // Copies of the fields filters and sorts read. Objects deserialized from
  // KV are slow to read in tight loops; these small flat entries are not.
  rating: number;
  ratingCount: number;
  price: number;
  languages: string[];
  createdAt: string;
  id: string;
}

interface Catalog {
  versionstamp: string | null;
  /** Published experts in each sort order ("relevance" = popularity). */
  sorted: Record<ExpertSort, CatalogEntry[]>;
  countsByCategory?: Record<string, number>;
}

/** Lowercases and strips accents, so "José" matches "jose". */
export function normalizeText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function popularityOf(rating: ExpertProfile["rating"]): number {
  return rating.average * Math.log(rating.count + 1);
}

function toCatalogEntry(
  expert: ExpertProfile,
  parents: Map<string, string | null>,
): CatalogEntry {
  const categories = new Set<string>();
  for (const id of expert.categoryIds) {
    categories.add(id);
    const parent = parents.get(id);
    if (parent) categories.add(parent);
  }
  const name = normalizeText(expert.name);
  const headline = normalizeText(expert.headline);
  const skills = expert.skills.map(normalizeText);
  return {
    expert,
    categories,
    name,
    headline,
    skills,
    haystack: [name, headline, ...skills].join("\n"),
    popularity: popularityOf(expert.rating),
    rating: expert.rating.average,
    ratingCount: expert.rating.count,
    price: expert.hourlyRate.amountMinor,
    languages: [...expert.languages],
    createdAt: expert.createdAt,
    id: expert.id,
  };
}

const byId = (a: CatalogEntry, b: CatalogEntry) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
const byPopularity = (a: CatalogEntry, b: CatalogEntry) =>
  b.popularity - a.popularity || byId(a, b);

const SORT_ORDERS: Record<
  ExpertSort,
  (a: CatalogEntry, b: CatalogEntry) => number
> = {
  relevance: byPopularity,
  rating: (a, b) =>
    b.rating - a.rating || b.ratingCount - a.ratingCount || byId(a, b),
  price_asc: (a, b) => a.price - b.price || byPopularity(a, b),
  price_desc: (a, b) => b.price - a.price || byPopularity(a, b),
  newest: (a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : byId(b, a),
};

async function buildCatalog(
  kv: Deno.Kv,
  versionstamp: string | null,
): Promise<Catalog> {
  const parents = await categoryParents(kv);
  const entries: CatalogEntry[] = [];
  for await (const entry of kv.list<ExpertProfile>({ prefix: EXPERT_PREFIX })) {
    if (entry.value.published) {
      entries.push(toCatalogEntry(entry.value, parents));
    }
  }
  const sorted = {} as Record<ExpertSort, CatalogEntry[]>;
  for (const sort of EXPERT_SORTS) {
    sorted[sort] = [...entries].sort(SORT_ORDERS[sort]);
  }
  return { versionstamp, sorted };
}

// One catalog per KV handle: tests open many, the app one.
const catalogs = new WeakMap<Deno.Kv, Catalog>();
const catalogsLoading = new WeakMap<
  Deno.Kv,
  { versionstamp: string | null; promise: Promise<Catalog> }
>();

/** The published-expert catalog, rebuilt when any process wrote an expert. */
async function currentCatalog(kv: Deno.Kv): Promise<Catalog> {
  // Read the version before the records: a write landing in between bumps
  // the version again, so the next call rebuilds rather than trusting this one.
  const { versionstamp } = await kv.get(EXPERTS_VERSION_KEY);
  const cached = catalogs.get(kv);
  if (cached && cached.versionstamp === versionstamp) return cached;

  const loading = catalogsLoading.get(kv);
  if (loading && loading.versionstamp === versionstamp) return loading.promise;
  const promise = buildCatalog(kv, versionstamp);
  catalogsLoading.set(kv, { versionstamp, promise });
  try {
    const catalog = await promise;
    catalogs.set(kv, catalog);
    return catalog;
  } finally {
    if (catalogsLoading.get(kv)?.promise === promise) {
      catalogsLoading.delete(kv);
    }
  }
}

function matchesFilters(
  entry: CatalogEntry,
  filters: ParsedExpertSearch,
): boolean {
  if (
    filters.category !== undefined && !entry.categories.has(filters.category)
  ) return false;
  if (filters.minRating !== undefined && entry.rating < filters.minRating) {
    return false;
  }
  if (filters.minPrice !== undefined && entry.price < filters.minPrice) {
    return false;
  }
  if (filters.maxPrice !== undefined && entry.price > filters.maxPrice) {
    return false;
  }
  if (
    filters.language !== undefined &&
    !entry.languages.includes(filters.language)
  ) return false;
  return true;
}

function queryWords(q: string | undefined): string[] {
  if (q === undefined) return [];
  return normalizeText(q).split(/\s+/).filter((word) => word !== "").slice(
    0,
    10,
  );
}

function startsWord(text: string, word: string): boolean {
  return text.startsWith(word) || text.includes(" " + word);
}

/** How well an entry matches the query words: name beats skills beats headline. */
function textScore(entry: CatalogEntry, words: string[]): number {
  let score = 0;
  for (const word of words) {
    if (entry.name.includes(word)) {
      score += startsWord(entry.name, word) ? 6 : 3;
    }
    if (entry.skills.includes(word)) score += 5;
    else if (entry.skills.some((skill) => skill.includes(word))) score += 2;
    if (entry.headline.includes(word)) {
      score += startsWord(entry.headline, word) ? 2 : 1;
    }
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
 * how well name, skills and headline match (every word must match somewhere).
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

  const inOrder = catalog.sorted[parsed.sort];
  const hasFilters = words.length > 0 || parsed.category !== undefined ||
    parsed.minRating !== undefined || parsed.minPrice !== undefined ||
    parsed.maxPrice !== undefined || parsed.language !== undefined;
  let matches = hasFilters
    ? inOrder.filter((entry) =>
      matchesFilters(entry, parsed) &&
      words.every((word) => entry.haystack.includes(word))
    )
    : inOrder;

  if (words.length > 0 && parsed.sort === "relevance") {
    const scores = new Map(
      matches.map((entry) => [entry, textScore(entry, words)]),
    );
    // Array#sort is stable, so equal scores keep popularity order.
    matches = matches.sort((a, b) => scores.get(b)! - scores.get(a)!);
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
  return catalog.sorted.relevance.slice(0, Math.max(0, limit)).map((entry) =>
    entry.expert
  );
}

/** How many experts are published. */
export async function countPublishedExperts(kv: Deno.Kv): Promise<number> {
  return (await currentCatalog(kv)).sorted.relevance.length;
}

/**
 * Published experts per category id. A top-level category counts each expert
 * in it or any of its subcategories once.
 */
export async function expertsByCategoryCount(
  kv: Deno.Kv,
): Promise<Record<string, number>> {
  const catalog = await currentCatalog(kv);
  if (!catalog.countsByCategory) {
    const counts: Record<string, number> = {};
    for (const entry of catalog.sorted.relevance) {
      for (const id of entry.categories) counts[id] = (counts[id] ?? 0) + 1;
    }
    catalog.countsByCategory = counts;
  }
  return { ...catalog.countsByCategory };
}
