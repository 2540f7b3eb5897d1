/**
 * Expert categories: a two-level tree (top-level categories and their
 * subcategories), small enough to read whole.
 *
 * KV keys
 *   ["categories", id] → Category        id is a URL slug, unique
 *
 * There is no secondary index: listing reads the whole `["categories"]`
 * prefix (a few dozen records) and builds the tree in memory. Uniqueness of
 * the slug is an atomic check that the primary key is still empty.
 */
import { z } from "zod";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";

export const CATEGORY_PREFIX = ["categories"] as const;

export const categorySlugSchema = z.string().trim().toLowerCase().regex(
  /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  "Use lowercase letters, digits and single hyphens, e.g. software-engineering.",
).max(60);

/**
 * The icons a category may show, by their names in the Lucide icon set
 * (components/CategoryIcon.tsx draws them as inline SVG). Names, not emoji:
 * emoji need a font that not every machine has.
 */
export const CATEGORY_ICONS = [
  "banknote",
  "book-open",
  "bot",
  "brain",
  "briefcase",
  "brush",
  "building",
  "camera",
  "chart-column",
  "cloud",
  "code",
  "compass",
  "copyright",
  "database",
  "dumbbell",
  "file-text",
  "flask-conical",
  "globe",
  "graduation-cap",
  "guitar",
  "handshake",
  "heart",
  "heart-pulse",
  "landmark",
  "languages",
  "leaf",
  "lightbulb",
  "lock",
  "map",
  "megaphone",
  "message-square",
  "mic",
  "moon",
  "music",
  "notebook",
  "palette",
  "pencil",
  "phone",
  "piano",
  "plane",
  "puzzle",
  "receipt",
  "rocket",
  "salad",
  "scale",
  "scroll",
  "search",
  "settings",
  "shapes",
  "shuffle",
  "sliders-horizontal",
  "smartphone",
  "sprout",
  "tag",
  "target",
  "trending-down",
  "trending-up",
  "users",
  "wrench",
] as const;
export type CategoryIconName = typeof CATEGORY_ICONS[number];
export const DEFAULT_CATEGORY_ICON: CategoryIconName = "shapes";

/** The seeded emoji stored before icons had names, and the icon each became. */
const LEGACY_ICONS: Readonly<Record<string, CategoryIconName>> = {
  "💻": "code",
  "🤖": "bot",
  "🎨": "palette",
  "🧭": "compass",
  "📣": "megaphone",
  "🚀": "rocket",
  "📊": "chart-column",
  "🎯": "target",
  "🗣️": "languages",
  "🗣": "languages",
  "🎵": "music",
  "🌿": "leaf",
  "⚖️": "scale",
  "⚖": "scale",
  "🌐": "globe",
  "📱": "smartphone",
  "☁️": "cloud",
  "☁": "cloud",
  "🏗️": "building",
  "🏗": "building",
  "🔐": "lock",
  "🧠": "brain",
  "🛢️": "database",
  "🛢": "database",
  "📈": "trending-up",
  "💬": "message-square",
  "🔎": "search",
  "✏️": "pencil",
  "✏": "pencil",
  "🏷️": "tag",
  "🏷": "tag",
  "🖌️": "brush",
  "🖌": "brush",
  "♟️": "puzzle",
  "♟": "puzzle",
  "🧪": "flask-conical",
  "🌱": "sprout",
  "🔍": "search",
  "📝": "file-text",
  "💸": "banknote",
  "🤝": "handshake",
  "🗺️": "map",
  "🗺": "map",
  "⚙️": "settings",
  "⚙": "settings",
  "📞": "phone",
  "🏦": "landmark",
  "📉": "trending-down",
  "🧾": "receipt",
  "📒": "notebook",
  "🎤": "mic",
  "📄": "file-text",
  "🧑‍🤝‍🧑": "users",
  "🔀": "shuffle",
  "🇬🇧": "languages",
  "🇪🇸": "languages",
  "🇯🇵": "languages",
  "🇫🇷": "languages",
  "🎸": "guitar",
  "🎹": "piano",
  "🎛️": "sliders-horizontal",
  "🎛": "sliders-horizontal",
  "🎙️": "mic",
  "🎙": "mic",
  "🥗": "salad",
  "🏋️": "dumbbell",
  "🏋": "dumbbell",
  "🧘": "heart-pulse",
  "😴": "moon",
  "📜": "scroll",
  "©️": "copyright",
  "©": "copyright",
  "🛂": "plane",
  "👔": "briefcase",
};

