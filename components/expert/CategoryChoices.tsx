/**
 * Category checkboxes grouped by top-level category, its subcategories
 * under it. Used by the expertise step and the live profile.
 */
import type { CategoryWithChildren } from "@/services/categories/mod.ts";
import { CategoryIcon } from "@/components/CategoryIcon.tsx";
import { Fieldset } from "@/components/form/Field.tsx";
import { Checkbox } from "@/components/form/inputs.tsx";

export function CategoryChoices(
  { tree, selected, name = "categoryIds", legend, hint, error }: {
    tree: CategoryWithChildren[];
    selected: string[];
    name?: string;
    legend: string;
    hint?: string;
    error?: string;
  },
) {
  return (
    <Fieldset id={name} legend={legend} hint={hint} error={error}>
      <div class="grid gap-4 sm:grid-cols-2">
        {tree.map((category) => (
          <div key={category.id} class="rounded-lg border border-slate-200 p-3">
            <Checkbox
              id={`${name}-${category.id}`}
              name={name}
              value={category.id}
              checked={selected.includes(category.id)}
              label={
                <span class="inline-flex items-center gap-1.5 font-semibold">
                  <CategoryIcon
                    icon={category.icon}
                    class="h-4 w-4 text-brand-700"
                  />
                  {category.name}
                </span>
              }
            />
            {category.subcategories.length > 0 && (
              <div class="ml-6">
                {category.subcategories.map((child) => (
                  <Checkbox
                    key={child.id}
                    id={`${name}-${child.id}`}
                    name={name}
                    value={child.id}
                    checked={selected.includes(child.id)}
                    label={child.name}
                  />
                ))}
              </div>
            )}
          </div>
        ))}
      </div>
    </Fieldset>
  );
}
