/**
 * A category's icon: one of the Lucide names in CATEGORY_ICONS, drawn by
 * {@linkcode Icon}; a name the set lacks falls back to the default icon.
 */
import {
  type CategoryIconName,
  DEFAULT_CATEGORY_ICON,
} from "@/services/categories/mod.ts";
import { Icon, iconNodes } from "./Icon.tsx";

export function CategoryIcon(
  { icon, class: className = "h-6 w-6" }: {
    icon: CategoryIconName;
    class?: string;
  },
) {
  const name = iconNodes(icon) ? icon : DEFAULT_CATEGORY_ICON;
  return <Icon name={name} class={className} />;
}
