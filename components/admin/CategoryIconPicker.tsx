/**
 * The icon choice of the admin category forms: every icon of the set as a
 * radio tile (the icon and its name), in a fieldset. Native radios, so
 * arrow keys move through the choices and screen readers announce each
 * icon's name; the tile shows the focus ring and the chosen state.
 */
import {
  CATEGORY_ICONS,
  type CategoryIconName,
} from "@/services/categories/mod.ts";
import { CategoryIcon } from "@/components/CategoryIcon.tsx";
import { Fieldset } from "@/components/form/Field.tsx";

/** "chart-column" → "chart column". */
function iconLabel(icon: CategoryIconName): string {
  return icon.replaceAll("-", " ");
}

export function CategoryIconPicker(
  { idPrefix, value, error }: {
    /** Keeps ids unique when several forms are on the page. */
    idPrefix: string;
    /** The chosen icon name (or what was posted); nothing chosen when unknown. */
    value: string;
    error?: string;
  },
) {
  const id = `${idPrefix}-icon`;
  return (
    <Fieldset id={id} legend="Icon" error={error}>
      <div class="grid grid-cols-3 gap-2 min-[420px]:grid-cols-4 sm:grid-cols-6 xl:grid-cols-8">
        {CATEGORY_ICONS.map((icon) => (
          <label
            key={icon}
            for={`${id}-${icon}`}
            class="flex cursor-pointer flex-col items-center gap-1 rounded-lg border border-slate-300 bg-white px-1 py-2 text-center text-xs text-slate-800 hover:border-brand-400 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:checked]:ring-1 has-[:checked]:ring-brand-700 has-[:checked]:font-semibold has-[:checked]:text-brand-900 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-700"
          >
            <input
              id={`${id}-${icon}`}
              type="radio"
              name="icon"
              value={icon}
              checked={icon === value}
              class="sr-only"
            />
            <CategoryIcon icon={icon} class="h-6 w-6" />
            <span class="break-words">{iconLabel(icon)}</span>
          </label>
        ))}
      </div>
    </Fieldset>
  );
}
