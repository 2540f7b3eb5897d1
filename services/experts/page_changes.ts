/**
 * When each expert's public profile, and each list of experts, last
 * changed: for the sitemap's `lastmod`. Every profile write stamps them
 * (store.ts's `stageExpertWrite`, in its own atomic); writes of what a
 * profile page shows besides the profile record (offerings, reviews) stamp
 * the profile with `stageExpertPageChange`.
 *
 * KV keys
 *   ["experts_updated", expertId]             → ISO time   last change of the
 *                                                          expert's page
 *   ["experts_listing_changed", categoryId]   → ISO time   last write to an expert
 *                                                          listed under the category
 *                                                          (before or after it)
 *   ["experts_meta", "listing_changed"]       → ISO time   last write to any listed
 *                                                          expert (the expert lists)
 *
 * Kept apart from the profile record so the profile's shape (and every API
 * that returns it) stays as it is. A profile not written since these stamps
 * exist has none until the sitemap dates it once from its offerings and
 * reviews (`fillExpertPageChange`).
 */
import { now } from "@/services/platform/clock.ts";
import type { ExpertProfile } from "./model.ts";

const UPDATED_PREFIX = ["experts_updated"] as const;
const CATEGORY_LISTING_PREFIX = ["experts_listing_changed"] as const;
const LISTING_KEY = ["experts_meta", "listing_changed"] as const;

/** Stamps the expert's public page as changed now, in `op`. */
export function stageExpertPageChange(
  op: Deno.AtomicOperation,
  expertId: string,
): Deno.AtomicOperation {
  return op.set([...UPDATED_PREFIX, expertId], now().toISOString());
}

/**
 * Records `at` as when the expert's page last changed, only where no stamp
 * exists yet (a profile from before stamps, dated once from what its page
 * shows), never over a stamp a write made.
 */
export async function fillExpertPageChange(
  kv: Deno.Kv,
  expertId: string,
  at: string,
): Promise<void> {
  const key = [...UPDATED_PREFIX, expertId];
  await kv.atomic().check({ key, versionstamp: null }).set(key, at).commit();
}

/**
 * Stamps a profile write: the expert's page, and, when the expert is listed
 * before or after it, the lists it is or was in.
 */
export function stageProfileChangeTimes(
  op: Deno.AtomicOperation,
  previous: ExpertProfile | null,
  expert: ExpertProfile,
): Deno.AtomicOperation {
  stageExpertPageChange(op, expert.id);
  const categories = new Set([
    ...(previous?.published ? previous.categoryIds : []),
    ...(expert.published ? expert.categoryIds : []),
  ]);
  if (!previous?.published && !expert.published) return op;
  const at = now().toISOString();
  for (const id of categories) op.set([...CATEGORY_LISTING_PREFIX, id], at);
  return op.set(LISTING_KEY, at);
}

export interface ExpertChangeTimes {
  /** By expert id: when its page last changed (absent: not since stamps exist). */
  pages: Map<string, string>;
  /** By category id: when an expert listed under it last changed. */
  categoryListings: Map<string, string>;
  /** When any listed expert last changed; null when none has. */
  listing: string | null;
}

/** Every stamp (one small record per expert and per category). */
export async function expertChangeTimes(
  kv: Deno.Kv,
): Promise<ExpertChangeTimes> {
  const read = async (prefix: Deno.KvKey) => {
    const times = new Map<string, string>();
    for await (const entry of kv.list<string>({ prefix })) {
      times.set(String(entry.key[prefix.length]), entry.value);
    }
    return times;
  };
  const [pages, categoryListings, listing] = await Promise.all([
    read(UPDATED_PREFIX),
    read(CATEGORY_LISTING_PREFIX),
    kv.get<string>(LISTING_KEY),
  ]);
  return { pages, categoryListings, listing: listing.value };
}
