import { expect } from "expect";
import { browseHref, hasFilters, parseBrowseQuery } from "./browse_query.ts";
import { filtersHref } from "./browse_options.ts";

Deno.test("parseBrowseQuery converts US-dollar prices to the cents search takes", () => {
  const { search, form, ignored } = parseBrowseQuery(
    new URLSearchParams("minPrice=20&maxPrice=80.5&sort=price_asc"),
  );
  expect(search.minPrice).toBe(2000);
  expect(search.maxPrice).toBe(8050);
  expect(search.sort).toBe("price_asc");
  expect(form.maxPrice).toBe("80.5");
  expect(ignored).toEqual([]);
});

Deno.test("parseBrowseQuery drops only the invalid parameters and names them", () => {
  const { search, form, ignored } = parseBrowseQuery(
    new URLSearchParams("minRating=abc&maxPrice=-5&q=react&language=en"),
  );
  expect(ignored.sort()).toEqual(["maxPrice", "minRating"]);
  expect(search.minRating).toBeUndefined();
  expect(search.maxPrice).toBeUndefined();
  expect(search.q).toBe("react");
  expect(search.language).toBe("en");
  expect(form.minRating).toBe("");
  expect(form.q).toBe("react");
});

Deno.test("parseBrowseQuery treats the no-JS form's empty fields as unset", () => {
  const { search, ignored } = parseBrowseQuery(
    new URLSearchParams(
      "q=&category=&minPrice=&maxPrice=&minRating=&language=&sort=relevance",
    ),
  );
  expect(ignored).toEqual([]);
  expect(hasFilters(search)).toBe(false);
});

Deno.test("parseBrowseQuery rejects a minimum price above the maximum", () => {
  const { search, ignored } = parseBrowseQuery(
    new URLSearchParams("minPrice=100&maxPrice=50"),
  );
  expect(ignored).toContain("maxPrice");
  expect(search.minPrice).toBe(10000);
  expect(search.maxPrice).toBeUndefined();
});

Deno.test("browseHref writes whole units, fixed order, no default sort", () => {
  const { search } = parseBrowseQuery(
    new URLSearchParams("sort=relevance&maxPrice=80&category=design&q=ux"),
  );
  expect(browseHref(search)).toBe(
    "/experts?q=ux&category=design&maxPrice=80",
  );
  expect(browseHref(search, { cursor: "abc", q: null })).toBe(
    "/experts?category=design&maxPrice=80&cursor=abc",
  );
  expect(browseHref({})).toBe("/experts");
});

Deno.test("filtersHref (the island's URL) matches browseHref for the same filters", () => {
  const query = "q=ux&category=design&maxPrice=80&sort=rating";
  const { search, form } = parseBrowseQuery(new URLSearchParams(query));
  expect(filtersHref(form)).toBe(browseHref(search));
  expect(filtersHref({ q: "  ", sort: "relevance" })).toBe("/experts");
});

Deno.test("browseHref writes search prices back as dollars", () => {
  expect(browseHref({ minPrice: 2000, maxPrice: 8050 })).toBe(
    "/experts?minPrice=20&maxPrice=80.5",
  );
  const { search } = parseBrowseQuery(new URLSearchParams("maxPrice=150"));
  expect(browseHref(search)).toBe("/experts?maxPrice=150");
});
