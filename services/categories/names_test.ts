import { expect } from "expect";
import type { Category } from "./model.ts";
import { nameTakenBy, nameTakenMessage } from "./names.ts";

const category = (
  id: string,
  name: string,
  parentId: string | null = null,
): Category => ({
  id,
  name,
  parentId,
  description: "",
  icon: "code",
  order: 0,
  retired: false,
} as unknown as Category);

const tree = [
  category("software", "Software Engineering"),
  category("design", "Design"),
  category("web", "Web Development", "software"),
  category("qa", "Quality Assurance", "software"),
  category("web-design", "Web Design", "design"),
];

Deno.test("a name is taken by a sibling, whatever its case and spacing", () => {
  expect(nameTakenBy(tree, "software  engineering ", null, null)?.id).toBe(
    "software",
  );
  expect(nameTakenBy(tree, "quality assurance", "software", null)?.id).toBe(
    "qa",
  );
  // Renaming one subcategory to its sibling's name.
  expect(nameTakenBy(tree, "Web Development", "software", "qa")?.id).toBe(
    "web",
  );
});

Deno.test("the same name elsewhere in the tree, or a category's own, is free", () => {
  expect(nameTakenBy(tree, "Web Development", "design", null)).toBeNull();
  expect(nameTakenBy(tree, "Web Design", null, null)).toBeNull();
  expect(nameTakenBy(tree, "web development", "software", "web")).toBeNull();
});

Deno.test("the message names the category that has it", () => {
  expect(nameTakenMessage(tree[0])).toBe(
    'A top-level category is already called "Software Engineering" (id "software"); choose another name.',
  );
  expect(nameTakenMessage(tree[2])).toBe(
    'Another subcategory here is already called "Web Development" (id "web"); choose another name.',
  );
});
