/**
 * The expert search index: what is kept in KV beside each profile, and the
 * in-memory catalog each process searches.
 *
 * KV keys (all written in the same atomic() as the profile, see
 * `stageExpertWrite` in experts.ts; only PUBLISHED experts have index keys,
 * so unpublishing or suspending removes an expert from every lookup at once)
 *   ["expert_terms", word, expertId]          → true   one per distinct word
 *   ["experts_by_category", categoryId, id]   → true   its categories plus the
 *                                                       parents of its subcategories
 *   ["experts_by_language", lang, id]         → true
 *   ["experts_changes", changeId]             → expertId   change log, one entry
 *                                                           per expert write,
 *                                                           expires after a day
 *
 * Why whole words and no prefix or trigram keys: KV keys are ordered, so
 * "every word starting with `rea`" is one range scan from ["expert_terms",
 * "rea"] to ["expert_terms", "rea\u{10ffff}"]. Prefix keys would cost one key
 * per character of every word; a long profile (20 skills of 40 characters, a
 * 160-character headline) would then need over 1000 keys, more than one
 * atomic() may write. Whole words stay well under: at most ~360 distinct words
 * per profile, so even an update that replaces all of them (delete old, set
 * new) fits in one atomic with the record and log entry. Trigrams would add
 * infix matching nobody asked for at the same key cost as prefixes.
 *
 * Words are the name, headline and skills, lowercased, accent-free and split
 * on anything that is not a letter or digit ("Node.js" → "node", "js").
 * A query matches an expert when every query word is the start of one of the
 * expert's words.
 *
 * The in-memory catalog mirrors the same index (word → experts, category →
 * experts, language → experts) so a search touches only the experts that
 * match, and keeps the published experts pre-sorted in every sort order. A
 * change to one expert moves that one entry (binary search and splice)
 * instead of re-sorting.
 *
 * Rates come in several currencies, so price filters and sorts use each
 * rate converted to US cents at money.ts's approximate reference rates.
 * The converted price lives only in memory, never in KV, so changing a
 * reference rate needs no data migration.
 */
import type { ExpertProfile, ExpertSort } from "./experts.ts";
import { toUsdMinor } from "@/services/platform/money.ts";

export const TERM_PREFIX = ["expert_terms"] as const;
export const CATEGORY_INDEX_PREFIX = ["experts_by_category"] as const;
export const LANGUAGE_INDEX_PREFIX = ["experts_by_language"] as const;
export const CHANGE_LOG_PREFIX = ["experts_changes"] as const;

/** How long change-log entries live; a catalog older than this reloads whole. */
export const CHANGE_LOG_TTL_MS = 24 * 60 * 60 * 1000;

/** Lowercases and strips accents, so "José" matches "jose". */
export function normalizeText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Normalized words of a text, in order, duplicates kept. */
export function wordsOf(text: string): string[] {
  return normalizeText(text).split(/[^\p{L}\p{N}]+/u).filter((word) =>
    word !== ""
  );
}

/** The distinct words an expert is found by: name, headline and skills. */
export function searchWords(
  expert: Pick<ExpertProfile, "name" | "headline" | "skills">,
): Set<string> {
  return new Set([
    ...wordsOf(expert.name),
    ...wordsOf(expert.headline),
    ...expert.skills.flatMap(wordsOf),
  ]);
}

/** The expert's categories plus the parents of its subcategories. */
export function expandCategories(
  categoryIds: readonly string[],
  parents: ReadonlyMap<string, string | null>,
): Set<string> {
  const categories = new Set<string>();
  for (const id of categoryIds) {
    categories.add(id);
    const parent = parents.get(id);
    if (parent) categories.add(parent);
  }
  return categories;
}

/** Every index key a profile should have: none when it is not published. */
export function indexKeysFor(
  expert: ExpertProfile,
  parents: ReadonlyMap<string, string | null>,
): Deno.KvKey[] {
  if (!expert.published) return [];
  const keys: Deno.KvKey[] = [];
  for (const word of searchWords(expert)) {
    keys.push([...TERM_PREFIX, word, expert.id]);
  }
  for (const category of expandCategories(expert.categoryIds, parents)) {
    keys.push([...CATEGORY_INDEX_PREFIX, category, expert.id]);
  }
  for (const language of new Set(expert.languages)) {
    keys.push([...LANGUAGE_INDEX_PREFIX, language, expert.id]);
  }
  return keys;
}

/**
 * Adds to `op` the index changes that turn `previous`'s keys into `next`'s:
 * stale keys are deleted, missing ones set, unchanged ones left alone.
 */
