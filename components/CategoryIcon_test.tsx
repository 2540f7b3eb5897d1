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

Deno.test("icons with numbered attributes (x1, y2) are drawn too", () => {
  // circle-alert's lines carry x1/y1/x2/y2: every error notice shows it.
  for (const name of ["circle-alert", "circle-check", "info"]) {
    const nodes = iconNodes(name);
    expect({ name, drawn: (nodes?.length ?? 0) > 0 }).toEqual({
      name,
      drawn: true,
    });
  }
  const html = renderToString(<CategoryIcon icon="chart-column" />);
  expect(html).toContain("<path");
});
