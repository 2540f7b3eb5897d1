/**
 * Category tiles: one category with its icon and expert count, and the
 * responsive grid of them on the home and category pages.
 */
import type { Category } from "@/services/categories/mod.ts";
import { CategoryIcon } from "./CategoryIcon.tsx";
import { plural } from "@/web/format.ts";

/** Where a category's experts are listed, as a browse filter. */
export function categoryBrowseHref(categoryId: string): string {
  return `/experts?category=${encodeURIComponent(categoryId)}`;
}

/** A category's own page: what it covers, its specialities, its experts. */
export function categoryPageHref(categoryId: string): string {
  return `/categories/${encodeURIComponent(categoryId)}`;
}

/** The index of every category. */
export const CATEGORIES_INDEX_HREF = "/categories";

/**
 * A category tile: icon, name, and how many experts it has. The whole tile
 * is one link.
 */
export function CategoryCard(
  { category, expertCount, href = categoryBrowseHref(category.id) }: {
    category: Category;
    expertCount: number;
    href?: string;
  },
) {
  return (
    <a
      href={href}
      class="flex h-full items-start gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-300 hover:shadow-md"
    >
      <span class="flex h-11 w-11 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-700">
        <CategoryIcon icon={category.icon} class="h-6 w-6" />
      </span>
      <span class="min-w-0">
        <span class="block font-semibold text-slate-900">{category.name}</span>
        <span class="mt-1 block text-sm text-slate-700">
          {expertCount === 0
            ? "New experts coming"
            : plural(expertCount, "expert")}
        </span>
      </span>
    </a>
  );
}

const GRID_COLUMNS = {
  /** The full list, on the home page. */
  4: "sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4",
  /** A handful, such as a category's subcategories. */
  3: "sm:grid-cols-2 lg:grid-cols-3",
} as const;

/**
 * A responsive grid of category tiles. Each tile links to `hrefFor(id)`:
 * by default the category's experts.
 */
export function CategoryGrid(
  { categories, counts, columns = 4, hrefFor = categoryBrowseHref }: {
    categories: Category[];
    counts: Record<string, number>;
    columns?: keyof typeof GRID_COLUMNS;
    hrefFor?: (categoryId: string) => string;
  },
) {
  return (
    <ul class={`grid gap-4 ${GRID_COLUMNS[columns]}`}>
      {categories.map((category) => (
        <li key={category.id}>
          <CategoryCard
            category={category}
            expertCount={counts[category.id] ?? 0}
            href={hrefFor(category.id)}
          />
        </li>
      ))}
    </ul>
  );
}
