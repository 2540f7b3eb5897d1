/**
 * Every public page, in Chromium: no axe-core violations, no sideways
 * scrolling on a 360 px phone, and a skip link as the first tab stop.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect } from "expect";
import {
  browserTestsEnabled,
  launchBrowser,
  serveTestApp,
} from "@/tests/support/helpers.ts";

const STATIC_PAGES = [
  "/",
  "/experts",
  "/experts?category=design&maxPrice=200",
  "/experts?q=zzzz-no-such-expert",
  "/experts?minRating=abc",
  "/join",
  "/about",
  "/how-it-works",
  "/faq",
  "/categories",
  "/contact",
  "/contact?sent=1",
  "/feedback",
  "/feedback?sent=1",
  "/blog",
  "/no-such-page",
];

/** Pages whose address depends on the seeded data. */
async function dataPages(baseUrl: string): Promise<string[]> {
  const experts = await (await fetch(`${baseUrl}/api/experts?limit=1`)).json();
  const categories = await (await fetch(`${baseUrl}/api/categories`)).json();
  const blog = await (await fetch(`${baseUrl}/blog`)).text();
  const postPath = blog.match(/href="(\/blog\/[a-z0-9-]+)"/)?.[1];
  if (!postPath) throw new Error("The blog page links to no post");
  return [
    `/experts/${experts.experts[0].id}`,
    `/categories/${categories.categories[0].id}`,
    postPath,
  ];
}

Deno.test({
  name: "every public page passes axe and fits a 360 px screen",
  ignore: !browserTestsEnabled,
  async fn(t) {
    await using app = await serveTestApp();
    const browser = await launchBrowser();
    try {
      const pages = [...STATIC_PAGES, ...await dataPages(app.baseUrl)];
      for (const path of pages) {
        await t.step(path, async () => {
          const context = await browser.newContext({
            viewport: { width: 360, height: 740 },
          });
          const page = await context.newPage();
          await page.goto(app.baseUrl + path);

          const results = await new AxeBuilder({ page }).analyze();
          const violations = results.violations.map((violation) =>
            `${violation.id}: ${violation.help} (${
              violation.nodes.map((node) => node.target.join(" ")).join(", ")
            })`
          );
          expect(violations).toEqual([]);

          const overflow = await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth",
          );
          expect(overflow).toBe(0);

          await page.keyboard.press("Tab");
          const firstStop = await page.evaluate(
            "document.activeElement?.textContent?.trim()",
          );
          expect(firstStop).toMatch(/skip to (main )?content/i);
          await context.close();
        });
      }
    } finally {
      await browser.close();
    }
  },
});

Deno.test({
  name: "public pages pass axe on a wide screen too",
  ignore: !browserTestsEnabled,
  async fn(t) {
    await using app = await serveTestApp();
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
      });
      for (const path of ["/", "/experts", ...await dataPages(app.baseUrl)]) {
        await t.step(path, async () => {
          const page = await context.newPage();
          await page.goto(app.baseUrl + path);
          const results = await new AxeBuilder({ page }).analyze();
          expect(results.violations.map((violation) => violation.id))
            .toEqual([]);
          await page.close();
        });
      }
      await context.close();
    } finally {
      await browser.close();
    }
  },
});
