/**
 * The categories index: every top-level category with its specialities and
 * how many experts each has, each linking to its own category page.
 */
import { define } from "@/web/define.ts";
import {
  type CategoryWithChildren,
  listCategories,
} from "@/services/categories/mod.ts";
import { expertsByCategoryCount } from "@/services/experts/mod.ts";
import { ButtonLink } from "@/components/Button.tsx";
import {
  CATEGORIES_INDEX_HREF,
  categoryPageHref,
} from "@/components/CategoryCard.tsx";
import { CategoryIcon } from "@/components/CategoryIcon.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Seo } from "@/components/Seo.tsx";
import { plural } from "@/web/format.ts";

interface CategoriesData {
  /** Live categories only: listCategories leaves out retired ones. */
  categories: CategoryWithChildren[];
  counts: Record<string, number>;
}

export const handler = define.handlers<CategoriesData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const [categories, counts] = await Promise.all([
      listCategories(kv),
      expertsByCategoryCount(kv),
    ]);
    return ctx.render({ categories, counts });
  },
});

/** "12 experts", or a plain note when a category has none yet. */
function expertCountLabel(count: number): string {
  return count === 0 ? "No experts yet" : plural(count, "expert");
}

export default define.page<typeof handler>(function CategoriesPage(
  { data, state },
) {
  const { categories, counts } = data;
  return (
    <>
      <Seo
        title="All categories"
        description="Every topic you can book a one-to-one session on at TapTime, with its specialities and how many vetted experts teach it."
        siteUrl={state.siteUrl}
        path={CATEGORIES_INDEX_HREF}
      />
      <PageHeader
        eyebrow="Categories"
        title="All categories"
        intro="Every topic on TapTime, with its specialities and how many experts teach each one."
      />
      <Container class="py-10">
        {categories.length === 0
          ? <p class="text-slate-700">No categories are listed yet.</p>
          : (
            <ul class="grid gap-6 md:grid-cols-2">
              {categories.map((category) => (
                <li
                  key={category.id}
                  class="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
                >
                  <h2 class="flex items-start gap-3">
                    <span class="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-700">
                      <CategoryIcon icon={category.icon} class="h-6 w-6" />
                    </span>
                    <span class="min-w-0">
                      <a
                        href={categoryPageHref(category.id)}
                        class="text-lg font-semibold text-slate-900 underline decoration-slate-300 hover:text-brand-900 hover:decoration-brand-700"
                      >
                        {category.name}
                      </a>
                      <span class="block text-sm font-normal text-slate-700">
                        {expertCountLabel(counts[category.id] ?? 0)}
                      </span>
                    </span>
                  </h2>
                  {category.subcategories.length > 0 && (
                    <ul class="mt-4 space-y-1">
                      {category.subcategories.map((sub) => (
                        <li
                          key={sub.id}
                          class="flex flex-wrap items-baseline justify-between gap-x-3"
                        >
                          <a
                            href={categoryPageHref(sub.id)}
                            class="inline-block py-1 font-medium text-brand-800 underline hover:text-brand-950"
                          >
                            {sub.name}
                          </a>
                          <span class="text-sm text-slate-700">
                            {expertCountLabel(counts[sub.id] ?? 0)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        <div class="mt-10">
          <ButtonLink href="/experts" variant="secondary">
            Browse all experts
          </ButtonLink>
        </div>
      </Container>
    </>
  );
});
