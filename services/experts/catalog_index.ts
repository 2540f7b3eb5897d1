/**
 * The in-memory catalog each process searches: the published experts,
 * indexed like the KV search index (word → experts, category → experts,
 * language → experts; see search_index.ts) so a search touches only the
 * experts that match, and kept pre-sorted in every sort order. A change to
 * one expert moves that one entry (binary search and splice) instead of
 * re-sorting. catalog.ts keeps one per process current.
 *
 * Prices come in several currencies, so price filters and sorts use each
 * listed price (pricing.ts) converted to US cents at money.ts's approximate reference rates.
 * The converted price lives only in memory, never in KV, so changing a
 * reference rate needs no data migration.
 *
 * Each entry also carries the expert's next free time as stored by
 * next_free_store.ts (computed in the background, never here), for the
 * "available within" filter and the "soonest" sort; experts with no free
 * time, or none computed yet, sort last.
 */
import { toUsdMinor } from "@/services/platform/money.ts";
import { listedPrice } from "./pricing.ts";
import { EXPERT_SORTS, type ExpertProfile, type ExpertSort } from "./model.ts";
import type { NextFreeRecord } from "./next_free_store.ts";
import {
  expandCategories,
  normalizeText,
  searchWords,
  wordsOf,
} from "./search_index.ts";

const SORTS: readonly ExpertSort[] = EXPERT_SORTS;

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
  /** The listed price in US cents (`toUsdMinor`), so currencies compare. */
  price: number;
  createdAt: string;
  id: string;
  /** The next free start in ms since the epoch; Infinity when none is known. */
  nextFree: number;
  /** Position in each `sorted` array, by SORTS index; valid when not stale. */
  ranks: number[];
}

function toCatalogEntry(
  expert: ExpertProfile,
  parents: ReadonlyMap<string, string | null>,
  nextFree: NextFreeRecord | null,
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
    price: toUsdMinor(listedPrice(expert).money),
    createdAt: expert.createdAt,
    id: expert.id,
    nextFree: nextFree?.start ? Date.parse(nextFree.start) : Infinity,
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
  // Infinity - Infinity is NaN, hence the explicit comparison.
  soonest: (a, b) =>
    a.nextFree < b.nextFree
      ? -1
      : a.nextFree > b.nextFree
      ? 1
      : byPopularity(a, b),
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
  /** Ids of listed experts with no next-free record yet. */
  readonly #withoutNextFree = new Set<string>();

  /**
   * Builds the catalog from every published expert in `experts`, with
   * their next free times by id.
   */
  constructor(
    experts: Iterable<ExpertProfile>,
    parents: ReadonlyMap<string, string | null>,
    nextFree: ReadonlyMap<string, NextFreeRecord> = new Map(),
  ) {
    const entries: CatalogEntry[] = [];
    for (const expert of experts) {
      if (!expert.published) continue;
      const record = nextFree.get(expert.id) ?? null;
      if (!record) this.#withoutNextFree.add(expert.id);
      const entry = toCatalogEntry(expert, parents, record);
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
   * Puts an expert's current profile and next free time in the catalog,
   * replacing the old entry; unpublished profiles (or null, for a deleted
   * one) are removed.
   */
  put(
    id: string,
    expert: ExpertProfile | null,
    parents: ReadonlyMap<string, string | null>,
    nextFree: NextFreeRecord | null = null,
  ): void {
    this.#withoutNextFree.delete(id);
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
      const entry = toCatalogEntry(expert, parents, nextFree);
      if (!nextFree) this.#withoutNextFree.add(id);
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

  /** Up to `limit` ids of listed experts whose next free time was never stored. */
  withoutNextFree(limit: number): string[] {
    const ids: string[] = [];
    for (const id of this.#withoutNextFree) {
      if (ids.length >= limit) break;
      ids.push(id);
    }
    return ids;
  }

  /**
   * The experts free before `time` (ms), soonest first: a prefix of the
   * "soonest" order, found by binary search.
   */
  freeBefore(time: number): readonly CatalogEntry[] {
    const list = this.#sorted.soonest;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (list[middle].nextFree < time) low = middle + 1;
      else high = middle;
    }
    return list.slice(0, low);
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

  /** Published experts per language code they speak. */
  countsByLanguage(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [language, entries] of this.#byLanguage) {
      if (entries.size > 0) counts[language] = entries.size;
    }
    return counts;
  }

  /** The published expert `id`'s entry, if there is one. */
  entry(id: string): CatalogEntry | undefined {
    return this.#entries.get(id);
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