export function stageIndexDiff(
  op: Deno.AtomicOperation,
  previous: ExpertProfile | null,
  next: ExpertProfile,
  parents: ReadonlyMap<string, string | null>,
): Deno.AtomicOperation {
  const keyText = (key: Deno.KvKey) => JSON.stringify(key);
  const oldKeys = new Map(
    (previous ? indexKeysFor(previous, parents) : []).map((
      key,
    ) => [keyText(key), key]),
  );
  const newKeys = new Map(
    indexKeysFor(next, parents).map((key) => [keyText(key), key]),
  );
  for (const [text, key] of oldKeys) {
    if (!newKeys.has(text)) op.delete(key);
  }
  for (const [text, key] of newKeys) {
    if (!oldKeys.has(text)) op.set(key, true);
  }
  return op;
}

/** The upper end of a KV range holding every string that starts with `prefix`. */
export function prefixRangeEnd(prefix: string): string {
  return prefix + "\u{10ffff}";
}

// ---------------------------------------------------------------------------
// The in-memory catalog

export const SORTS: readonly ExpertSort[] = [
  "relevance",
  "rating",
  "price_asc",
  "price_desc",
  "newest",
];

export interface CatalogEntry {
  expert: ExpertProfile;
  categories: Set<string>;
  nameWords: string[];
  headlineWords: string[];
  /** Each skill normalized whole, e.g. "design systems". */
  skills: string[];
  skillWords: string[];
  words: Set<string>;
  /** Rating weighted by how many reviews back it. */
  popularity: number;
  // Flat copies of what filters and sorts read: objects deserialized from KV
  // are slow to read in tight loops.
  rating: number;
  ratingCount: number;
  /** The hourly rate in US cents (`toUsdMinor`), so currencies compare. */
  price: number;
  createdAt: string;
  id: string;
  /** Position in each `sorted` array, by SORTS index; valid when not stale. */
  ranks: number[];
}

function toCatalogEntry(
  expert: ExpertProfile,
  parents: ReadonlyMap<string, string | null>,
): CatalogEntry {
  const skills = expert.skills.map(normalizeText);
  return {
    expert,
    categories: expandCategories(expert.categoryIds, parents),
    nameWords: wordsOf(expert.name),
    headlineWords: wordsOf(expert.headline),
    skills,
    skillWords: expert.skills.flatMap(wordsOf),
    words: searchWords(expert),
    popularity: expert.rating.average * Math.log(expert.rating.count + 1),
    rating: expert.rating.average,
    ratingCount: expert.rating.count,
    price: toUsdMinor(expert.hourlyRate),
    createdAt: expert.createdAt,
    id: expert.id,
    ranks: [],
  };
}

type Order = (a: CatalogEntry, b: CatalogEntry) => number;

