/**
 * The categories index lists every live top-level category with its
 * specialities and expert counts, and is reachable from the footer, the
 * home page's category tiles and profiles (which link category pages).
 */
import { expect } from "expect";
import { listCategories } from "@/services/categories/mod.ts";
import {
  expertsByCategoryCount,
  featuredExperts,
} from "@/services/experts/mod.ts";
import { plural } from "@/web/format.ts";
import { createTestApp, type TestApp } from "@/tests/support/helpers.ts";

async function html(app: TestApp, path: string) {
  const response = await app.fetch(
    new Request(`http://localhost:8000${path}`),
  );
  return { status: response.status, text: await response.text() };
}

Deno.test("/categories lists categories, their specialities and expert counts", async () => {
  await using app = await createTestApp();
  const { status, text } = await html(app, "/categories");
  expect(status).toBe(200);
  expect(text).toContain("<title>All categories · TapTime</title>");
  const categories = await listCategories(app.kv);
  const counts = await expertsByCategoryCount(app.kv);
  expect(categories.length).toBeGreaterThan(0);
  for (const category of categories) {
    expect(text).toContain(`href="/categories/${category.id}"`);
    for (const sub of category.subcategories) {
      expect(text).toContain(`href="/categories/${sub.id}"`);
    }
  }
  const [first] = categories;
  const count = counts[first.id] ?? 0;
  expect(text).toContain(
    count === 0 ? "No experts yet" : plural(count, "expert"),
  );
});

Deno.test("the footer and the home tiles link to /categories", async () => {
  await using app = await createTestApp();
  for (const path of ["/about", "/faq"]) {
    const footer = (await html(app, path)).text.match(
      /<footer[\s\S]*<\/footer>/,
    )![0];
    expect(footer).toContain('href="/categories"');
  }
  const home = (await html(app, "/")).text;
  const tiles = home.slice(home.indexOf('id="categories"'));
  expect(tiles.slice(0, tiles.indexOf("</section>"))).toMatch(
    /href="\/categories"[^>]*>\s*All categories/,
  );
});

Deno.test("a profile links its categories to their category pages", async () => {
  await using app = await createTestApp();
  const [expert] = await featuredExperts(app.kv, 1);
  const { text } = await html(app, `/experts/${expert.id}`);
  expect(expert.categoryIds.length).toBeGreaterThan(0);
  expect(text).toContain(`href="/categories/${expert.categoryIds[0]}"`);
});
