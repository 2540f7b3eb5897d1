import { nothingToSlugFrom, slugFrom } from "@/web/slugs.ts";
import { define } from "@/web/define.ts";
import {
  type Category,
  type CategoryActor,
  type CategoryWithChildren,
  createCategory,
  DEFAULT_CATEGORY_ICON,
  listCategories,
  reorderCategories,
  setCategoryRetired,
  subcategoriesRetiredWith,
  updateCategory,
} from "@/services/categories/mod.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { requireUser } from "@/web/user.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import { SelectField, TextField } from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import { readFields, readForm } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";
import {
  type CategoryEdit,
  CategoryRow,
} from "@/components/admin/CategoryRow.tsx";
import { CategoryIconPicker } from "@/components/admin/CategoryIconPicker.tsx";

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
  /** The category whose edit form is open (`?edit=`, or a refused save). */
  editing: { id: string; edit: CategoryEdit } | null;
  /** A parent about to be retired with its live subcategories: ask first. */
  confirmRetire: { category: Category; subcategories: Category[] } | null;
}

const DONE: Record<string, string> = {
  created: "The category was created.",
  saved: "The category was saved.",
  moved: "The order was saved.",
  retired:
    "The category was retired: it left the public filters and its page is no longer found.",
  restored: "The category is public again.",
};

const EMPTY_VALUES: Record<CreateField, string> = {
  id: "",
  name: "",
  icon: DEFAULT_CATEGORY_ICON,
  description: "",
  parentId: "",
};

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
  by: CategoryActor,
) {
  const ids = siblingsOf(tree, category.parentId).map((sibling) => sibling.id);
  const from = ids.indexOf(category.id);
  const to = direction === "up" ? from - 1 : from + 1;
  if (to < 0 || to >= ids.length) return;
  [ids[from], ids[to]] = [ids[to], ids[from]];
  await reorderCategories(kv, category.parentId, ids, by);
}

export const handler = define.handlers<CategoriesData>({
  async GET(_req, ctx) {
    const done = DONE[ctx.url.searchParams.get("done") ?? ""];
    const tree = await listCategories(ctx.state.kv, { includeRetired: true });
    const editing = findCategory(tree, ctx.url.searchParams.get("edit") ?? "");
    return ctx.render({
      tree,
      values: EMPTY_VALUES,
      errors: {},
      notice: done ? { tone: "success", text: done } : null,
      editing: editing
        ? {
          id: editing.id,
          edit: {
            values: {
              name: editing.name,
              icon: editing.icon,
              description: editing.description,
            },
            errors: {},
          },
        }
        : null,
      confirmRetire: null,
    });
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const form = await readForm(req);
    const fields = readFields(form, [
      "action",
      "categoryId",
      "direction",
      "confirm",
      ...CREATE_FIELDS,
    ]);
    const by: CategoryActor = {
      actorId: requireUser(ctx.state).id,
      meta: requestMeta(ctx),
    };
    const tree = await listCategories(kv, { includeRetired: true });
    const values = Object.fromEntries(
      CREATE_FIELDS.map((name) => [name, fields[name]]),
    ) as Record<CreateField, string>;
    const creating = fields.action === "create";
    const renaming = fields.action === "rename";
    const fail = (
      status: number,
      errors: Record<string, string>,
      text: string,
    ) =>
      ctx.render({
        tree,
        values: creating ? values : EMPTY_VALUES,
        errors: creating ? errors : {},
        notice: { tone: "error", text },
        // A refused save keeps its form open, with the input and errors.
        editing: renaming && findCategory(tree, fields.categoryId)
          ? {
            id: fields.categoryId,
            edit: {
              values: {
                name: fields.name,
                icon: fields.icon,
                description: fields.description,
              },
              errors,
            },
          }
          : null,
        confirmRetire: null,
      }, { status });

    try {
      if (creating) {
        const parentId = fields.parentId || null;
        const id = fields.id.trim() || slugFrom(fields.name);
        if (id === "" && fields.name.trim() !== "") {
          return fail(400, {
            id: nothingToSlugFrom("name", "an id"),
          }, "The category was not created; see the form below.");
        }
        await createCategory(kv, {
          id,
          name: fields.name,
          icon: fields.icon,
          description: fields.description,
          parentId,
          order: siblingsOf(tree, parentId).length,
        }, by);
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
          }, by);
          return seeOther(
            `/admin/categories?done=saved#category-${category.id}`,
          );
        case "move":
          if (fields.direction !== "up" && fields.direction !== "down") break;
          await move(kv, tree, category, fields.direction, by);
          return seeOther(
            `/admin/categories?done=moved#category-${category.id}`,
          );
        case "retire":
        case "restore": {
          const retiring = fields.action === "retire";
          const subcategories = retiring
            ? await subcategoriesRetiredWith(kv, category.id)
            : [];
          if (subcategories.length > 0 && fields.confirm !== "yes") {
            return ctx.render({
              tree,
              values: EMPTY_VALUES,
              errors: {},
              notice: null,
              editing: null,
              confirmRetire: { category, subcategories },
            });
          }
          await setCategoryRetired(kv, category.id, retiring, by);
          return seeOther(
            `/admin/categories?done=${
              fields.action === "retire" ? "retired" : "restored"
            }#category-${category.id}`,
          );
        }
      }
      return fail(400, {}, "That action isn't available.");
    } catch (error) {
      const failure = formFailure(error);
      const named = findCategory(tree, fields.categoryId)?.name;
      const prefix = creating || !named ? "" : `“${named}”: `;
      return fail(
        failure.status,
        failure.errors,
        failure.message ??
          prefix + (Object.values(failure.errors)[0] ??
              "Please check the form."),
      );
    }
  },
});

