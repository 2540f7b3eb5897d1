/**
 * Category administration: list every category (retired ones too), create
 * one (or a subcategory), and rename, describe, move or retire one. A
 * retired category (and, for a top-level one, its subcategories with it)
 * leaves the public filters but stays on the profiles that
 * have it. Only admins with 2FA get here.
 */
import { z } from "zod";
import { adminWithTwoFactor } from "@/auth/policy.ts";
import {
  type Category,
  type CategoryActor,
  createCategory,
  getCategory,
  listCategories,
  reorderCategories,
  setCategoryRetired,
  updateCategory,
} from "@/services/categories/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { ApiError } from "@/api/errors.ts";
import {
  categoryCreateBodySchema,
  categoryPatchBodySchema,
} from "@/api/expert_schemas.ts";
import { type ApiApp, type ApiContext, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc, idParam, json, jsonBody } from "@/api/route.ts";
import { category, categoryTree } from "@/api/schemas.ts";

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

/** The category `id` (retired or not), or a 404 naming the id. */
async function existingCategory(kv: Deno.Kv, id: string): Promise<Category> {
  const found = await getCategory(kv, id);
  if (found === null) {
    throw new ApiError(404, "not_found", `No category with id "${id}".`);
  }
  return found;
}

const categoryResponse = z.object({ category });

const listRoute = defineRoute({
  method: "get",
  path: "/admin/categories",
  operationId: "adminListCategories",
  summary: "Every category, retired ones included",
  "x-access": adminWithTwoFactor,
  responses: {
    200: json("The category tree.", z.object({ categories: categoryTree })),
  },
});

const createRoute = defineRoute({
  method: "post",
  path: "/admin/categories",
  operationId: "adminCreateCategory",
  summary: "Create a category, or a subcategory with parentId",
  description: "It goes last among its siblings.",
  "x-access": adminWithTwoFactor,
  request: { body: jsonBody(categoryCreateBodySchema) },
  responses: {
    201: json("Created.", categoryResponse),
    409: errorDoc("A category already has this id (error: conflict)."),
  },
});

const updateRoute = defineRoute({
  method: "patch",
  path: "/admin/categories/{id}",
  operationId: "adminUpdateCategory",
  summary: "Rename, describe, move, retire or restore a category",
  description:
    "The id (its URL) never changes. A retired category leaves public filters and its page is no longer found, but it stays on the profiles that have it. Retiring a top-level category retires its subcategories too; a subcategory can't be restored while its parent is retired (409). Every change is recorded in the audit log.",
  "x-access": adminWithTwoFactor,
  request: {
    params: z.object({ id: idParam("category", "The category's id (slug).") }),
    body: jsonBody(categoryPatchBodySchema),
  },
  responses: {
    200: json("Updated.", categoryResponse),
    404: errorDoc("No category has this id."),
    409: errorDoc(
      "The category changed meanwhile, or it is a subcategory being restored under a retired parent (error: conflict).",
    ),
  },
});

/** The admin making the change, for the audit log. */
function actor(c: ApiContext): CategoryActor {
  return { actorId: currentUser(c).id, meta: c.env.meta };
}

/** Defines /api/admin/categories* on `api`. */
export function categoryAdminRoutes(api: ApiApp): void {
  api.openapi(listRoute, async (c) => {
    const categories = await listCategories(c.env.kv, { includeRetired: true });
    return c.json({ categories }, 200);
  });

  api.openapi(createRoute, async (c) => {
    const body = c.req.valid("json");
    const id = body.id ?? slugFromName(body.name);
    if (id === "") {
      throw new ValidationError("The category is invalid.", {
        id: ["Give an id (URL slug): the name has no letters or digits."],
      });
    }
    const parentId = body.parentId ?? null;
    const siblings = await siblingsOf(c.env.kv, parentId);
    const created = await createCategory(c.env.kv, {
      ...body,
      id,
      parentId,
      // New categories go last among their siblings.
      order: Math.max(-1, ...siblings.map((sibling) => sibling.order)) + 1,
    }, actor(c));
    return c.json({ category: created }, 201);
  });

  api.openapi(updateRoute, async (c) => {
    const { id } = c.req.valid("param");
    const existing = await existingCategory(c.env.kv, id);
    const { order, retired, ...texts } = c.req.valid("json");
    if (Object.keys(texts).length > 0) {
      await updateCategory(c.env.kv, id, texts, actor(c));
    }
    if (retired !== undefined && retired !== existing.retired) {
      await setCategoryRetired(c.env.kv, id, retired, actor(c));
    }
    if (order !== undefined) {
      const ids = (await siblingsOf(c.env.kv, existing.parentId))
        .map((sibling) => sibling.id).filter((sibling) => sibling !== id);
      ids.splice(Math.min(order, ids.length), 0, id);
      await reorderCategories(c.env.kv, existing.parentId, ids, actor(c));
    }
    return c.json({ category: await existingCategory(c.env.kv, id) }, 200);
  });
}
