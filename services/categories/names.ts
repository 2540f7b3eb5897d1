/**
 * One name per place in the tree: two top-level categories, or two
 * subcategories of one parent, may not share a name, because visitors pick
 * categories by name (filters, the category list) and could not tell them
 * apart. Names compare as people read them: case, accents' composed forms
 * and runs of spaces aside.
 */
import type { Category } from "./model.ts";

/** A name as compared: "  Web  development" and "web development" match. */
function comparable(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLocaleLowerCase(
    "en",
  );
}

/**
 * The category among `categories` (other than `exceptId`) that already has
 * `name` under `parentId`, or null.
 *
 * @example
 * nameTakenBy(all, "Web Development", "software", "qa"); // the sibling, or null
 */
export function nameTakenBy(
  categories: readonly Category[],
  name: string,
  parentId: string | null,
  exceptId: string | null,
): Category | null {
  const wanted = comparable(name);
  return categories.find((category) =>
    category.id !== exceptId && category.parentId === parentId &&
    comparable(category.name) === wanted
  ) ?? null;
}

/** The message for a name already taken by `other`. */
export function nameTakenMessage(other: Category): string {
  const where = other.parentId === null
    ? "a top-level category"
    : "another subcategory here";
  return `${where[0].toUpperCase()}${
    where.slice(1)
  } is already called "${other.name}" (id "${other.id}"); choose another name.`;
}
