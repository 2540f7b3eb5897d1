/**
 * Expert categories in KV: a two-level tree (top-level categories and their
 * subcategories), small enough to read whole.
 *
 * KV keys
 *   ["categories", id] → Category        id is a URL slug, unique
 *   plus, in every write's atomic, its change times (changes.ts)
 *
 * There is no secondary index: listing reads the whole `["categories"]`
 * prefix (a few dozen records) and builds the tree in memory. Uniqueness of
 * the slug is an atomic check that the primary key is still empty.
 *
 * Changes made by an admin (`by` given) go to the audit log in the same
 * atomic as the change. Retiring a top-level category retires its
 * subcategories with it, each marked retired (never hidden behind a
 * retired parent while claiming to be live); restoring it restores only the
 * category itself, and a subcategory can't be restored under a retired
 * parent.
 */
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import {
  addSecurityEvent,
  type RequestMeta,
  type SecurityEventType,
} from "@/services/platform/audit.ts";
import {
  type Category,
  type CategoryChanges,
  categoryChangesSchema,
  type CategoryInput,
  categoryInputSchema,
  type CategoryWithChildren,
  storedCategorySchema,
} from "./model.ts";
import { stagePublicChange } from "@/services/platform/public_version.ts";
import { rememberedTree } from "./list_memo.ts";
import { readTreeStamp, stageCategoriesChanged } from "./changes.ts";
import { nameTakenBy, nameTakenMessage } from "./names.ts";

export const CATEGORY_PREFIX = ["categories"] as const;

/** Tries at a write that checks the whole tree, before asking to retry. */
const TREE_ATTEMPTS = 5;
const TREE_BUSY =
  "The categories are being changed by someone else right now; try again.";

/** ValidationError (on `name`) when a sibling already has `name`. */
function refuseTakenName(
  all: readonly Category[],
  name: string,
  parentId: string | null,
  exceptId: string | null,
): void {
  const taken = nameTakenBy(all, name, parentId, exceptId);
  if (taken) {
    throw new ValidationError("The category is invalid.", {
      name: [nameTakenMessage(taken)],
    });
  }
}

/** The admin making a change, for the audit log. */
export interface CategoryActor {
  actorId: string;
  meta: Pick<RequestMeta, "ip" | "userAgent">;
}

function logChange(
  op: Deno.AtomicOperation,
  by: CategoryActor | undefined,
  type: SecurityEventType,
  details: Record<string, string>,
): void {
  stagePublicChange(op);
  if (!by) return;
  addSecurityEvent(
    op,
    { type, actorId: by.actorId, userId: null, details },
    by.meta,
  );
}

/**
 * A stored category. Records are only ever written validated, so one that
 * does not parse is damage, reported as such rather than shown half-read.
 */
function readCategory(value: unknown): Category {
  const parsed = storedCategorySchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const id = String((value as { id?: unknown } | null)?.id);
  const problems = parsed.error.issues.map((issue) =>
    `${issue.path.join(".") || "record"}: ${issue.message}`
  );
  throw new Error(
    `Category record ${id} is unreadable (${problems.join("; ")}).`,
  );
}

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
  stagePublicChange(op);
  stageCategoriesChanged(op, [category.id]);
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
  by?: CategoryActor,
): Promise<Category> {
  const category = prepareCategory(input);
  return await withLockRetry(async () => {
    for (let attempt = 0; attempt < TREE_ATTEMPTS; attempt++) {
      const stamp = await readTreeStamp(kv);
      const all = await readAllCategories(kv);
      // The name first: it is what the admin typed, and an id made from a
      // taken name is taken too.
      refuseTakenName(all, category.name, category.parentId, null);
      if (all.some((other) => other.id === category.id)) {
        throw new ConflictError(
          `A category with id "${category.id}" already exists.`,
        );
      }
      if (category.parentId !== null) {
        const parent = all.find((other) => other.id === category.parentId);
        if (!parent || parent.parentId !== null) {
          throw new ValidationError("The category is invalid.", {
            parentId: [
              `"${category.parentId}" is not an existing top-level category.`,
            ],
          });
        }
      }
      const op = stageCategoryWrite(kv.atomic().check(stamp), category);
      logChange(op, by, "category_created", {
        categoryId: category.id,
        name: category.name,
        ...(category.parentId ? { parentId: category.parentId } : {}),
      });
      // A failed commit: the tree changed meanwhile (perhaps this very id);
      // the next attempt reads it again.
      if ((await op.commit()).ok) return category;
    }
    throw new ConflictError(TREE_BUSY);
  });
}

/** The category with this id, or null. Retired categories are returned too. */
export async function getCategory(
  kv: Deno.Kv,
  id: string,
): Promise<Category | null> {
  const { value } = await kv.get(categoryKey(id));
  return value === null ? null : readCategory(value);
}

/**
 * Retires or restores a category. Retired categories leave the public
 * filters and their pages are no longer found, but they keep their id and
 * stay on the profiles that have them; restoring one brings its page back at
 * the same address. Retiring a top-level category retires its subcategories
 * too, in the same atomic. Restoring a subcategory whose parent is retired
 * is a ConflictError.
 */
