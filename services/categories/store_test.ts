import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  activeCategoryIds,
  createCategory,
  getCategory,
  listCategories,
  listCategoryIds,
  reorderCategories,
  setCategoryRetired,
  updateCategory,
} from "./store.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import { addCategories, family } from "@/tests/support/categories.ts";

const design = { id: "design", name: "Design", icon: "palette", order: 2 };
const code = {
  id: "software-engineering",
  name: "Software Engineering",
  icon: "code",
  order: 1,
};

Deno.test("a category is stored under [categories, id] with defaults", async () => {
  using kv = await openTestKv();
  const created = await createCategory(kv, design);
  expect(created).toEqual({
    id: "design",
    name: "Design",
    description: "",
    icon: "palette",
    parentId: null,
    order: 2,
    retired: false,
  });
  expect((await kv.get(["categories", "design"])).value).toEqual(created);
  expect(await getCategory(kv, "design")).toEqual(created);
  expect(await getCategory(kv, "missing")).toBeNull();
});

Deno.test("a duplicate slug is a ConflictError and changes nothing", async () => {
  using kv = await openTestKv();
  await createCategory(kv, design);
  await expect(createCategory(kv, { ...design, name: "Other" })).rejects
    .toThrow(ConflictError);
  expect((await getCategory(kv, "design"))?.name).toBe("Design");
});

Deno.test("concurrent creates of one slug: exactly one wins", async () => {
  using kv = await openTestKv();
  const results = await Promise.allSettled(
    Array.from(
      { length: 5 },
      (_, i) => createCategory(kv, { ...design, name: `D${i}` }),
    ),
  );
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
});

