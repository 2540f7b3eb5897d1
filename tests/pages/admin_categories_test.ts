/**
 * Category administration over HTTP: create (refused input kept), rename
 * with an icon from the set, reorder, retire, and who may use it.
 */
import { expect } from "expect";
import { signInAdmin, signUp } from "@/tests/support/auth.ts";
import { createAppWithCategories, page, postForm } from "./page_helpers.ts";
import { getCategory, listCategories } from "@/services/categories/mod.ts";
import { listSecurityEvents } from "@/services/auth/mod.ts";

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
  // The id taken under another name.
  const duplicate = await postForm(admin, "/admin/categories", {
    action: "create",
    name: "Cookery",
    id: "cooking",
    icon: "salad",
    description: "",
    parentId: "",
  });
  expect(duplicate.status).toBe(409);
  // Another id, the same name in the same place: refused by name.
  const sameName = await postForm(admin, "/admin/categories", {
    action: "create",
    name: "cooking",
    id: "cooking-2",
    icon: "salad",
    description: "",
    parentId: "",
  });
  expect(sameName.status).toBe(400);
  expect(await sameName.text()).toContain("is already called");
  // A name with nothing to make an id from asks for one.
  const noSlug = await postForm(admin, "/admin/categories", {
    action: "create",
    name: "日本語",
    id: "",
    icon: "salad",
    description: "",
    parentId: "",
  });
  expect(noSlug.status).toBe(400);
  expect(await noSlug.text()).toContain(
    "The name has no Latin letters or digits to make an id from",
  );

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
      confirm: "yes",
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

Deno.test("admin categories: retiring a parent asks first, then retires its subcategories openly and logs it", async () => {
  await using app = await createAppWithCategories();
  const admin = await signInAdmin(app, { twoFactor: true });
  const asked = await postForm(admin, "/admin/categories", {
    action: "retire",
    categoryId: "design",
  });
  expect(asked.status).toBe(200);
  const question = await asked.text();
  expect(question).toContain("Retire Design?");
  expect(question).toContain("UX research");
  expect((await getCategory(app.kv, "design"))?.retired).toBe(false);
  expect((await page(app.client(), "/categories/ux-research")).status).toBe(
    200,
  );

  const done = await postForm(admin, "/admin/categories", {
    action: "retire",
    categoryId: "design",
    confirm: "yes",
  });
  expect(done.status).toBe(303);
  expect((await getCategory(app.kv, "ux-research"))?.retired).toBe(true);
  expect((await page(app.client(), "/categories/design")).status).toBe(404);
  expect((await page(app.client(), "/categories/ux-research")).status).toBe(
    404,
  );
  const list = await page(admin, "/admin/categories");
  expect(list.text).not.toContain("links keep working");
  expect(list.text).toContain("their pages are no longer found");

  // A subcategory can't come back under a retired parent.
  const early = await postForm(admin, "/admin/categories", {
    action: "restore",
    categoryId: "ux-research",
  });
  expect(early.status).toBe(409);
  expect(await early.text()).toContain("restore that first");
  for (const id of ["design", "ux-research"]) {
    expect(
      (await postForm(admin, "/admin/categories", {
        action: "restore",
        categoryId: id,
      })).status,
    ).toBe(303);
  }
  expect(
    (await listCategories(app.kv)).find((top) => top.id === "design")
      ?.subcategories.map((child) => child.id),
  ).toEqual(["ux-research"]);

  const { events } = await listSecurityEvents(app.kv, {
    actorId: admin.user!.id,
  });
  const logged = events.filter((event) => event.type.startsWith("categor"))
    .map((event) => [event.type, event.details.categoryId]);
  expect(logged).toEqual([
    ["category_restored", "ux-research"],
    ["category_restored", "design"],
    ["category_retired", "design"],
  ]);
  expect(
    events.find((event) => event.type === "category_retired")?.details
      .subcategories,
  ).toBe("ux-research");
  const audit = await page(admin, "/admin/audit");
  expect(audit.text).toContain("Category retired");
});
