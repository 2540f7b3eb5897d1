/**
 * HTTP tests for the browse page (/experts): the filters, the prices cards
 * show and filter on, invalid parameters and empty results.
 *
 * Run after `deno task build` (the app links the built CSS and island JS).
 */
import { expect } from "expect";
import {
  createTestApp,
  type TestApp,
  tidyTags,
} from "@/tests/support/helpers.ts";
import { listCategories } from "@/services/categories/mod.ts";
import { searchExperts } from "@/services/experts/mod.ts";
import { DEMO_EXPERTS, demoOfferings } from "@/services/seed/mod.ts";
import {
  formatMoney,
  type Money,
  toUsdMinor,
} from "@/services/platform/money.ts";

const SITE = "http://localhost:8000";

function titleOf(html: string): string | undefined {
  return html.match(/<title>([^<]*)<\/title>/)?.[1];
}

/** Script tags other than JSON-LD structured data (which never runs). */
function executableScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0])
    .filter((tag) => !tag.includes('type="application/ld+json"'));
}

async function getHtml(
  app: TestApp,
  path: string,
): Promise<{ status: number; html: string; response: Response }> {
  const response = await app.fetch(new Request(SITE + path));
  return {
    status: response.status,
    html: tidyTags(await response.text()),
    response,
  };
}

Deno.test("browse page lists experts, ships the filter island, paginates", async () => {
  await using app = await createTestApp();
  const all = await searchExperts(app.kv, {});
  const { status, html } = await getHtml(app, "/experts");
  expect(status).toBe(200);
  expect(html).toContain(`of ${all.total} experts`);
  expect(html).toContain('data-island="ExpertFilters"');
  expect(html).toContain(
    '<form id="expert-filters" method="get" action="/experts"',
  );
  expect(executableScripts(html).length).toBeGreaterThan(0);

  // Follow "Next page": the second page differs and links back to the first.
  const next = html.match(/href="(\/experts\?cursor=[^"]+)" rel="next"/)?.[1];
  expect(next).toBeDefined();
  const page2 = await getHtml(app, next!.replaceAll("&amp;", "&"));
  expect(page2.status).toBe(200);
  expect(page2.html).toContain("Back to first page");
  const firstPageIds = [...html.matchAll(/href="\/experts\/([^"]+)"/g)].map((
    m,
  ) => m[1]);
  const secondPageIds = [...page2.html.matchAll(/href="\/experts\/([^"]+)"/g)]
    .map((m) => m[1]);
  expect(secondPageIds.length).toBeGreaterThan(0);
  expect(secondPageIds.some((id) => firstPageIds.includes(id))).toBe(false);
});

Deno.test("browse filters: prices in US dollars, category heading, canonical", async () => {
  await using app = await createTestApp();
  const [category] = await listCategories(app.kv);
  const { html } = await getHtml(
    app,
    `/experts?category=${category.id}&maxPrice=100&sort=price_asc&q=`,
  );
  expect(titleOf(html)).toBe(`${category.name} experts · TapTime`);
  // A filtered, sorted variant: out of the index, its links followed.
  expect(html).toContain('<meta name="robots" content="noindex, follow"');
  expect(html).toContain(
    `<meta property="og:url" content="${SITE}/experts?category=${category.id}&amp;maxPrice=100&amp;sort=price_asc"`,
  );
  const expected = await searchExperts(app.kv, {
    category: category.id,
    maxPrice: 10000,
    sort: "price_asc",
  });
  for (const expert of expected.experts) {
    expect(html).toContain(`href="/experts/${expert.id}"`);
  }
  // The form keeps the visitor's values.
  expect(html).toMatch(/name="maxPrice"[^>]*value="100"/);
  expect(html).toContain("Price from (USD)");
  expect(html).toContain(
    "Prices in other currencies are converted at approximate rates.",
  );
  // Cards show what the filter compared: the cheapest session, as sold.
  const [first] = expected.experts;
  expect(html).toMatch(
    new RegExp(
      `From</span> <span[^>]*>${
        escapeRegExp(formatMoney(listedMoney(first)))
      }</span> <span[^>]*><span aria-hidden="true">· 30 min`,
    ),
  );
  expect(html).not.toContain("/ hour");
});

/** A seeded expert's listed price: its cheapest (30-minute) session. */
function listedMoney(expert: { hourlyRate: Money }): Money {
  const offerings = demoOfferings("x", 1, expert.hourlyRate, "2026-01-01");
  const half = offerings.find((offering) => offering.durationMinutes === 30)!;
  return { amountMinor: half.priceMinor, currency: half.currency };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

Deno.test("the browse price filter compares every currency in US dollars", async () => {
  await using app = await createTestApp();
  const { html } = await getHtml(
    app,
    "/experts?minPrice=35&maxPrice=50&sort=price_asc",
  );
  const inRange = DEMO_EXPERTS.filter((expert) => {
    const cents = toUsdMinor(listedMoney(expert));
    return cents >= 3500 && cents <= 5000;
  });
  expect(inRange.length).toBeGreaterThan(0);
  expect(inRange.length).toBeLessThanOrEqual(12); // one page
  expect(html).toContain(`${inRange.length} experts matching your filters`);
  for (const expert of inRange) expect(html).toContain(expert.name);
  expect(html).toContain("converted to US dollars at approximate");
  // ₹3,250 (≈ $39) is in, though 3,250 is far above 50; £40 (≈ $51) is
  // out, though 40 is within 35–50.
  expect(html).toContain(formatMoney({ amountMinor: 325000, currency: "INR" }));
  const pounds = DEMO_EXPERTS.find((expert) =>
    expert.hourlyRate.currency === "GBP" &&
    expert.hourlyRate.amountMinor === 8000
  );
  expect(pounds).toBeDefined();
  expect(html).not.toContain(pounds!.name);
});

Deno.test("invalid browse parameters show a notice and unfiltered results", async () => {
  await using app = await createTestApp();
  const all = await searchExperts(app.kv, {});
  for (
    const query of [
      "minRating=abc",
      "maxPrice=-5",
      "category=no-such-category",
      "cursor=not-a-real-cursor",
      "sort=sideways&language=english",
    ]
  ) {
    const { status, html } = await getHtml(app, `/experts?${query}`);
    expect({ query, status }).toEqual({ query, status: 200 });
    expect(html).toContain("Some filters were left out");
    expect(html).toContain(`of ${all.total} experts`);
  }
  // Each left out filter says what it takes, whoever typed it.
  const inverted = await getHtml(app, "/experts?minPrice=20&maxPrice=10");
  expect(inverted.html).toContain(
    "The maximum price must be a whole number of US dollars, 1 or more and not below the minimum price.",
  );
  expect(inverted.html).not.toContain("in the address");
});

Deno.test("browse with no matches offers a way out", async () => {
  await using app = await createTestApp();
  const { status, html } = await getHtml(app, "/experts?q=zzzzqqqxxy");
  expect(status).toBe(200);
  expect(html).toContain("No experts found");
  expect(html).toContain("Clear filters and see all experts");
});

Deno.test("every language an expert speaks can be filtered on, by name", async () => {
  await using app = await createTestApp();
  const { html } = await getHtml(app, "/experts");
  // A seeded expert speaks Yoruba, which is not among the usual choices.
  expect(html).toMatch(/<option value="yo"[^>]*>Yoruba<\/option>/);
  const filtered = await getHtml(app, "/experts?language=yo");
  expect(filtered.html).toContain("Amara Okafor");
  expect(filtered.html).not.toContain("Some filters were left out");
});
