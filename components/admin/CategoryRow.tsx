/**
 * One category in the admin list (/admin/categories): its icon, name and
 * state, the move, retire and restore buttons, and (for the category being
 * edited) the edit form with the icon choice.
 */
import type { Category } from "@/services/categories/mod.ts";
import { Button } from "@/components/Button.tsx";
import { CategoryIcon } from "@/components/CategoryIcon.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { CategoryIconPicker } from "./CategoryIconPicker.tsx";

/** The edit form's input and errors, when it came back refused. */
export interface CategoryEdit {
  values: { name: string; icon: string; description: string };
  errors: Record<string, string>;
}

/** A hidden-field form posting one category action to /admin/categories. */
function ActionButton(
  { category, action, direction, label, disabled }: {
    category: Category;
    action: "move" | "retire" | "restore";
    direction?: "up" | "down";
    /** The visible words; the category's name is added for screen readers. */
    label: [before: string, after?: string];
    disabled?: boolean;
  },
) {
  return (
    <form method="post" action="/admin/categories">
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="categoryId" value={category.id} />
      {direction && <input type="hidden" name="direction" value={direction} />}
      <Button variant="secondary" disabled={disabled}>
        <span>
          {label[0]}
          <span class="sr-only">{` ${category.name}`}</span>
          {label[1] && ` ${label[1]}`}
        </span>
      </Button>
    </form>
  );
}

/**
 * One category in the admin list: its name and state, up/down buttons,
 * retire or restore, and an "Edit" link that opens the edit form for this
 * category alone (each form holds the full icon choice, so the page shows
 * one at a time). `edit` is set on the category being edited.
 */
export function CategoryRow(
  { category, first, last, edit }: {
    category: Category;
    first: boolean;
    last: boolean;
    edit?: CategoryEdit | null;
  },
) {
  const key = `category-${category.id}`;
  return (
    <div id={key} class="py-3">
      <div class="flex flex-wrap items-center justify-between gap-3">
        <p class="flex min-w-0 flex-wrap items-center gap-x-2 font-semibold text-slate-900">
          <CategoryIcon icon={category.icon} class="h-5 w-5 text-brand-700" />
          <span>{category.name}</span>
          <span class="font-mono text-sm font-normal break-all text-slate-700">
            {category.id}
          </span>
          {category.retired && (
            <span class="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
              Retired
            </span>
          )}
        </p>
        <div class="flex flex-wrap gap-2">
          <ActionButton
            category={category}
            action="move"
            direction="up"
            label={["Move", "up"]}
            disabled={first}
          />
          <ActionButton
            category={category}
            action="move"
            direction="down"
            label={["Move", "down"]}
            disabled={last}
          />
          {category.retired
            ? (
              <ActionButton
                category={category}
                action="restore"
                label={["Restore"]}
              />
            )
            : (
              <ActionButton
                category={category}
                action="retire"
                label={["Retire"]}
              />
            )}
        </div>
      </div>
      {edit ? <EditForm category={category} edit={edit} /> : (
        <a
          href={`/admin/categories?edit=${
            encodeURIComponent(category.id)
          }#${key}`}
          class="mt-2 inline-block text-sm font-semibold text-brand-800 underline"
        >
          Edit {category.name}
        </a>
      )}
    </div>
  );
}

/** Name, description and icon of one category. */
function EditForm(
  { category, edit }: { category: Category; edit: CategoryEdit },
) {
  const key = `category-${category.id}`;
  return (
    <form
      method="post"
      action="/admin/categories"
      noValidate
      aria-label={`Edit ${category.name}`}
      class="mt-3 space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4"
    >
      <input type="hidden" name="action" value="rename" />
      <input type="hidden" name="categoryId" value={category.id} />
      <div class="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${key}-name`}
          name="name"
          label="Name"
          required
          value={edit.values.name}
          error={edit.errors.name}
        />
        <TextField
          id={`${key}-description`}
          name="description"
          label="Description"
          value={edit.values.description}
          error={edit.errors.description}
        />
      </div>
      <CategoryIconPicker
        idPrefix={key}
        value={edit.values.icon}
        error={edit.errors.icon}
      />
      <div class="flex flex-wrap items-center gap-4">
        <Button>Save {category.name}</Button>
        <a
          href={`/admin/categories#${key}`}
          class="text-sm font-semibold text-brand-800 underline"
        >
          Cancel
        </a>
      </div>
    </form>
  );
}
