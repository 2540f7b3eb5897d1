/**
 * Remembers the category tree per database and public-data version
 * (services/platform/public_version.ts), so a page that lists categories
 * costs no KV reads or validation while nothing public has changed. Every
 * category write stages a public change in its own atomic (store.ts), so
 * the writing process sees its write at once and others within a second.
 *
 * Bounded: one version per database and the two views (live, with
 * retired). Callers get copies, so changing a result cannot change the
 * next caller's.
 */
import { publicVersion } from "@/services/platform/public_version.ts";
import type { CategoryWithChildren } from "./model.ts";

interface Remembered {
  version: string;
  trees: Map<boolean, CategoryWithChildren[]>;
}

const memos = new WeakMap<Deno.Kv, Remembered>();

/**
 * The tree from memory when `build` already ran at the current version,
 * else `build`'s result, kept for the next caller.
 */
export async function rememberedTree(
  kv: Deno.Kv,
  includeRetired: boolean,
  build: () => Promise<CategoryWithChildren[]>,
): Promise<CategoryWithChildren[]> {
  // Read before the build: a write landing meanwhile moves the version on,
  // so the result is never kept under a version newer than its data.
  const version = await publicVersion(kv);
  let memo = memos.get(kv);
  if (memo?.version !== version) {
    memo = { version, trees: new Map() };
    memos.set(kv, memo);
  }
  let tree = memo.trees.get(includeRetired);
  if (!tree) {
    tree = await build();
    // A slower build for an older version must not replace a newer memo.
    if (memos.get(kv) === memo) memo.trees.set(includeRetired, tree);
  }
  return copyTree(tree);
}

function copyTree(tree: CategoryWithChildren[]): CategoryWithChildren[] {
  return tree.map((parent) => ({
    ...parent,
    subcategories: parent.subcategories.map((child) => ({ ...child })),
  }));
}
