import type { CategoryWithChildren } from "@/services/categories/mod.ts";
import { Checkbox, FieldGroup } from "./controls.tsx";

/**
 * Category checkboxes grouped by top-level category, its subcategories
 * under it. Used by the expertise step, the live profile and onboarding.
 */
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
    <FieldGroup id={name} legend={legend} hint={hint} error={error}>
      <div class="grid gap-4 sm:grid-cols-2">
        {tree.map((category) => (
          <div key={category.id} class="rounded-lg border border-slate-200 p-3">
            <Checkbox
              id={`${name}-${category.id}`}
              name={name}
              value={category.id}
              checked={selected.includes(category.id)}
              label={
                <span class="font-semibold">
                  <span aria-hidden="true">{category.icon}</span>{" "}
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
    </FieldGroup>
  );
}
