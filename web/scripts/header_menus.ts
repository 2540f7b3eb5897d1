/**
 * The header's menus (the folded navigation and the account menu) are
 * `<details>` elements, so they open and close without JavaScript. With it,
 * they also behave as menus do: Escape closes the open one and returns the
 * focus to its button, a click or tap outside closes it, and opening one
 * closes the other (two open menus overlapped on a phone).
 */

/** The attribute marking a header menu. */
export const MENU_ATTRIBUTE = "data-menu";

/** Makes every `details[data-menu]` in `doc` close as a menu does. */
export function closeMenusLikeMenus(doc: Document): void {
  const menus = () => [
    ...doc.querySelectorAll<HTMLDetailsElement>(`details[${MENU_ATTRIBUTE}]`),
  ];
  for (const menu of menus()) {
    menu.addEventListener("toggle", () => {
      if (!menu.open) return;
      for (const other of menus()) if (other !== menu) other.open = false;
    });
  }
  doc.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const menu of menus()) {
      if (!menu.open) continue;
      menu.open = false;
      menu.querySelector("summary")?.focus();
    }
  });
  doc.addEventListener("click", (event) => {
    const target = event.target as Node;
    for (const menu of menus()) {
      if (menu.open && !menu.contains(target)) menu.open = false;
    }
  });
}
