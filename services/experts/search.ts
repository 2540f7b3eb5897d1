/**
 * Expert search: filters, sorting and paging over the per-process catalog
 * (catalog.ts), and the summaries built from it (featured experts, counts).
 *
 * A page cursor is the offset into the ordered matches plus a checksum of
 * the filters it was made for, so a cursor from another search is refused
 * instead of silently paging through the wrong list. The catalog keeps its
 * orders stable between writes; a write between two pages may shift an
 * expert by one place, as in any offset paging.
 */
import { z } from "zod";
import { clockFor } from "@/services/platform/clock.ts";
import { parseInput, ValidationError } from "@/services/platform/errors.ts";
import { currentCatalog } from "./catalog.ts";
import type { CatalogEntry } from "./catalog_index.ts";
import {
  AVAILABLE_WITHIN_MS,
  type ExpertProfile,
  type ExpertSearch,
  type ExpertSearchResult,
  expertSearchSchema,
  type ParsedExpertSearch,
} from "./model.ts";
import { queryWords } from "./search_index.ts";

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
    // Only when set, so cursors made before this filter existed still work.
    ...(filters.available ? [filters.available] : []),
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

const offsetCursorSchema = z.object({
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
  const parsed = offsetCursorSchema.safeParse(decoded);
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
 * "Available within" and the "soonest" sort read each expert's stored next
 * free time (next_free_store.ts), kept current in the background.
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
  const freeBefore = parsed.available === undefined
    ? undefined
    : clockFor(kv).now().getTime() + AVAILABLE_WITHIN_MS[parsed.available];
  const free = freeBefore === undefined
    ? undefined
    : catalog.freeBefore(freeBefore);
  if (parsed.category !== undefined) {
    sets.push(catalog.inCategory(parsed.category));
  }
  if (parsed.language !== undefined) {
    sets.push(catalog.speaking(parsed.language));
  }

  let matches: readonly CatalogEntry[];
  if (free !== undefined && sets.length === 0 && parsed.sort === "soonest") {
    // Already in order: the free experts are a prefix of "soonest".
    matches = hasNumberFilters ? free.filter(passesNumbers) : free;
  } else if (sets.length === 0 && free === undefined) {
    const all = catalog.sorted(parsed.sort);
    matches = hasNumberFilters ? all.filter(passesNumbers) : all;
  } else {
    if (free !== undefined) sets.push(new Set(free));
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
  const page = matches.slice(offset, end);
  return {
    experts: page.map((entry) => entry.expert),
    nextFree: Object.fromEntries(page.map((entry) => [
      entry.id,
      Number.isFinite(entry.nextFree)
        ? new Date(entry.nextFree).toISOString()
        : null,
    ])),
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

/**
 * A published profile and the top-rated experts who share a category with
 * it, closest first: its own categories in order, so a niche subcategory
 * with few experts is topped up from the next. One read of the catalog for
 * a profile page; null when `id` is not a published expert.
 */
export async function profileWithSimilar(
  kv: Deno.Kv,
  id: string,
  limit: number,
): Promise<{ expert: ExpertProfile; similar: ExpertProfile[] } | null> {
  const catalog = await currentCatalog(kv);
  const entry = catalog.entry(id);
  if (!entry) return null;
  const similar = new Map<string, ExpertProfile>();
  for (const category of entry.expert.categoryIds) {
    const best = catalog.orderSubset(
      [...catalog.inCategory(category)],
      "rating",
    )
      .slice(0, limit + 1);
    for (const other of best) {
      if (other.id !== id) similar.set(other.id, other.expert);
    }
    if (similar.size >= limit) break;
  }
  return {
    expert: entry.expert,
    similar: [...similar.values()].slice(0, limit),
  };
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

/** Published experts per language they speak, so every one can be filtered on. */
export async function expertsByLanguageCount(
  kv: Deno.Kv,
): Promise<Record<string, number>> {
  return (await currentCatalog(kv)).countsByLanguage();
}
