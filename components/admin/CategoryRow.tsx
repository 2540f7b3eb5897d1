import type { Category } from "@/services/categories/mod.ts";
import { Button } from "@/components/Button.tsx";
import { Field } from "@/components/expert/controls.tsx";

/** A hidden-field form posting one category action to /admin/categories. */
function ActionButton(
  { category, action, direction, label, disabled }: {
    category: Category;
    action: "move" | "retire" | "restore";
    direction?: "up" | "down";
    label: string;
    disabled?: boolean;
  },
) {
  return (
    <form method="post" action="/admin/categories">
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="categoryId" value={category.id} />
      {direction && <input type="hidden" name="direction" value={direction} />}
      <Button variant="secondary" disabled={disabled}>{label}</Button>
    </form>
  );
}

/**
 * One category in the admin list: its name and state, up/down buttons,
 * retire or restore, and an "Edit" disclosure holding the rename form.
 */
export function CategoryRow(
  { category, first, last }: {
    category: Category;
    first: boolean;
    last: boolean;
  },
) {
  const key = `category-${category.id}`;
  return (
    <div id={key} class="py-3">
      <div class="flex flex-wrap items-center justify-between gap-3">
        <p class="font-semibold text-slate-900">
          <span aria-hidden="true">{category.icon}</span> {category.name}{" "}
          <span class="font-mono text-sm font-normal text-slate-700">
            {category.id}
          </span>
          {category.retired && (
            <span class="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
              Retired
            </span>
          )}
        </p>
        <div class="flex flex-wrap gap-2">
          <ActionButton
            category={category}
            action="move"
            direction="up"
            label={`Move ${category.name} up`}
            disabled={first}
          />
          <ActionButton
            category={category}
            action="move"
            direction="down"
            label={`Move ${category.name} down`}
            disabled={last}
          />
          {category.retired
            ? (
              <ActionButton
                category={category}
                action="restore"
                label={`Restore ${category.name}`}
              />
            )
            : (
              <ActionButton
                category={category}
                action="retire"
                label={`Retire ${category.name}`}
              />
            )}
        </div>
      </div>
      <details class="mt-2">
        <summary class="cursor-pointer text-sm font-semibold text-brand-800 underline">
          Edit {category.name}
        </summary>
        <form
          method="post"
          action="/admin/categories"
          noValidate
          class="mt-3 grid gap-3 sm:grid-cols-[2fr_1fr_3fr_auto] sm:items-end"
        >
          <input type="hidden" name="action" value="rename" />
          <input type="hidden" name="categoryId" value={category.id} />
          <Field
            id={`${key}-name`}
            name="name"
            label="Name"
            required
            value={category.name}
          />
          <Field
            id={`${key}-icon`}
            name="icon"
            label="Icon"
            required
            value={category.icon}
          />
          <Field
            id={`${key}-description`}
            name="description"
            label="Description"
            value={category.description}
          />
          <Button>Save</Button>
        </form>
      </details>
    </div>
  );
}
