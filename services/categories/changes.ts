/**
 * When each category's page last changed its own content (name,
 * description, icon, retirement, the order of its subcategories), for the
 * sitemap's `lastmod`. The experts a page lists change apart from this
 * (services/experts/page_changes.ts).
 *
 * KV keys
 *   ["categories_changed", id]        → ISO time   last write to category `id`
 *   ["categories_meta", "changed"]    → ISO time   last write to any category
 *                                                  (the category list pages)
 */
import { now } from "@/services/platform/clock.ts";

const CHANGED_PREFIX = ["categories_changed"] as const;
const ANY_CHANGED_KEY = ["categories_meta", "changed"] as const;

/** Stamps `ids` (and the category list) as changed now, in `op`. */
export function stageCategoriesChanged(
  op: Deno.AtomicOperation,
  ids: Iterable<string>,
): Deno.AtomicOperation {
  const at = now().toISOString();
  for (const id of new Set(ids)) op.set([...CHANGED_PREFIX, id], at);
  return op.set(ANY_CHANGED_KEY, at);
}

/**
 * The last-write stamp of the whole tree, to `check` in an atomic: the
 * commit then fails if any category was written since it was read (a rule
 * over several categories, such as unique names, holds).
 */
export async function readTreeStamp(
  kv: Deno.Kv,
): Promise<Deno.KvEntryMaybe<string>> {
  return await kv.get<string>(ANY_CHANGED_KEY);
}

/**
 * When each category last changed (those never changed since the stamps
 * exist are absent), and when any did (null when none has).
 */
export async function categoryChangeTimes(
  kv: Deno.Kv,
): Promise<{ byId: Map<string, string>; any: string | null }> {
  const byId = new Map<string, string>();
  for await (const entry of kv.list<string>({ prefix: CHANGED_PREFIX })) {
    byId.set(String(entry.key[1]), entry.value);
  }
  const any = (await kv.get<string>(ANY_CHANGED_KEY)).value;
  return { byId, any };
}
