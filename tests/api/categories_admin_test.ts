/**
 * Category administration over HTTP: create, rename, reorder, retire, and
 * what retiring means for profiles and public filters. Every answer is
 * checked against the OpenAPI document.
 */
import { expect } from "expect";
import { signUp } from "@/tests/support/auth.ts";
import { approvedExpert, withCategories } from "./support.ts";

Deno.test("category administration: create, rename, reorder, retire", async () => {
  const { app, admin } = await withCategories();
  await using _app = app;

  const created = await admin.api("POST", "/api/admin/categories", {
    name: "Café Business",
    icon: "lightbulb",
    description: "Running a café.",
  });
  expect(created.status).toBe(201);
  expect(created.body.category).toMatchObject({
    id: "cafe-business",
    parentId: null,
    order: 2,
    retired: false,
  });
  expect(
    (await admin.api("POST", "/api/admin/categories", {
      name: "Cafe business",
      icon: "lightbulb",
    })).status,
  ).toBe(409);
  for (
    const body of [
      { name: "No icon" },
      { name: "Orphan", icon: "shapes", parentId: "nowhere" },
      { name: "Too deep", icon: "shapes", parentId: "machine-learning" },
      { name: "!!!", icon: "shapes" },
      { id: "Bad Slug!", name: "Bad", icon: "shapes" },
    ]
  ) {
    const answer = await admin.api("POST", "/api/admin/categories", body);
    expect({ body, status: answer.status }).toEqual({ body, status: 400 });
  }

  const renamed = await admin.api("PATCH", "/api/admin/categories/data", {
    name: "Data & AI",
  });
  expect(renamed.status).toBe(200);
  expect(renamed.body.category).toMatchObject({
    id: "data",
    name: "Data & AI",
  });

  const moved = await admin.api(
    "PATCH",
    "/api/admin/categories/cafe-business",
    {
      order: 0,
    },
  );
  expect(moved.status).toBe(200);
  const publicIds = async () =>
    (await app.client().api("GET", "/api/categories")).body.categories.map((
      c: { id: string },
    ) => c.id);
  expect(await publicIds()).toEqual(["cafe-business", "data", "design"]);

  const retired = await admin.api("PATCH", "/api/admin/categories/design", {
    retired: true,
  });
  expect(retired.body.category.retired).toBe(true);
  expect(await publicIds()).toEqual(["cafe-business", "data"]);
  const everything = await admin.api("GET", "/api/admin/categories");
  expect(everything.body.categories.map((c: { id: string }) => c.id))
    .toEqual(["cafe-business", "data", "design"]);
  await admin.api("PATCH", "/api/admin/categories/design", { retired: false });
  expect(await publicIds()).toContain("design");

  expect(
    (await admin.api("PATCH", "/api/admin/categories/nope", { name: "X" }))
      .status,
  ).toBe(404);
  expect(
    (await admin.api("PATCH", "/api/admin/categories/data", { slug: "x" }))
      .status,
  ).toBe(400);
  expect(
    (await admin.api("PATCH", "/api/admin/categories/data", { name: "" }))
      .status,
  ).toBe(400);
  const expert = await signUp(app, "expert");
  expect(
    (await expert.api("POST", "/api/admin/categories", {
      name: "Mine",
      icon: "shapes",
    })).status,
  ).toBe(403);
});

Deno.test("retiring a category keeps it on profiles but out of the public filters", async () => {
  const { app, admin } = await withCategories();
  await using _app = app;
  const expert = await approvedExpert(app, admin);
  await admin.api("PATCH", "/api/admin/categories/machine-learning", {
    retired: true,
  });
  const shown = await app.client().api(
    "GET",
    `/api/experts/${expert.user!.id}`,
  );
  expect(shown.body.expert.categoryIds).toEqual(["machine-learning"]);
  const tree = await app.client().api("GET", "/api/categories");
  const data = tree.body.categories.find((c: { id: string }) =>
    c.id === "data"
  );
  expect(data.subcategories).toEqual([]);
});
