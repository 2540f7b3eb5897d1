/**
 * The browse filters' fixed choices. This module has no imports because the
 * ExpertFilters island ships it to the browser: keep it that way.
 */

export const SORT_OPTIONS = [
  { value: "relevance", label: "Best match" },
  { value: "rating", label: "Highest rated" },
  { value: "price_asc", label: "Price: low to high" },
  { value: "price_desc", label: "Price: high to low" },
  { value: "newest", label: "Newest" },
  { value: "soonest", label: "Soonest available" },
] as const;

/** The availability filter: one window, a checkbox that sends this value. */
export const AVAILABLE_SOON = {
  value: "7d",
  label: "Available in the next 7 days",
} as const;

/** The id of the browse page's filter form, which the island takes. */
export const BROWSE_FILTER_FORM = "expert-filters";

/**
 * The parts of the browse page that follow the filters, by element id. The
 * island swaps these in from the server's page for the new URL, so the form
 * (and the visitor's focus and caret) stays where it is.
 */
export const BROWSE_LIVE_REGIONS = {
  header: "browse-header",
  results: "browse-results",
  /** How many filters are on, beside the folded filters' "Filters". */
  filterCount: "browse-filter-count",
} as const;

export const DEFAULT_SORT = "relevance";

export const MIN_RATING_OPTIONS = [
  { value: "4.5", label: "4.5 and up" },
  { value: "4", label: "4.0 and up" },
  { value: "3.5", label: "3.5 and up" },
  { value: "3", label: "3.0 and up" },
] as const;

/** The filter form's controls, in the order they appear in URLs. */
export const FILTER_FIELDS = [
  "q",
  "category",
  "minRating",
  "minPrice",
  "maxPrice",
  "language",
  "available",
  "sort",
] as const;

export type FilterField = typeof FILTER_FIELDS[number];

/** The filter form's values, as the strings its controls hold. */
export type FilterFormValues = Record<FilterField, string>;

/**
 * `/experts` with the given values as query parameters in the order of
 * `names`, leaving empty ones out. The island and the server both build
 * browse URLs through here, so equal filters always give one shareable URL.
 */
export function expertsHref<Name extends string>(
  names: readonly Name[],
  values: Partial<Record<Name, string | null>>,
): string {
  const params = new URLSearchParams();
  for (const name of names) {
    const value = values[name];
    if (value) params.set(name, value);
  }
  const query = params.toString();
  return query ? `/experts?${query}` : "/experts";
}

/** The browse URL for the form's values; the default sort is left out. */
export function filtersHref(values: Partial<FilterFormValues>): string {
  const trimmed: Partial<FilterFormValues> = {};
  for (const name of FILTER_FIELDS) trimmed[name] = values[name]?.trim();
  if (trimmed.sort === DEFAULT_SORT) delete trimmed.sort;
  return expertsHref(FILTER_FIELDS, trimmed);
}
