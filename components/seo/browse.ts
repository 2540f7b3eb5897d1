/**
 * How search engines should treat a browse URL, so each list of experts is
 * indexed once: `/experts` is itself; filtered by exactly one category it is
 * that category's page; any other variant (a search, a sort, a price
 * filter, a later page) is kept out of the index but its links followed, so
 * the profiles it lists are still found.
 */
import { categoryPageHref } from "@/components/CategoryCard.tsx";

export interface Indexing {
  /** The canonical path, or the page's own when it is not indexed. */
  path: string;
  noindex?: "follow";
}

/** `href` is the browse URL in canonical form (`browseHref(search)`). */
export function browseIndexing(href: string): Indexing {
  const url = new URL(href, "http://x");
  const params = [...url.searchParams.keys()];
  if (params.length === 0) return { path: url.pathname };
  const category = url.searchParams.get("category");
  if (params.length === 1 && category) {
    return { path: categoryPageHref(category) };
  }
  return { path: href, noindex: "follow" };
}
