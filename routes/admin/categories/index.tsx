import type { Handlers, PageProps } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import {
  type Category,
  type CategoryWithChildren,
  createCategory,
  listCategories,
  reorderCategories,
  setCategoryRetired,
  updateCategory,
} from "@/services/categories/mod.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormField.tsx";
import { Notice } from "@/components/Notice.tsx";
import { readFields, readForm } from "@/components/forms.ts";
import { Card, HomeShell } from "@/components/account/HomeShell.tsx";
import { formFailure } from "@/components/account/flow.ts";
import { seeOther } from "@/components/account/navigation.ts";
import { Field } from "@/components/expert/controls.tsx";
import { CategoryRow } from "@/components/admin/CategoryRow.tsx";

const CREATE_FIELDS = [
  "id",
  "name",
  "icon",
  "description",
  "parentId",
] as const;
type CreateField = typeof CREATE_FIELDS[number];

interface CategoriesData {
  tree: CategoryWithChildren[];
  values: Record<CreateField, string>;
  errors: Record<string, string>;
  notice: { tone: "success" | "error"; text: string } | null;
}

const DONE: Record<string, string> = {
  created: "The category was created.",
  saved: "The category was saved.",
  moved: "The order was saved.",
  retired: "The category was retired: it left the public filters.",
  restored: "The category is public again.",
};

const EMPTY_VALUES: Record<CreateField, string> = {
  id: "",
  name: "",
  icon: "",
  description: "",
  parentId: "",
};

/** A slug from a name: "Data & AI" → "data-ai". */
function slugFrom(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "").slice(0, 60);
}

/** The category's siblings (same parent) in display order, retired included. */
function siblingsOf(
  tree: CategoryWithChildren[],
  parentId: string | null,
): Category[] {
  if (parentId === null) return tree;
  return tree.find((category) => category.id === parentId)?.subcategories ??
    [];
}

function findCategory(
  tree: CategoryWithChildren[],
  id: string,
): Category | undefined {
  return tree.flatMap((category) => [category, ...category.subcategories])
    .find((category) => category.id === id);
}

/** Moves `id` one place up or down among its siblings. */
async function move(
  kv: Deno.Kv,
  tree: CategoryWithChildren[],
  category: Category,
  direction: "up" | "down",
) {
  const ids = siblingsOf(tree, category.parentId).map((sibling) => sibling.id);
  const from = ids.indexOf(category.id);
  const to = direction === "up" ? from - 1 : from + 1;
  if (to < 0 || to >= ids.length) return;
  [ids[from], ids[to]] = [ids[to], ids[from]];
  await reorderCategories(kv, category.parentId, ids);
}

export const handler: Handlers<CategoriesData, AppState> = {
  async GET(_req, ctx) {
    const done = DONE[ctx.url.searchParams.get("done") ?? ""];
    return ctx.render({
      tree: await listCategories(ctx.state.kv, { includeRetired: true }),
      values: EMPTY_VALUES,
      errors: {},
      notice: done ? { tone: "success", text: done } : null,
    });
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const form = await readForm(req);
    const fields = readFields(form, [
      "action",
      "categoryId",
      "direction",
      ...CREATE_FIELDS,
    ]);
    const tree = await listCategories(kv, { includeRetired: true });
    const values = Object.fromEntries(
      CREATE_FIELDS.map((name) => [name, fields[name]]),
    ) as Record<CreateField, string>;
    const fail = (
      status: number,
      errors: Record<string, string>,
      text: string,
    ) =>
      ctx.render({
        tree,
        values: fields.action === "create" ? values : EMPTY_VALUES,
        errors,
        notice: { tone: "error", text },
      }, { status });

    try {
      if (fields.action === "create") {
        const parentId = fields.parentId || null;
        await createCategory(kv, {
          id: fields.id.trim() || slugFrom(fields.name),
          name: fields.name,
          icon: fields.icon,
          description: fields.description,
          parentId,
          order: siblingsOf(tree, parentId).length,
        });
        return seeOther("/admin/categories?done=created");
      }
      const category = findCategory(tree, fields.categoryId);
      if (!category) return fail(404, {}, "There is no such category.");
      switch (fields.action) {
        case "rename":
          await updateCategory(kv, category.id, {
            name: fields.name,
            icon: fields.icon,
            description: fields.description,
          });
          return seeOther(
            `/admin/categories?done=saved#category-${category.id}`,
          );
        case "move":
          if (fields.direction !== "up" && fields.direction !== "down") break;
          await move(kv, tree, category, fields.direction);
          return seeOther(
            `/admin/categories?done=moved#category-${category.id}`,
          );
        case "retire":
        case "restore":
          await setCategoryRetired(kv, category.id, fields.action === "retire");
          return seeOther(
            `/admin/categories?done=${
              fields.action === "retire" ? "retired" : "restored"
            }#category-${category.id}`,
          );
      }
      return fail(400, {}, "That action isn't available.");
    } catch (error) {
      const failure = formFailure(error);
      const prefix = fields.action === "create" ? "" : `${fields.categoryId}: `;
      return fail(
        failure.status,
        fields.action === "create" ? failure.errors : {},
        failure.message ??
          prefix + (Object.values(failure.errors)[0] ??
              "Please check the form."),
      );
    }
  },
};

