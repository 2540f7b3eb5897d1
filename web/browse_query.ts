/**
 * The browse page's query string ⇄ the expert search.
 *
 * The page's URL speaks the visitor's language: prices are US dollars
 * (`maxPrice=80` means $80.00), because that is what the filter form's
 * inputs hold and the form must work as a plain GET without JavaScript.
 * `searchExperts` (and the JSON API) take US cents, so prices are
 * multiplied by 100 here. Experts' rates in other currencies are converted
 * to dollars at approximate reference rates by the search itself.
 *
 * A bad parameter (`minRating=abc`) never fails the page: it is dropped,
 * named in `ignored` so the page can say so, and the rest still apply.
 */
import {
  expertSearchSchema,
  type ParsedExpertSearch,
} from "@/services/experts/mod.ts";
import {
  DEFAULT_SORT,
  expertsHref,
  FILTER_FIELDS,
  type FilterFormValues,
} from "./browse_options.ts";

/** The query parameters the browse page understands, in canonical order. */
export const BROWSE_PARAMS = [...FILTER_FIELDS, "cursor"] as const;

export type BrowseParam = typeof BROWSE_PARAMS[number];

/** How each parameter is named in the "we ignored …" notice. */
export const PARAM_LABELS: Record<BrowseParam, string> = {
  q: "search text",
  category: "category",
  minRating: "minimum rating",
  minPrice: "minimum price",
  maxPrice: "maximum price",
  language: "language",
  available: "availability filter",
  sort: "sort order",
  cursor: "page position",
};

/** What each filter takes, for saying why one was left out. */
export const PARAM_RULES: Record<BrowseParam, string> = {
  q: "at most 100 characters",
  category: "one of the listed categories",
  minRating: "a rating from 0 to 5",
  minPrice: "a whole number of US dollars, 0 or more",
  maxPrice:
    "a whole number of US dollars, 1 or more and not below the minimum price",
  language: "one of the listed languages",
  available: "the box ticked or not",
  sort: "one of the listed orders",
  cursor: "a page link from this site",
};

const CENTS_PER_DOLLAR = 100;

export interface BrowseQuery {
  /** Valid filters, ready for `searchExperts` (prices in US cents). */
  search: ParsedExpertSearch;
  /** What the filter form should show (invalid values left blank). */
  form: FilterFormValues;
  /** The parameters that were present but invalid, and so ignored. */
  ignored: BrowseParam[];
}

/** Parses the browse page's query string; never throws. */
export function parseBrowseQuery(params: URLSearchParams): BrowseQuery {
  const given: Partial<Record<BrowseParam, string>> = {};
  for (const name of BROWSE_PARAMS) {
    const value = params.get(name)?.trim();
    // The no-JS form submits every control, so empty means "not set".
    if (value) given[name] = value;
  }

  const input: Record<string, string> = { ...given };
  for (const price of ["minPrice", "maxPrice"] as const) {
    if (given[price] !== undefined) input[price] = toCents(given[price]);
  }

  const ignored = new Set<BrowseParam>();
  let parsed = expertSearchSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path[0];
      if (isBrowseParam(name) && name in input) ignored.add(name);
    }
    for (const name of ignored) delete input[name];
    parsed = expertSearchSchema.safeParse(input);
  }
  if (!parsed.success) {
    // A rule across fields (say minPrice above maxPrice): start over clean.
    for (const name of Object.keys(given)) ignored.add(name as BrowseParam);
    parsed = expertSearchSchema.safeParse({});
  }
  if (!parsed.success) throw parsed.error; // the empty search is always valid

  const form = {} as FilterFormValues;
  for (const name of FILTER_FIELDS) {
    form[name] = ignored.has(name) ? "" : given[name] ?? "";
  }
  return { search: parsed.data, form, ignored: [...ignored] };
}

/**
 * The browse URL for `search` (as the page shows it: US dollars, default
 * sort omitted, fixed parameter order), so equal searches share one URL.
 */
export function browseHref(
  search: Partial<ParsedExpertSearch>,
  changes: Partial<Record<BrowseParam, string | null>> = {},
): string {
  const values: Partial<Record<BrowseParam, string>> = {
    q: search.q,
    category: search.category,
    minRating: search.minRating?.toString(),
    minPrice: toDollars(search.minPrice),
    maxPrice: toDollars(search.maxPrice),
    language: search.language,
    available: search.available,
    sort: search.sort === DEFAULT_SORT ? undefined : search.sort,
    cursor: search.cursor,
  };
  return expertsHref(BROWSE_PARAMS, { ...values, ...changes });
}

/** True when any filter (not sort or page) is set. */
export function hasFilters(search: Partial<ParsedExpertSearch>): boolean {
  return [
    search.q,
    search.category,
    search.minRating,
    search.minPrice,
    search.maxPrice,
    search.language,
    search.available,
  ].some((value) => value !== undefined && value !== "");
}

function isBrowseParam(name: unknown): name is BrowseParam {
  return (BROWSE_PARAMS as readonly unknown[]).includes(name);
}

/** Dollars to cents: "80" → "8000", "12.5" → "1250"; anything else is passed on to fail validation. */
function toCents(dollars: string): string {
  if (!/^\d+(\.\d{1,2})?$/.test(dollars)) return dollars;
  return String(Math.round(Number(dollars) * CENTS_PER_DOLLAR));
}

/** Cents to dollars for the URL: 8000 → "80", 1250 → "12.5". */
function toDollars(cents: number | undefined): string | undefined {
  if (cents === undefined) return undefined;
  return String(cents / CENTS_PER_DOLLAR);
}
