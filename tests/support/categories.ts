/**
 * The category trees tests write, defined once. Each piece is a top-level
 * category with its subcategories; a test writes the pieces its assertions
 * speak of with {@linkcode addCategories}, and the store's own tests build
 * throwaway trees with {@linkcode family}.
 */
import {
  type CategoryInput,
  createCategory,
} from "@/services/categories/mod.ts";

/** Software › Web. */
export const SOFTWARE: readonly CategoryInput[] = [
  { id: "software", name: "Software", icon: "code" },
  { id: "web", name: "Web", icon: "globe", parentId: "software" },
];

/** Design › UX research, listed before Music. */
export const DESIGN: readonly CategoryInput[] = [
  { id: "design", name: "Design", icon: "palette", order: 0 },
  {
    id: "ux-research",
    name: "UX research",
    icon: "search",
    parentId: "design",
  },
];

/** Music › Piano, listed after Design. */
export const MUSIC: readonly CategoryInput[] = [
  { id: "music", name: "Music", icon: "music", order: 1 },
  { id: "piano", name: "Piano", icon: "piano", parentId: "music" },
];

/** Cooking, with no subcategories. */
export const COOKING: readonly CategoryInput[] = [
  { id: "cooking", name: "Cooking", icon: "salad" },
];

/** Old: retired, so left out of public lists but still a known id. */
export const RETIRED: readonly CategoryInput[] = [
  { id: "old", name: "Old", icon: "shapes", retired: true },
];

/** Writes `pieces` in order (each parent before its subcategories). */
export async function addCategories(
  kv: Deno.Kv,
  ...pieces: (readonly CategoryInput[])[]
): Promise<void> {
  for (const category of pieces.flat()) await createCategory(kv, category);
}

/**
 * A top-level category `id` with the subcategories `childIds`, each named
 * after its id in capitals ("a1" → "A1"), for tests of the tree itself.
 */
export function family(id: string, ...childIds: string[]): CategoryInput[] {
  const named = (slug: string) => ({
    id: slug,
    name: slug.toUpperCase(),
    icon: "shapes",
  });
  return [
    named(id),
    ...childIds.map((child) => ({ ...named(child), parentId: id })),
  ];
}