/** Category administration: the whole tree, retired ones included. */
export default define.page<typeof handler>(function AdminCategories(
  { data },
) {
  const { tree, values, errors, notice, editing, confirmRetire } = data;
  const editFor = (category: Category) =>
    editing?.id === category.id ? editing.edit : null;
  const parents = [
    { value: "", label: "None: a top-level category" },
    ...tree.map((category) => ({ value: category.id, label: category.name })),
  ];
  return (
    <>
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      {confirmRetire && <ConfirmRetire {...confirmRetire} />}
      <Card title="All categories" id="categories">
        <p class="text-sm text-slate-700">
          Retired categories stay on the profiles that have them, but they leave
          the public filters and their pages are no longer found. Retiring a
          category retires its subcategories too. Ids never change, so restoring
          a category brings its page back at the same address; restore its
          subcategories one by one.
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
                    edit={editFor(category)}
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
                            edit={editFor(child)}
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
            <TextField
              id="new-name"
              name="name"
              label="Name"
              required
              value={values.name}
              error={errors.name}
            />
            <TextField
              id="new-id"
              name="id"
              label="Id (URL slug)"
              value={values.id}
              error={errors.id}
              hint="Lowercase letters, digits and hyphens. Made from the name when left empty; it cannot change later."
            />
            <SelectField
              id="new-parent"
              name="parentId"
              label="Parent category"
              options={parents}
              value={values.parentId}
              error={errors.parentId}
            />
            <TextField
              id="new-description"
              name="description"
              label="Description"
              value={values.description}
              error={errors.description}
            />
          </div>
          <CategoryIconPicker
            idPrefix="new"
            value={values.icon}
            error={errors.icon}
          />
          <Button>Create category</Button>
        </form>
      </Card>
    </>
  );
});

/** Asks before retiring a category together with its live subcategories. */
function ConfirmRetire(
  { category, subcategories }: {
    category: Category;
    subcategories: Category[];
  },
) {
  return (
    <Card title={`Retire ${category.name}?`} id="confirm-retire">
      <p class="text-slate-800">
        Retiring {category.name} also retires its {subcategories.length}{" "}
        {subcategories.length === 1 ? "subcategory" : "subcategories"}:{" "}
        {subcategories.map((child) => child.name).join(", ")}. They leave the
        public filters and their pages are no longer found; profiles keep them.
      </p>
      <div class="mt-4 flex flex-wrap gap-3">
        <form method="post" action="/admin/categories">
          <input type="hidden" name="action" value="retire" />
          <input type="hidden" name="categoryId" value={category.id} />
          <input type="hidden" name="confirm" value="yes" />
          <Button>Retire {category.name} and its subcategories</Button>
        </form>
        <a
          href={`/admin/categories#category-${category.id}`}
          class="self-center font-semibold text-brand-800 underline"
        >
          Cancel
        </a>
      </div>
    </Card>
  );
}