const byId: Order = (a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
const byPopularity: Order = (a, b) => b.popularity - a.popularity || byId(a, b);

/** Total orders (ties broken by id), so binary search finds an entry exactly. */
export const SORT_ORDERS: Record<ExpertSort, Order> = {
  relevance: byPopularity,
  rating: (a, b) =>
    b.rating - a.rating || b.ratingCount - a.ratingCount || byId(a, b),
  price_asc: (a, b) => a.price - b.price || byPopularity(a, b),
  price_desc: (a, b) => b.price - a.price || byPopularity(a, b),
  newest: (a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : byId(b, a),
};

/** The first index in `sorted` whose item is not before `item`. */
function lowerBound<T>(
  sorted: readonly T[],
  item: T,
  compare: (a: T, b: T) => number,
): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(sorted[middle], item) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

const compareStrings = (a: string, b: string) => a < b ? -1 : a > b ? 1 : 0;

function addTo<K>(
  map: Map<K, Set<CatalogEntry>>,
  key: K,
  entry: CatalogEntry,
): boolean {
  const set = map.get(key);
  if (set) {
    set.add(entry);
    return false;
  }
  map.set(key, new Set([entry]));
  return true;
}

function removeFrom<K>(
  map: Map<K, Set<CatalogEntry>>,
  key: K,
  entry: CatalogEntry,
): boolean {
  const set = map.get(key);
  if (!set) return false;
  set.delete(entry);
  if (set.size > 0) return false;
  map.delete(key);
  return true;
}

/** Published experts, indexed and pre-sorted; changed one expert at a time. */
export class ExpertCatalog {
  readonly #entries = new Map<string, CatalogEntry>();
  readonly #sorted: Record<ExpertSort, CatalogEntry[]>;
  readonly #byWord = new Map<string, Set<CatalogEntry>>();
  /** Every indexed word, sorted, for prefix lookups. */
  readonly #vocabulary: string[] = [];
  readonly #byCategory = new Map<string, Set<CatalogEntry>>();
  readonly #byLanguage = new Map<string, Set<CatalogEntry>>();
  /** Sorts whose `ranks` no longer match their array. */
  readonly #staleRanks = new Set<ExpertSort>(SORTS);

  /** Builds the catalog from every published expert in `experts`. */
  constructor(
    experts: Iterable<ExpertProfile>,
    parents: ReadonlyMap<string, string | null>,
  ) {
    const entries: CatalogEntry[] = [];
    for (const expert of experts) {
      if (!expert.published) continue;
      const entry = toCatalogEntry(expert, parents);
      this.#entries.set(entry.id, entry);
      this.#indexEntry(entry, false);
      entries.push(entry);
    }
    this.#vocabulary.push(...this.#byWord.keys());
    this.#vocabulary.sort(compareStrings);
    this.#sorted = {} as Record<ExpertSort, CatalogEntry[]>;
    for (const sort of SORTS) {
      this.#sorted[sort] = [...entries].sort(SORT_ORDERS[sort]);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Puts an expert's current profile in the catalog, replacing the old
   * entry; unpublished profiles (or null, for a deleted one) are removed.
   */
  put(
    id: string,
    expert: ExpertProfile | null,
    parents: ReadonlyMap<string, string | null>,
  ): void {
    const old = this.#entries.get(id);
    if (old) {
      this.#entries.delete(id);
      this.#unindexEntry(old);
      for (const sort of SORTS) {
        const list = this.#sorted[sort];
        list.splice(lowerBound(list, old, SORT_ORDERS[sort]), 1);
      }
    }
    if (expert?.published) {
      const entry = toCatalogEntry(expert, parents);
      this.#entries.set(id, entry);
      this.#indexEntry(entry, true);
      for (const sort of SORTS) {
        const list = this.#sorted[sort];
        list.splice(lowerBound(list, entry, SORT_ORDERS[sort]), 0, entry);
      }
    }
    for (const sort of SORTS) this.#staleRanks.add(sort);
  }

  #indexEntry(entry: CatalogEntry, keepVocabularySorted: boolean): void {
    for (const word of entry.words) {
      const isNew = addTo(this.#byWord, word, entry);
      if (isNew && keepVocabularySorted) {
        const at = lowerBound(this.#vocabulary, word, compareStrings);
        this.#vocabulary.splice(at, 0, word);
      }
    }
    for (const category of entry.categories) {
      addTo(this.#byCategory, category, entry);
    }
    for (const language of entry.expert.languages) {
      addTo(this.#byLanguage, language, entry);
    }
  }

  #unindexEntry(entry: CatalogEntry): void {
    for (const word of entry.words) {
      if (removeFrom(this.#byWord, word, entry)) {
        const at = lowerBound(this.#vocabulary, word, compareStrings);
        this.#vocabulary.splice(at, 1);
      }
    }
    for (const category of entry.categories) {
      removeFrom(this.#byCategory, category, entry);
    }
    for (const language of entry.expert.languages) {
      removeFrom(this.#byLanguage, language, entry);
    }
  }

  /** All published experts in one sort order. Do not modify. */
  sorted(sort: ExpertSort): readonly CatalogEntry[] {
    return this.#sorted[sort];
  }

  /** Experts with a word starting with `prefix`. */
  withWordPrefix(prefix: string): Set<CatalogEntry> {
    const found = new Set<CatalogEntry>();
    for (
      let at = lowerBound(this.#vocabulary, prefix, compareStrings);
      at < this.#vocabulary.length && this.#vocabulary[at].startsWith(prefix);
      at++
    ) {
      for (const entry of this.#byWord.get(this.#vocabulary[at])!) {
        found.add(entry);
      }
    }
    return found;
  }

  /** Experts in a category or any of its subcategories. */
  inCategory(category: string): ReadonlySet<CatalogEntry> {
    return this.#byCategory.get(category) ?? new Set();
  }

  /** Experts who speak `language`. */
  speaking(language: string): ReadonlySet<CatalogEntry> {
    return this.#byLanguage.get(language) ?? new Set();
  }

  /** Published experts per category id (parents count each expert once). */
  countsByCategory(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [category, entries] of this.#byCategory) {
      counts[category] = entries.size;
    }
    return counts;
  }

  /** Orders a subset of the catalog by a sort, using the pre-sorted ranks. */
  orderSubset(
    subset: CatalogEntry[],
    sort: ExpertSort,
  ): CatalogEntry[] {
    const sortIndex = SORTS.indexOf(sort);
    const all = this.#sorted[sort];
    // Sorting k entries by rank costs k·log k; walking the pre-sorted list
    // costs n. Pick the cheaper one.
    if (subset.length * Math.log2(subset.length + 1) > all.length) {
      const wanted = new Set(subset);
      return all.filter((entry) => wanted.has(entry));
    }
    this.#refreshRanks(sort, sortIndex);
    return subset.sort((a, b) => a.ranks[sortIndex] - b.ranks[sortIndex]);
  }

  #refreshRanks(sort: ExpertSort, sortIndex: number): void {
    if (!this.#staleRanks.has(sort)) return;
    this.#sorted[sort].forEach((entry, rank) => {
      entry.ranks[sortIndex] = rank;
    });
    this.#staleRanks.delete(sort);
  }
}
