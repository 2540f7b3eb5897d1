import { define } from "@/web/define.ts";
import {
  type CategoryWithChildren,
  listCategories,
} from "@/services/categories/mod.ts";
import {
  expertsByLanguageCount,
  type ExpertSearchResult,
  type ParsedExpertSearch,
  searchExperts,
} from "@/services/experts/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import ExpertFilters from "@/islands/ExpertFilters.tsx";
import { ExpertFilterForm } from "@/components/browse/ExpertFilterForm.tsx";
import { ButtonLink } from "@/components/Button.tsx";
import { ExpertGrid } from "@/components/ExpertCard.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Pagination } from "@/components/Pagination.tsx";
import { Seo } from "@/components/Seo.tsx";
import { browseIndexing } from "@/components/seo/browse.ts";
import {
  browseHref,
  type BrowseParam,
  hasFilters,
  PARAM_LABELS,
  PARAM_RULES,
  parseBrowseQuery,
} from "@/web/browse_query.ts";
import {
  BROWSE_FILTER_FORM,
  BROWSE_LIVE_REGIONS,
  type FilterFormValues,
} from "@/web/browse_options.ts";
import { plural } from "@/web/format.ts";
import { filterLanguages } from "@/web/languages.ts";

interface BrowseData {
  search: ParsedExpertSearch;
  form: FilterFormValues;
  ignored: BrowseParam[];
  result: ExpertSearchResult;
  categories: CategoryWithChildren[];
  /** The selected category's name, for the heading. */
  categoryName: string | null;
  /** Languages published experts speak. */
  spoken: string[];
}

export const handler = define.handlers<BrowseData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const categories = await listCategories(kv);
    const { search, form, ignored } = parseBrowseQuery(ctx.url.searchParams);

    const categoryName = search.category
      ? findCategoryName(categories, search.category)
      : null;
    if (search.category && categoryName === null) {
      // A well-formed but unknown (or retired) category: say so, show all.
      search.category = undefined;
      form.category = "";
      ignored.push("category");
    }

    // Asked with the search, so one read of the catalogue's version serves
    // both; awaited below (a failure there is the page's error).
    const languages = expertsByLanguageCount(kv);
    languages.catch(() => {});
    let result: ExpertSearchResult;
    try {
      result = await searchExperts(kv, search);
    } catch (error) {
      // A cursor from another search or a tampered one: restart at page one.
      if (!(error instanceof ValidationError) || !search.cursor) throw error;
      search.cursor = undefined;
      ignored.push("cursor");
      result = await searchExperts(kv, search);
    }

    return ctx.render({
      search,
      form,
      ignored,
      result,
      categories,
      categoryName,
      spoken: Object.keys(await languages),
    });
  },
});

function findCategoryName(
  categories: CategoryWithChildren[],
  id: string,
): string | null {
  for (const category of categories) {
    if (category.id === id) return category.name;
    const sub = category.subcategories.find((child) => child.id === id);
    if (sub) return sub.name;
  }
  return null;
}

export default define.page<typeof handler>(function BrowsePage(
  { data, state },
) {
  const { search, form, ignored, result, categories, categoryName, spoken } =
    data;
  const title = categoryName ? `${categoryName} experts` : "Browse experts";
  const filtered = hasFilters(search);
  const { cursor: _cursor, ...firstPage } = search;

  return (
    <>
      <Seo
        title={title}
        description={categoryName
          ? `Book a one-to-one session with vetted ${categoryName} experts on TapTime. Compare prices, skills and experience.`
          : "Browse vetted experts on TapTime. Filter by topic, price and language, then book a one-to-one session."}
        siteUrl={state.siteUrl}
        {...browseIndexing(browseHref(search))}
      />
      <div id={BROWSE_LIVE_REGIONS.header}>
        <PageHeader
          eyebrow="Experts"
          title={title}
          intro="Filter by what you need. Every expert here has been reviewed by our team."
        />
      </div>
      <Container class="py-10">
        <div class="grid gap-8 lg:grid-cols-[18rem_1fr]">
          <aside aria-label="Filters">
            <ExpertFilterForm
              values={form}
              categories={categories}
              languages={filterLanguages(search.language, spoken)}
            />
            <ExpertFilters formId={BROWSE_FILTER_FORM} />
          </aside>

          <section
            id={BROWSE_LIVE_REGIONS.results}
            aria-labelledby="results-heading"
          >
            <h2 id="results-heading" class="sr-only">Results</h2>
            {ignored.length > 0 && (
              <div class="mb-6">
                <Notice tone="info" title="Some filters were left out">
                  <ul class="list-disc space-y-1 pl-5">
                    {ignored.map((name) => (
                      <li key={name}>
                        The {PARAM_LABELS[name]} must be {PARAM_RULES[name]}.
                      </li>
                    ))}
                  </ul>
                  <p class="mt-2">
                    The results leave {ignored.length === 1 ? "it" : "them"}
                    {" "}
                    out.
                  </p>
                </Notice>
              </div>
            )}

            <p class="mb-5 text-slate-700" role="status">
              {resultSummary(result, search)}
            </p>
            {comparesPrices(search) && result.experts.length > 0 && (
              <p class="-mt-3 mb-5 text-sm text-slate-700">
                Each card shows the expert's cheapest session in its own
                currency; to filter and sort by price, it is converted to US
                dollars at approximate rates.
              </p>
            )}
            {comparesAvailability(search) && result.experts.length > 0 && (
              <p class="-mt-3 mb-5 text-sm text-slate-700">
                Free times are checked every few minutes. Each profile shows
                every open slot in your time zone.
              </p>
            )}

            {result.experts.length > 0
              ? (
                <ExpertGrid
                  experts={result.experts}
                  headingLevel="h3"
                  columns={2}
                />
              )
              : <EmptyResults filtered={filtered} />}

            <Pagination
              label="Results pages"
              nextHref={result.nextCursor
                ? browseHref(search, { cursor: result.nextCursor })
                : null}
              firstHref={search.cursor ? browseHref(firstPage) : null}
            />
          </section>
        </div>
      </Container>
    </>
  );
});

function resultSummary(
  result: ExpertSearchResult,
  search: ParsedExpertSearch,
): string {
  if (result.total === 0) return "No experts match these filters.";
  const matching = hasFilters(search) ? " matching your filters" : "";
  if (result.total <= result.experts.length && !search.cursor) {
    return `${plural(result.total, "expert")}${matching}.`;
  }
  return `Showing ${result.experts.length} of ${
    plural(result.total, "expert")
  }${matching}.`;
}

/** True when the results were filtered or ordered by (converted) price. */
function comparesPrices(search: ParsedExpertSearch): boolean {
  return search.minPrice !== undefined || search.maxPrice !== undefined ||
    search.sort === "price_asc" || search.sort === "price_desc";
}

/** True when the results were filtered or ordered by free time. */
function comparesAvailability(search: ParsedExpertSearch): boolean {
  return search.available !== undefined || search.sort === "soonest";
}

function EmptyResults({ filtered }: { filtered: boolean }) {
  return (
    <div class="rounded-xl border border-dashed border-slate-300 bg-slate-50 p-8 text-center">
      <h3 class="text-lg font-semibold text-slate-900">No experts found</h3>
      <p class="mx-auto mt-2 max-w-md text-slate-700">
        {filtered
          ? "Try removing a filter, widening the price range or using fewer search words."
          : "There are no published experts yet. Please check back soon."}
      </p>
      {filtered && (
        <div class="mt-6">
          <ButtonLink href="/experts">
            Clear filters and see all experts
          </ButtonLink>
        </div>
      )}
    </div>
  );
}
