/**
 * Category icons are inline SVG from the icon set wherever a category shows
 * (home page tiles, category pages, the admin list), never emoji, and the
 * admin forms offer the icons as a choice.
 */
import { expect } from "expect";
import { CATEGORY_ICONS } from "@/services/categories/mod.ts";
import { createTestApp } from "@/tests/support/helpers.ts";
import { signInAdmin } from "@/tests/support/auth.ts";
import { createAppWithCategories, page, postForm } from "./page_helpers.ts";

/** Pictographic emoji (💻 🎨 …), as the seed data once stored them. */
const EMOJI = /[\u{1F300}-\u{1FAFF}]/u;

Deno.test("category tiles and pages draw their icon as decorative SVG", async () => {
  await using app = await createTestApp();
  const home = await (await app.fetch(new Request("http://localhost:8000/")))
    .text();
  const tiles = [
    ...home.matchAll(/<a href="\/experts\?category=[^"]*"[\s\S]*?<\/a>/g),
  ]
    .map((match) => match[0]);
  expect(tiles.length).toBeGreaterThan(5);
  for (const tile of tiles) {
    expect(/<svg [^>]*aria-hidden="true"[^>]*><(path|circle|rect) /.test(tile))
      .toBe(true);
    expect(EMOJI.test(tile)).toBe(false);
  }
  const category = await (await app.fetch(
    new Request("http://localhost:8000/categories/software-engineering"),
  )).text();
  const heading = category.match(/<h1[\s\S]*?<\/h1>/)![0];
  expect(/<h1[^>]*><svg [^>]*aria-hidden="true"/.test(heading)).toBe(true);
  expect(EMOJI.test(heading)).toBe(false);
});

Deno.test("admins choose a category's icon from the set", async () => {
  await using app = await createAppWithCategories();
  const admin = await signInAdmin(app, { twoFactor: true });

  // The create form offers every icon, the default chosen.
  const list = await page(admin, "/admin/categories");
  expect(EMOJI.test(list.text)).toBe(false);
  for (const icon of CATEGORY_ICONS) {
    expect(list.text).toContain(`id="new-icon-${icon}"`);
  }
  expect(/id="new-icon-shapes"[^>]*checked/.test(list.text)).toBe(true);
  // Edit forms open one at a time, from a link.
  expect(list.text).toContain(
    'href="/admin/categories?edit=music#category-music"',
  );
  expect(list.text).not.toContain('id="category-music-icon-music"');

  const editing = await page(admin, "/admin/categories?edit=music");
  expect(/id="category-music-icon-music"[^>]*checked/.test(editing.text)).toBe(
    true,
  );

  // An icon outside the set is refused beside the icon choice, input kept.
  const refused = await postForm(admin, "/admin/categories", {
    action: "rename",
    categoryId: "music",
    name: "Music and audio",
    icon: "🎵x",
    description: "",
  });
  expect(refused.status).toBe(400);
  const html = await refused.text();
  expect(html).toContain('value="Music and audio"');
  expect(html).toContain('id="category-music-icon-error"');
  expect(html).toContain("Choose one of the listed icons.");

  const saved = await postForm(admin, "/admin/categories", {
    action: "rename",
    categoryId: "music",
    name: "Music",
    icon: "guitar",
    description: "",
  });
  expect(saved.status).toBe(303);
  const after = await page(admin, "/admin/categories?edit=music");
  expect(/id="category-music-icon-guitar"[^>]*checked/.test(after.text)).toBe(
    true,
  );
});
