/**
 * Interests as checkbox chips, grouped under a heading per top-level
 * category: the whole area first ("All of Music"), then its subcategories.
 * Each chip is a real checkbox inside its label (visually hidden, still
 * focusable), so it works without JavaScript and with a keyboard.
 */
import type { CategoryWithChildren } from "@/services/categories/mod.ts";
import { CategoryIcon } from "@/components/CategoryIcon.tsx";
import { Fieldset } from "@/components/form/Field.tsx";

function Chip(
  { id, value, label, checked }: {
    id: string;
    value: string;
    label: string;
    checked: boolean;
  },
) {
  return (
    <label
      for={id}
      class="group inline-flex cursor-pointer items-center gap-1.5 rounded-full border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:border-brand-700 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-700 has-[:checked]:text-white has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-700 has-[:focus-visible]:ring-offset-2"
    >
      <input
        id={id}
        type="checkbox"
        name="interests"
        value={value}
        checked={checked}
        class="sr-only"
      />
      <span aria-hidden="true" class="hidden group-has-[:checked]:inline">
        ✓
      </span>
      {label}
    </label>
  );
}

export function InterestChips(
  { tree, selected, error, max }: {
    tree: CategoryWithChildren[];
    selected: readonly string[];
    error?: string;
    max: number;
  },
) {
  return (
    <Fieldset
      id="interests"
      legend="What do you want to learn?"
      size="base"
      hint={`Choose at least one topic and up to ${max}. "All of" an area covers every topic in it.`}
      error={error}
      class="space-y-5"
    >
      {tree.map((category) => (
        <div key={category.id} class="space-y-2">
          <h3
            id={`interests-${category.id}`}
            class="flex items-center gap-2 font-semibold text-slate-900"
          >
            <CategoryIcon
              icon={category.icon}
              class="h-5 w-5 text-brand-700"
            />
            {category.name}
          </h3>
          <ul
            aria-labelledby={`interests-${category.id}`}
            class="flex flex-wrap gap-2"
          >
            {[category, ...category.subcategories].map((topic) => (
              <li key={topic.id}>
                <Chip
                  id={`interest-${topic.id}`}
                  value={topic.id}
                  label={topic.parentId ? topic.name : `All of ${topic.name}`}
                  checked={selected.includes(topic.id)}
                />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Fieldset>
  );
}