/** Category administration: the whole tree, retired ones included. */
export default function AdminCategories(
  { data, state, url }: PageProps<CategoriesData, AppState>,
) {
  const { tree, values, errors, notice } = data;
  const parents = [
    { value: "", label: "None: a top-level category" },
    ...tree.map((category) => ({ value: category.id, label: category.name })),
  ];
  return (
    <HomeShell
      user={state.user!}
      pathname={url.pathname}
      title="Categories"
      siteUrl={state.siteUrl}
    >
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <Card title="All categories" id="categories">
        <p class="text-sm text-slate-700">
          Retired categories stay on the profiles that have them but leave the
          public filters and category pages. Ids never change, so links keep
          working.
        </p>
        {tree.length === 0
          ? <p>No categories yet. Create the first one below.</p>
          : (
            <ol class="divide-y divide-slate-200">
              {tree.map((category, index) => (
                <li key={category.id}>
                  <CategoryRow
                    category={category}
                    first={index === 0}
                    last={index === tree.length - 1}
                  />
                  {category.subcategories.length > 0 && (
                    <ol
                      aria-label={`Subcategories of ${category.name}`}
                      class="mb-3 ml-4 divide-y divide-slate-100 border-l-2 border-slate-200 pl-4"
                    >
                      {category.subcategories.map((child, childIndex) => (
                        <li key={child.id}>
                          <CategoryRow
                            category={child}
                            first={childIndex === 0}
                            last={childIndex ===
                              category.subcategories.length - 1}
                          />
                        </li>
                      ))}
                    </ol>
                  )}
                </li>
              ))}
            </ol>
          )}
      </Card>
      <Card title="Create a category" id="create">
        <form
          method="post"
          action="/admin/categories"
          noValidate
          class="space-y-4"
        >
          <input type="hidden" name="action" value="create" />
          <FormErrorSummary errors={errors} />
          <div class="grid gap-4 sm:grid-cols-2">
            <Field
              id="new-name"
              name="name"
              label="Name"
              required
              value={values.name}
              error={errors.name}
            />
            <Field
              id="new-id"
              name="id"
              label="Id (URL slug)"
              value={values.id}
              error={errors.id}
              hint="Lowercase letters, digits and hyphens. Made from the name when left empty; it cannot change later."
            />
            <Field
              id="new-icon"
              name="icon"
              label="Icon (an emoji)"
              required
              value={values.icon}
              error={errors.icon}
            />
            <Field
              id="new-parent"
              name="parentId"
              label="Parent category"
              type="select"
              required
              options={parents}
              value={values.parentId}
              error={errors.parentId}
            />
          </div>
          <Field
            id="new-description"
            name="description"
            label="Description"
            value={values.description}
            error={errors.description}
          />
          <Button>Create category</Button>
        </form>
      </Card>
    </HomeShell>
  );
}