Deno.test("bad slugs and unknown or nested parents are validation errors", async () => {
  using kv = await openTestKv();
  await expect(createCategory(kv, { ...design, id: "Not A Slug" })).rejects
    .toThrow(ValidationError);
  await expect(createCategory(kv, { ...design, id: "ux", parentId: "nope" }))
    .rejects.toThrow(
      ValidationError,
    );
  await createCategory(kv, design);
  await createCategory(kv, {
    id: "ux",
    name: "UX",
    icon: "globe",
    parentId: "design",
  });
  const error = await createCategory(kv, {
    id: "deep",
    name: "Deep",
    icon: "shapes",
    parentId: "ux",
  })
    .catch((e) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect(error.fieldErrors.parentId).toHaveLength(1);
});

Deno.test("listCategories builds the tree in order and hides retired ones", async () => {
  using kv = await openTestKv();
  await createCategory(kv, design);
  await createCategory(kv, code);
  await createCategory(kv, {
    id: "web",
    name: "Web",
    icon: "globe",
    parentId: code.id,
    order: 2,
  });
  await createCategory(kv, {
    id: "mobile",
    name: "Mobile",
    icon: "camera",
    parentId: code.id,
    order: 1,
  });
  await createCategory(kv, {
    id: "old",
    name: "Old",
    icon: "wrench",
    parentId: code.id,
    retired: true,
  });

  const tree = await listCategories(kv);
  expect(tree.map((c) => c.id)).toEqual(["software-engineering", "design"]);
  expect(tree[0].subcategories.map((c) => c.id)).toEqual(["mobile", "web"]);
  expect(tree[1].subcategories).toEqual([]);

  const everything = await listCategories(kv, { includeRetired: true });
  expect(everything[0].subcategories.map((c) => c.id)).toContain("old");

  await setCategoryRetired(kv, "design", true);
  expect((await listCategories(kv)).map((c) => c.id)).toEqual([
    "software-engineering",
  ]);
  expect((await listCategoryIds(kv)).sort()).toEqual(
    ["design", "mobile", "old", "software-engineering", "web"],
  );
});

Deno.test("updateCategory renames without changing the id", async () => {
  using kv = await openTestKv();
  await createCategory(kv, { id: "design", name: "Design", icon: "palette" });
  const renamed = await updateCategory(kv, "design", {
    name: "Design & UX",
    description: "Interfaces and products",
  });
  expect(renamed).toMatchObject({
    id: "design",
    name: "Design & UX",
    icon: "palette",
  });
  expect((await getCategory(kv, "design"))!.name).toBe("Design & UX");
  await expect(updateCategory(kv, "design", { name: "" })).rejects
    .toBeInstanceOf(ValidationError);
  await expect(updateCategory(kv, "design", { id: "x" } as never)).rejects
    .toBeInstanceOf(ValidationError);
  await expect(updateCategory(kv, "nope", { name: "Nope" })).rejects
    .toBeInstanceOf(NotFoundError);
});

Deno.test("reorderCategories orders one level, listing every sibling once", async () => {
  using kv = await openTestKv();
  await addCategories(kv, family("a", "a1", "a2"), family("b"), family("c"));
  await reorderCategories(kv, null, ["c", "a", "b"]);
  await reorderCategories(kv, "a", ["a2", "a1"]);
  const tree = await listCategories(kv);
  expect(tree.map((c) => c.id)).toEqual(["c", "a", "b"]);
  expect(tree[1].subcategories.map((c) => c.id)).toEqual(["a2", "a1"]);
  for (const ids of [["a", "b"], ["a", "b", "c", "c"], ["a", "b", "a1"]]) {
    await expect(reorderCategories(kv, null, ids)).rejects.toBeInstanceOf(
      ValidationError,
    );
  }
});

Deno.test("activeCategoryIds leaves out retired categories and their children", async () => {
  using kv = await openTestKv();
  await addCategories(kv, family("a", "a1"), family("b", "b1"));
  await setCategoryRetired(kv, "a", true);
  await setCategoryRetired(kv, "b1", true);
  expect([...await activeCategoryIds(kv)].sort()).toEqual(["b"]);
  // Retiring "a" retired "a1" with it, openly; restoring is one by one.
  expect((await getCategory(kv, "a1"))?.retired).toBe(true);
  await setCategoryRetired(kv, "a", false);
  expect([...await activeCategoryIds(kv)].sort()).toEqual(["a", "b"]);
  await setCategoryRetired(kv, "a1", false);
  expect([...await activeCategoryIds(kv)].sort()).toEqual(["a", "a1", "b"]);
});

Deno.test("a category read back can be saved back unchanged", async () => {
  using kv = await openTestKv();
  await createCategory(kv, { ...design, description: "Interfaces" });
  const gotten = (await getCategory(kv, "design"))!;
  const { name, description, icon } = gotten;
  expect(await updateCategory(kv, "design", { name, description, icon }))
    .toEqual(gotten);
  expect(await getCategory(kv, "design")).toEqual(gotten);
});

Deno.test("stored emoji icons read back as icon names, so they save back too", async () => {
  using kv = await openTestKv();
  const stored = {
    id: "cooking",
    name: "Cooking",
    description: "",
    parentId: null,
    order: 0,
    retired: false,
  };
  // Written before icons had names: a seeded emoji and one an admin typed.
  await kv.set(["categories", "code"], { ...stored, id: "code", icon: "💻" });
  await kv.set(["categories", "cooking"], { ...stored, icon: "🍳" });
  expect((await getCategory(kv, "code"))!.icon).toBe("code");
  expect((await getCategory(kv, "cooking"))!.icon).toBe("shapes");
  expect((await listCategories(kv)).map((category) => category.icon).sort())
    .toEqual(["code", "shapes"]);

  const gotten = (await getCategory(kv, "cooking"))!;
  const { name, description, icon } = gotten;
  expect(await updateCategory(kv, "cooking", { name, description, icon }))
    .toEqual(gotten);
  expect((await kv.get(["categories", "cooking"])).value).toEqual(gotten);
});

Deno.test("what an admin can get wrong in the category form is said in plain words", async () => {
  using kv = await openTestKv();
  await createCategory(kv, design);
  const messages = async (attempt: Promise<unknown>) => {
    const error = await attempt.catch((e: ValidationError) => e);
    expect(error).toBeInstanceOf(ValidationError);
    return Object.values((error as ValidationError).fieldErrors).flat();
  };
  const said = [
    ...await messages(updateCategory(kv, "design", { name: "   " })),
    ...await messages(
      updateCategory(kv, "design", { description: "x".repeat(301) }),
    ),
    ...await messages(createCategory(kv, { ...code, name: "" })),
    ...await messages(createCategory(kv, { ...code, id: "a".repeat(61) })),
    ...await messages(createCategory(kv, { ...code, name: "x".repeat(81) })),
  ];
  expect(said).toEqual([
    "Give the category a name.",
    "Use at most 300 characters for the description.",
    "Give the category a name.",
    "Use at most 60 characters for the id.",
    "Use at most 80 characters for the name.",
  ]);
});

Deno.test("the remembered tree follows every write at once, and callers get copies", async () => {
  using kv = await openTestKv();
  await createCategory(kv, { id: "music", name: "Music", icon: "music" });
  const first = await listCategories(kv);
  first[0].name = "Changed by a caller";
  expect((await listCategories(kv))[0].name).toBe("Music");
  await updateCategory(kv, "music", { name: "Songs" });
  expect((await listCategories(kv))[0].name).toBe("Songs");
});

Deno.test("two categories in one place may not share a name, even created at once", async () => {
  using kv = await openTestKv();
  await createCategory(kv, design);
  await createCategory(kv, {
    id: "ux",
    name: "User Experience",
    icon: "palette",
    parentId: "design",
  });
  await createCategory(kv, {
    id: "ui",
    name: "Interfaces",
    icon: "palette",
    parentId: "design",
  });
  const refusal = async (write: Promise<unknown>): Promise<string> => {
    const error = await write.catch((error: unknown) => error);
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors.name[0];
  };
  expect(
    await refusal(
      createCategory(kv, { id: "design-2", name: " design ", icon: "code" }),
    ),
  ).toBe(
    'A top-level category is already called "Design" (id "design"); choose another name.',
  );
  expect(
    await refusal(
      createCategory(kv, {
        id: "ux-2",
        name: "user experience",
        icon: "code",
        parentId: "design",
      }),
    ),
  ).toContain('"User Experience"');
  expect(await refusal(updateCategory(kv, "ui", { name: "USER EXPERIENCE" })))
    .toContain('(id "ux")');
  // The same name under another parent, or at the top, is another place.
  await createCategory(kv, {
    id: "ux-top",
    name: "User Experience",
    icon: "code",
  });

  // Two admins creating one name at once: one of them is told.
  const results = await Promise.allSettled(
    ["motion-a", "motion-b"].map((id) =>
      createCategory(kv, { id, name: "Motion", icon: "palette" })
    ),
  );
  expect(results.map((result) => result.status).sort()).toEqual([
    "fulfilled",
    "rejected",
  ]);
  expect(
    (await listCategories(kv)).filter((category) => category.name === "Motion"),
  ).toHaveLength(1);
});