export async function setCategoryRetired(
  kv: Deno.Kv,
  id: string,
  retired: boolean,
  by?: CategoryActor,
): Promise<Category> {
  return await withLockRetry(async () => {
    const entry = await kv.get(categoryKey(id));
    if (entry.value === null) {
      throw new NotFoundError(`No category with id "${id}".`);
    }
    const current = readCategory(entry.value);
    const updated = { ...current, retired };
    const op = kv.atomic().check(entry).set(categoryKey(id), updated);
    stageCategoriesChanged(op, [id]);
    const details: Record<string, string> = {
      categoryId: id,
      name: current.name,
    };
    if (!retired && current.parentId !== null) {
      const parent = await kv.get(categoryKey(current.parentId));
      op.check(parent);
      if (parent.value !== null && readCategory(parent.value).retired) {
        throw new ConflictError(
          `"${current.name}" is under a retired category; restore that first.`,
        );
      }
    }
    if (retired && current.parentId === null) {
      const children = await liveChildren(kv, id);
      for (const child of children) {
        op.check(child).set(categoryKey(child.value.id), {
          ...child.value,
          retired: true,
        });
        stageCategoriesChanged(op, [child.value.id]);
      }
      if (children.length > 0) {
        details.subcategories = children.map((child) => child.value.id).join(
          ", ",
        );
      }
    }
    logChange(
      op,
      by,
      retired ? "category_retired" : "category_restored",
      details,
    );
    if (!(await op.commit()).ok) {
      throw new ConflictError(`Category "${id}" changed meanwhile; try again.`);
    }
    return updated;
  });
}

/** The subcategories of `parentId` that are not retired, as KV entries. */
async function liveChildren(
  kv: Deno.Kv,
  parentId: string,
): Promise<Deno.KvEntry<Category>[]> {
  const children: Deno.KvEntry<Category>[] = [];
  for await (const entry of kv.list({ prefix: CATEGORY_PREFIX })) {
    const category = readCategory(entry.value);
    if (category.parentId === parentId && !category.retired) {
      children.push({ ...entry, value: category });
    }
  }
  return children;
}

/**
 * What retiring `id` would also retire: its subcategories that are not
 * retired yet (none for a subcategory), so a page can ask first.
 */
export async function subcategoriesRetiredWith(
  kv: Deno.Kv,
  id: string,
): Promise<Category[]> {
  const category = await getCategory(kv, id);
  if (category === null || category.parentId !== null) return [];
  return (await liveChildren(kv, id)).map((entry) => entry.value)
    .sort(byOrderThenName);
}

async function readAllCategories(kv: Deno.Kv): Promise<Category[]> {
  const categories: Category[] = [];
  for await (const entry of kv.list({ prefix: CATEGORY_PREFIX })) {
    categories.push(readCategory(entry.value));
  }
  return categories;
}

function byOrderThenName(a: Category, b: Category): number {
  return a.order - b.order || a.name.localeCompare(b.name);
}

/**
 * The category tree: top-level categories by `order`, each with its
 * subcategories by `order`. Retired ones (and the children of a retired
 * parent) are left out unless `includeRetired`. Remembered per public
 * version (list_memo.ts): most pages list categories.
 */
export function listCategories(
  kv: Deno.Kv,
  opts: { includeRetired?: boolean } = {},
): Promise<CategoryWithChildren[]> {
  const includeRetired = opts.includeRetired ?? false;
  return rememberedTree(
    kv,
    includeRetired,
    () => buildTree(kv, includeRetired),
  );
}

async function buildTree(
  kv: Deno.Kv,
  includeRetired: boolean,
): Promise<CategoryWithChildren[]> {
  const visible = (await readAllCategories(kv)).filter((category) =>
    includeRetired || !category.retired
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

/**
 * Renames a category or changes its description or icon. The id (its URL
 * slug) never changes, so links and expert profiles keep working.
 */
export async function updateCategory(
  kv: Deno.Kv,
  id: string,
  changes: CategoryChanges,
  by?: CategoryActor,
): Promise<Category> {
  const fields = parseInput(
    categoryChangesSchema,
    changes,
    "The category is invalid.",
  );
  return await withLockRetry(async () => {
    const entry = await kv.get(categoryKey(id));
    if (entry.value === null) {
      throw new NotFoundError(`No category with id "${id}".`);
    }
    const current = readCategory(entry.value);
    const updated = { ...current, ...fields };
    const op = kv.atomic().check(entry).set(categoryKey(id), updated);
    // Only a new name is checked: a clash made before names were unique
    // does not stop its categories' other edits.
    if (updated.name !== current.name) {
      const stamp = await readTreeStamp(kv);
      refuseTakenName(
        await readAllCategories(kv),
        updated.name,
        updated.parentId,
        id,
      );
      op.check(stamp);
    }
    stageCategoriesChanged(op, [id]);
    logChange(op, by, "category_changed", {
      categoryId: id,
      name: updated.name,
      fields: Object.keys(fields).join(", "),
    });
    const result = await op.commit();
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
  by?: CategoryActor,
): Promise<Category[]> {
  return await withLockRetry(async () => {
    const siblings: Deno.KvEntry<Category>[] = [];
    for await (const entry of kv.list({ prefix: CATEGORY_PREFIX })) {
      const category = readCategory(entry.value);
      if (category.parentId === parentId) {
        siblings.push({ ...entry, value: category });
      }
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
    // The order shows on the parent's page (and on the category list).
    stageCategoriesChanged(op, parentId === null ? [] : [parentId]);
    logChange(op, by, "categories_reordered", {
      parentId: parentId ?? "(top level)",
      order: orderedIds.join(", "),
    });
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
