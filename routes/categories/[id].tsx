import { define } from "@/web/define.ts";
import { CategoryIcon } from "@/components/CategoryIcon.tsx";
import {
  type Category,
  getCategory,
  listCategories,
} from "@/services/categories/mod.ts";
import {
  expertsByCategoryCount,
  type ExpertSearchResult,
  searchExperts,
} from "@/services/experts/mod.ts";
import { ButtonLink } from "@/components/Button.tsx";
// Category pages link to each other; the browse page is for filtering.
import {
  categoryBrowseHref,
  CategoryGrid,
  categoryPageHref,
} from "@/components/CategoryCard.tsx";
import { ExpertGrid } from "@/components/ExpertCard.tsx";
import { PageHeader, Section } from "@/components/Layout.tsx";
import { Seo } from "@/components/Seo.tsx";
import { categoryShareImage } from "@/web/share_cards.ts";
import { plural } from "@/web/format.ts";

/** How many experts the category page shows before "see all". */
const CATEGORY_PAGE_EXPERTS = 9;

interface CategoryData {
  category: Category;
  parent: Category | null;
  subcategories: Category[];
  counts: Record<string, number>;
  result: ExpertSearchResult;
}

export const handler = define.handlers<CategoryData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const category = await getCategory(kv, ctx.params.id);
    if (!category || category.retired) return ctx.renderNotFound();

    // listCategories leaves out retired categories and their children.
    const tree = await listCategories(kv);
    const parent = category.parentId
      ? tree.find((top) => top.id === category.parentId) ?? null
      : null;
    if (category.parentId && !parent) return ctx.renderNotFound();
    const subcategories = tree.find((top) =>
      top.id === category.id
    )?.subcategories ?? [];

    const [counts, result] = await Promise.all([
      expertsByCategoryCount(kv),
      searchExperts(kv, {
        category: category.id,
        limit: CATEGORY_PAGE_EXPERTS,
      }),
    ]);
    return ctx.render({ category, parent, subcategories, counts, result });
  },
});

export default define.page<typeof handler>(function CategoryPage(
  { data, state },
) {
  const { category, parent, subcategories, counts, result } = data;
  return (
    <>
      <Seo
        title={`${category.name} experts`}
        description={`${category.description} Book a one-to-one session with a vetted ${category.name} expert on TapTime.`}
        siteUrl={state.siteUrl}
        path={categoryPageHref(category.id)}
        image={categoryShareImage(category, parent)}
      />
      <PageHeader
        eyebrow={parent ? parent.name : "Category"}
        title={category.name}
        icon={
          <CategoryIcon
            icon={category.icon}
            class="h-8 w-8 text-brand-700 sm:h-9 sm:w-9"
          />
        }
        intro={category.description}
      >
        {parent && (
          <p class="mt-4">
            <a
              href={categoryPageHref(parent.id)}
              class="font-medium text-brand-800 underline hover:text-brand-950"
            >
              <span aria-hidden="true">←</span> All of {parent.name}
            </a>
          </p>
        )}
      </PageHeader>

      {subcategories.length > 0 && (
        <Section
          id="subcategories"
          title="Specialities"
          intro={`Narrow down within ${category.name}.`}
        >
          <CategoryGrid
            categories={subcategories}
            counts={counts}
            columns={3}
            hrefFor={categoryPageHref}
          />
        </Section>
      )}

      <Section
        id="experts"
        tone={subcategories.length > 0 ? "muted" : "white"}
        title={`${category.name} experts`}
        intro={result.total > 0
          ? `${plural(result.total, "vetted expert")} ready to help.`
          : undefined}
      >
        {result.experts.length > 0
          ? <ExpertGrid experts={result.experts} />
          : (
            <p class="text-slate-700">
              No experts are listed in {category.name}{" "}
              yet. In the meantime, browse experts in other fields.
            </p>
          )}
        <div class="mt-8 flex flex-wrap gap-3">
          {result.total > result.experts.length && (
            <ButtonLink href={categoryBrowseHref(category.id)}>
              See all {plural(result.total, "expert")}{" "}
              <span aria-hidden="true">→</span>
            </ButtonLink>
          )}
          <ButtonLink href="/experts" variant="secondary">
            Browse all experts
          </ButtonLink>
        </div>
      </Section>
    </>
  );
});
