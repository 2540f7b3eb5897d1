/**
 * Category administration over HTTP: create (refused input kept), rename
 * with an icon from the set, reorder, retire, and who may use it.
 */
import { expect } from "expect";
import { signInAdmin, signUp } from "@/tests/support/auth.ts";
import { createAppWithCategories, page, postForm } from "./page_helpers.ts";

Deno.test("admin categories: create (errors keep input), rename, reorder, retire", async () => {
  await using app = await createAppWithCategories();
  const admin = await signInAdmin(app, { twoFactor: true });
  const list = await page(admin, "/admin/categories");
  expect(list.status).toBe(200);
  expect(list.text).toContain("UX research");

  const bad = await postForm(admin, "/admin/categories", {
    action: "create",
    name: "Cooking",
    id: "Not A Slug!",
    icon: "salad",
    description: "",
    parentId: "",
  });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain('value="Cooking"');

  const created = await postForm(admin, "/admin/categories", {
    action: "create",
    name: "Cooking",
    id: "",
    icon: "salad",
    description: "Food and kitchens",
    parentId: "",
  });
  expect(created.status).toBe(303);
  const duplicate = await postForm(admin, "/admin/categories", {
    action: "create",
    name: "Cooking",
    id: "cooking",
    icon: "salad",
    description: "",
    parentId: "",
  });
  expect(duplicate.status).toBe(409);

  expect(
    (await postForm(admin, "/admin/categories", {
      action: "rename",
      categoryId: "music",
      name: "Music and audio",
      icon: "music",
      description: "",
    })).status,
  ).toBe(303);
  expect(
    (await postForm(admin, "/admin/categories", {
      action: "move",
      categoryId: "cooking",
      direction: "up",
    })).status,
  ).toBe(303);
  expect(
    (await postForm(admin, "/admin/categories", {
      action: "retire",
      categoryId: "design",
    })).status,
  ).toBe(303);
  const after = await page(admin, "/admin/categories");
  expect(after.text).toContain("Music and audio");
  expect(after.text.indexOf("Cooking")).toBeLessThan(
    after.text.indexOf("Music and audio"),
  );
  expect(after.text).toContain("Retired");
  expect((await page(app.client(), "/categories/design")).status).toBe(404);

  // Experts and learners are turned away.
  const expert = await signUp(app, "expert");
  expect((await page(expert, "/admin/categories")).status).toBe(403);
});
