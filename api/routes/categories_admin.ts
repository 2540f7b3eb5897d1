/**
 * Category administration: list every category (retired ones too), create
 * one (or a subcategory), and rename, describe, move or retire one. A
 * retired category leaves the public filters but stays on the profiles that
 * have it. The access table allows only admins with 2FA.
 */
import type { Hono } from "hono";
import {
  type Category,
  createCategory,
  getCategory,
  listCategories,
  reorderCategories,
  setCategoryRetired,
  updateCategory,
} from "@/services/categories/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { ApiError } from "@/api/errors.ts";
import { type ApiEnv, readBody } from "@/api/http.ts";
import {
  categoryCreateBodySchema,
  categoryPatchBodySchema,
} from "@/api/schemas.ts";
import { pathId } from "./expert.ts";

/** A URL slug from a name: "Data & AI" → "data-ai", "Café" → "cafe". */
export function slugFromName(name: string): string {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    .slice(0, 60).replace(/-+$/, "");
}

/** Every category with `parentId` (retired included), in display order. */
async function siblingsOf(
  kv: Deno.Kv,
  parentId: string | null,
): Promise<Category[]> {
  const tree = await listCategories(kv, { includeRetired: true });
  if (parentId === null) return tree.map(({ subcategories: _, ...top }) => top);
  return tree.find((top) => top.id === parentId)?.subcategories ?? [];
}

/** Registers /api/admin/categories* on `api`. */
export function categoryAdminRoutes(api: Hono<ApiEnv>): void {
  api.get("/admin/categories", async (c) => {
    const categories = await listCategories(c.env.kv, { includeRetired: true });
    return c.json({ categories });
  });

  api.post("/admin/categories", async (c) => {
    const body = await readBody(c, categoryCreateBodySchema);
    const id = body.id?.trim() || slugFromName(body.name);
    if (id === "") {
      throw new ValidationError("The category is invalid.", {
        id: ["Give an id (URL slug): the name has no letters or digits."],
      });
    }
    const parentId = body.parentId ?? null;
    const siblings = await siblingsOf(c.env.kv, parentId);
    const category = await createCategory(c.env.kv, {
      ...body,
      id,
      parentId,
      // New categories go last among their siblings.
      order: Math.max(-1, ...siblings.map((sibling) => sibling.order)) + 1,
    });
    return c.json({ category }, 201);
  });

  api.patch("/admin/categories/:id", async (c) => {
    const id = pathId(c, "id", "category");
    const existing = await getCategory(c.env.kv, id);
    if (existing === null) {
      throw new ApiError(404, "not_found", `No category with id "${id}".`);
    }
    const { order, retired, ...texts } = await readBody(
      c,
      categoryPatchBodySchema,
    );
    if (Object.keys(texts).length > 0) {
      await updateCategory(c.env.kv, id, texts);
    }
    if (retired !== undefined && retired !== existing.retired) {
      await setCategoryRetired(c.env.kv, id, retired);
    }
    if (order !== undefined) {
      const ids = (await siblingsOf(c.env.kv, existing.parentId))
        .map((sibling) => sibling.id).filter((sibling) => sibling !== id);
      ids.splice(Math.min(order, ids.length), 0, id);
      await reorderCategories(c.env.kv, existing.parentId, ids);
    }
    return c.json({ category: await getCategory(c.env.kv, id) });
  });
}