/**
 * An icon name. Records written with one of the seeded emoji read back as
 * the matching icon, so databases seeded before icons had names keep working.
 */
export const categoryIconSchema = z.preprocess(
  (value) =>
    typeof value === "string"
      ? LEGACY_ICONS[value.trim()] ?? value.trim()
      : value,
  z.enum(CATEGORY_ICONS, "Choose one of the listed icons."),
);

export const categorySchema = z.object({
  id: categorySlugSchema,
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(300),
  icon: categoryIconSchema,
  parentId: categorySlugSchema.nullable(),
  order: z.number().int(),
  retired: z.boolean(),
});

export type Category = z.infer<typeof categorySchema>;
export type CategoryWithChildren = Category & { subcategories: Category[] };

export const categoryWithChildrenSchema = categorySchema.extend({
  subcategories: z.array(categorySchema),
});

export const categoryInputSchema = categorySchema.extend({
  description: categorySchema.shape.description.default(""),
  parentId: categorySchema.shape.parentId.default(null),
  order: categorySchema.shape.order.default(0),
  retired: categorySchema.shape.retired.default(false),
});

export type CategoryInput = z.input<typeof categoryInputSchema>;

function categoryKey(id: string): Deno.KvKey {
  return [...CATEGORY_PREFIX, id];
}

/** Validates a category's fields without touching KV (used by the seed too). */
export function prepareCategory(input: CategoryInput): Category {
  return parseInput(categoryInputSchema, input, "The category is invalid.");
}

/** Adds a category to an atomic operation, checking its slug is still free. */
export function stageCategoryWrite(
  op: Deno.AtomicOperation,
  category: Category,
): Deno.AtomicOperation {
  return op.check({ key: categoryKey(category.id), versionstamp: null })
    .set(categoryKey(category.id), category);
}

/**
 * Creates a category. Subcategories name an existing top-level `parentId`
 * (the tree is two levels deep). Throws ConflictError when the slug is taken.
 */
export async function createCategory(
  kv: Deno.Kv,
  input: CategoryInput,
): Promise<Category> {
  const category = prepareCategory(input);
  return await withLockRetry(async () => {
    if (category.parentId !== null) {
      const parent = await getCategory(kv, category.parentId);
      if (parent === null || parent.parentId !== null) {
        throw new ValidationError("The category is invalid.", {
          parentId: [
            `"${category.parentId}" is not an existing top-level category.`,
          ],
        });
      }
    }
    const result = await stageCategoryWrite(kv.atomic(), category).commit();
    if (!result.ok) {
      throw new ConflictError(
        `A category with id "${category.id}" already exists.`,
      );
    }
    return category;
  });
}

/** The category with this id, or null. Retired categories are returned too. */
export async function getCategory(
  kv: Deno.Kv,
  id: string,
): Promise<Category | null> {
  const entry = await kv.get<Category>(categoryKey(id));
  return entry.value;
}

/**
 * Retires (hides) or restores a category. Retired categories drop out of
 * listings but keep their id, so old links and expert profiles stay valid.
 */
export async function setCategoryRetired(
  kv: Deno.Kv,
  id: string,
  retired: boolean,
): Promise<Category> {
  return await withLockRetry(async () => {
    const entry = await kv.get<Category>(categoryKey(id));
    if (entry.value === null) {
      throw new NotFoundError(`No category with id "${id}".`);
    }
    const updated = { ...entry.value, retired };
    const result = await kv.atomic().check(entry).set(categoryKey(id), updated)
      .commit();
    if (!result.ok) {
      throw new ConflictError(`Category "${id}" changed meanwhile; try again.`);
    }
    return updated;
  });
}

async function readAllCategories(kv: Deno.Kv): Promise<Category[]> {
  const categories: Category[] = [];
  for await (const entry of kv.list<Category>({ prefix: CATEGORY_PREFIX })) {
    categories.push(entry.value);
  }
  return categories;
}

function byOrderThenName(a: Category, b: Category): number {
  return a.order - b.order || a.name.localeCompare(b.name);
}

/**
 * The category tree: top-level categories by `order`, each with its
 * subcategories by `order`. Retired ones (and the children of a retired
 * parent) are left out unless `includeRetired`.
 */
