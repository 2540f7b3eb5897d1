/**
 * The expert search index kept in KV beside each profile: which words,
 * categories and languages find an expert, the keys that record them, and
 * the lookup that reads them.
 *
 * KV keys (all written in the same atomic() as the profile, see
 * `stageExpertWrite` in store.ts; only PUBLISHED experts have index keys,
 * so unpublishing or suspending removes an expert from every lookup at once)
 *   ["expert_terms", word, expertId]          → true   one per distinct word
 *   ["experts_by_category", categoryId, id]   → true   its categories plus the
 *                                                       parents of its subcategories
 *   ["experts_by_language", lang, id]         → true
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
 * expert's words. Each process searches an in-memory mirror of this index
 * (catalog_index.ts) built from the same functions.
 */
import { ValidationError } from "@/services/platform/errors.ts";
import type { ExpertProfile } from "./model.ts";

export const TERM_PREFIX = ["expert_terms"] as const;
export const CATEGORY_INDEX_PREFIX = ["experts_by_category"] as const;
export const LANGUAGE_INDEX_PREFIX = ["experts_by_language"] as const;
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

/** The distinct words of a query, at most ten. */
export function queryWords(q: string | undefined): string[] {
  return q === undefined ? [] : [...new Set(wordsOf(q))].slice(0, 10);
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
