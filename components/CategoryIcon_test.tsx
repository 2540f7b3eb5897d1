import { expect } from "expect";
import { renderToString } from "preact-render-to-string";
import { CATEGORY_ICONS } from "@/services/categories/mod.ts";
import { CategoryIcon } from "./CategoryIcon.tsx";
import { iconNodes } from "./Icon.tsx";

Deno.test("every category icon name is drawn from the Lucide set", () => {
  const missing = CATEGORY_ICONS.filter((icon) => iconNodes(icon) === null);
  expect(missing).toEqual([]);
});

Deno.test("an unknown icon name has no shapes", () => {
  expect(iconNodes("no-such-icon")).toBeNull();
});

Deno.test("a category icon is decorative inline SVG", () => {
  const html = renderToString(<CategoryIcon icon="code" class="h-8 w-8" />);
  expect(html).toMatch(/^<svg [^>]*aria-hidden="true"/);
  expect(html).toContain('class="shrink-0 h-8 w-8"');
  expect(html).toContain('stroke="currentColor"');
  expect(html).toContain("<path");
  expect(html.match(/<svg/g)?.length).toBe(1);
});