export async function listCategories(
  kv: Deno.Kv,
  opts: { includeRetired?: boolean } = {},
): Promise<CategoryWithChildren[]> {
  const visible = (await readAllCategories(kv)).filter((category) =>
    opts.includeRetired || !category.retired
  );
  const topLevel = visible.filter((category) => category.parentId === null)
    .sort(byOrderThenName);
  return topLevel.map((parent) => ({
    ...parent,
    subcategories: visible.filter((child) => child.parentId === parent.id)
      .sort(byOrderThenName),
  }));
}

/** Every category id, retired ones included (for validation and sitemaps). */
export async function listCategoryIds(kv: Deno.Kv): Promise<string[]> {
  const ids: string[] = [];
  for await (const entry of kv.list({ prefix: CATEGORY_PREFIX })) {
    ids.push(String(entry.key[1]));
  }
  return ids;
}

/** Map of category id → parent id (null for top level), retired included. */
export async function categoryParents(
  kv: Deno.Kv,
): Promise<Map<string, string | null>> {
  const parents = new Map<string, string | null>();
  for (const category of await readAllCategories(kv)) {
    parents.set(category.id, category.parentId);
  }
  return parents;
}

// ---------------------------------------------------------------------------
// Administration

export const categoryChangesSchema = z.strictObject({
  name: categorySchema.shape.name,
  description: categorySchema.shape.description,
  icon: categorySchema.shape.icon,
}).partial();

export type CategoryChanges = z.input<typeof categoryChangesSchema>;

/**
 * Renames a category or changes its description or icon. The id (its URL
 * slug) never changes, so links and expert profiles keep working.
 */
export async function updateCategory(
  kv: Deno.Kv,
  id: string,
  changes: CategoryChanges,
): Promise<Category> {
  const fields = parseInput(
    categoryChangesSchema,
    changes,
    "The category is invalid.",
  );
  return await withLockRetry(async () => {
    const entry = await kv.get<Category>(categoryKey(id));
    if (entry.value === null) {
      throw new NotFoundError(`No category with id "${id}".`);
    }
    const updated = { ...entry.value, ...fields };
    const result = await kv.atomic().check(entry).set(categoryKey(id), updated)
      .commit();
    if (!result.ok) {
      throw new ConflictError(`Category "${id}" changed meanwhile; try again.`);
    }
    return updated;
  });
}

/**
 * Puts the top-level categories (`parentId` null) or one parent's
 * subcategories in the order given. `orderedIds` must list every one of
 * them, retired ones included, exactly once.
 */
export async function reorderCategories(
  kv: Deno.Kv,
  parentId: string | null,
  orderedIds: string[],
): Promise<Category[]> {
  return await withLockRetry(async () => {
    const siblings: Deno.KvEntry<Category>[] = [];
    for await (const entry of kv.list<Category>({ prefix: CATEGORY_PREFIX })) {
      if (entry.value.parentId === parentId) siblings.push(entry);
    }
    const siblingIds = new Set(siblings.map((entry) => entry.value.id));
    if (
      orderedIds.length !== siblingIds.size ||
      new Set(orderedIds).size !== orderedIds.length ||
      orderedIds.some((id) => !siblingIds.has(id))
    ) {
      throw new ValidationError("The order is invalid.", {
        orderedIds: [
          `List each of these exactly once: ${[...siblingIds].join(", ")}.`,
        ],
      });
    }
    const op = kv.atomic();
    const reordered: Category[] = [];
    for (const entry of siblings) {
      const category = {
        ...entry.value,
        order: orderedIds.indexOf(entry.value.id),
      };
      op.check(entry).set(categoryKey(category.id), category);
      reordered.push(category);
    }
    if (!(await op.commit()).ok) {
      throw new ConflictError("The categories changed meanwhile; try again.");
    }
    return reordered.sort(byOrderThenName);
  });
}

/**
 * Ids of the categories a profile may newly choose: not retired, and not
 * under a retired parent. (Profiles keep retired ones they already have.)
 */
export async function activeCategoryIds(kv: Deno.Kv): Promise<Set<string>> {
  const all = await readAllCategories(kv);
  const retired = new Set(
    all.filter((category) => category.retired).map((category) => category.id),
  );
  return new Set(
    all.filter((category) =>
      !retired.has(category.id) &&
      !(category.parentId !== null && retired.has(category.parentId))
    ).map((category) => category.id),
  );
}
