/**
 * A visitor's journey in a real browser: home → browse → filter through the
 * island (URL and results change) → profile → contact form → confirmation.
 */
import { expect } from "expect";
import type { Page } from "playwright-core";
import {
  type Currency,
  formatMoney,
  type Money,
  SUPPORTED_CURRENCIES,
  toUsdMinor,
} from "@/services/platform/money.ts";
import {
  browserTestsEnabled,
  launchBrowser,
  serveTestApp,
} from "@/tests/support/helpers.ts";
import {
  newPhonePage,
  signUpInBrowser,
  withBrowser,
} from "@/tests/support/browser_flows.ts";

// Cards show each expert's own currency ("€85.50", "CA$250.00"); the symbol
// each currency is printed with, longest first so "CA$" wins over "$".
const CURRENCY_SYMBOLS = SUPPORTED_CURRENCIES.map((currency) => ({
  currency,
  symbol: formatMoney({ amountMinor: 0, currency }).replace(/[\d.,\s]+$/, ""),
})).sort((a, b) => b.symbol.length - a.symbol.length);

/** A card's "From ₹3,250.00 · 30 min" as Money, e.g. 325000 INR. */
function cardPrice(cardText: string): Money {
  const [, symbol, amount] = cardText.match(/From (\S*?)([\d,]+\.\d{2})/) ??
    [];
  const currency: Currency | undefined = CURRENCY_SYMBOLS.find((entry) =>
    entry.symbol === symbol
  )?.currency;
  if (currency === undefined) {
    throw new Error(`No known price on this card: ${cardText}`);
  }
  const amountMinor = Math.round(Number(amount.replaceAll(",", "")) * 100);
  return { amountMinor, currency };
}

/** The names on the result cards, in order. */
async function resultNames(page: Page): Promise<string[]> {
  return await page.locator("main article h3, main article h2").allInnerTexts();
}

Deno.test({
  name: "a visitor browses, filters through the island, and contacts us",
  ignore: !browserTestsEnabled,
  async fn() {
    await using app = await serveTestApp();
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") pageErrors.push(message.text());
      });

      await page.goto(app.baseUrl + "/");
      await expect(page.title()).resolves.toMatch(/TapTime/);
      await page.getByRole("link", { name: "Browse experts" }).first().click();
      await page.waitForURL(/\/experts$/);
      const unfiltered = await resultNames(page);
      expect(unfiltered.length).toBeGreaterThan(0);

      // The island navigates as soon as a select changes.
      await page.getByLabel("Category").selectOption("software-engineering");
      await page.waitForURL(/category=software-engineering/);
      const byCategory = await resultNames(page);
      expect(byCategory.length).toBeGreaterThan(0);
      expect(byCategory).not.toEqual(unfiltered);
      await expect(page.getByLabel("Category").inputValue()).resolves.toBe(
        "software-engineering",
      );

      // Typed prices apply on change (Enter or leaving the field).
      await page.getByLabel("Maximum").fill("60");
      await page.getByLabel("Maximum").press("Enter");
      await page.waitForURL(/maxPrice=60/);
      expect(page.url()).toMatch(/category=software-engineering/);
      const byPrice = await resultNames(page);
      expect(byPrice.length).toBeGreaterThan(0);
      expect(byPrice.length).toBeLessThan(byCategory.length);
      // The filter is in US dollars; cards keep the expert's own currency.
      const cards = await page.locator("main article").allInnerTexts();
      expect(cards.length).toBe(byPrice.length);
      const prices = cards.map(cardPrice);
      for (const price of prices) {
        expect(toUsdMinor(price)).toBeLessThanOrEqual(6000);
      }
      // The seeded ₹3,250 (≈ $39) expert is in although 3,250 > 60: the
      // filter converted the rate instead of comparing raw amounts.
      expect(prices.some((price) => price.amountMinor > 6000)).toBe(true);

      // The filtered URL is shareable: loading it afresh shows the same results.
      const shared = page.url();
      const second = await context.newPage();
      await second.goto(shared);
      expect(await resultNames(second)).toEqual(byPrice);
      await second.close();

      // Open the first result's profile.
      const firstName = byPrice[0];
      await page.getByRole("link", { name: firstName }).first().click();
      await page.waitForURL(/\/experts\/[^/?]+$/);
      await expect(page.getByRole("heading", { level: 1 }).innerText())
        .resolves.toBe(firstName);

      // Ask us about the expert (listed without an account) before booking.
      await page.getByRole("link", { name: /ask us about/i }).first().click();
      await page.waitForURL(/\/contact\?/);
      await page.getByLabel("Your name", { exact: true }).fill("Ada Learner");
      await page.getByLabel("Email address", { exact: true }).fill(
        "ada@example.com",
      );
      await page.getByLabel("Subject", { exact: true }).fill(
        "A session about system design",
      );
      await page.getByLabel("Message", { exact: true }).fill(
        "Hello! I would like a 60 minute session next week, evenings work best.",
      );
      await page.getByRole("button", { name: /send/i }).click();
      await page.waitForURL(/\/contact\?sent=1/);
      await expect(page.getByRole("status").first().innerText()).resolves
        .toMatch(/thank|sent|received/i);

      expect(pageErrors).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
    }
  },
});

/** Elements showing `text` that stick out of the card holding them. */
function overflowingText(page: Page, text: string): Promise<string[]> {
  return page.evaluate((needle) => {
    const out: string[] = [];
    for (const element of document.querySelectorAll("main *")) {
      if (
        element.children.length > 0 || !element.textContent?.includes(needle)
      ) continue;
      const card = element.closest("section, article, form, li") ??
        document.body;
      const box = element.getBoundingClientRect();
      const frame = card.getBoundingClientRect();
      if (box.right > frame.right + 0.5 || box.right > innerWidth) {
        out.push(`${element.tagName} in ${card.tagName}#${card.id}`);
      }
    }
    return out;
  }, text);
}

Deno.test({
  name: "at 360 px: long emails stay in their cards, filters fold away",
  ignore: !browserTestsEnabled,
  async fn() {
    await withBrowser(async (app, browser) => {
      const { page, errors, close } = await newPhonePage(browser);
      try {
        // The browse filters fold behind one control; results come first.
        await page.goto(app.baseUrl + "/experts");
        await expect(page.getByLabel("Category").isVisible()).resolves.toBe(
          false,
        );
        const firstCard = await page.locator("main article").first()
          .boundingBox();
        expect(firstCard!.y).toBeLessThan(740);
        await page.getByText("Filters", { exact: true }).click();
        await page.getByLabel("Category").selectOption("design");
        await page.waitForURL(/category=design/);
        await expect(page.getByLabel("Category").isVisible()).resolves.toBe(
          true,
        );

        const email =
          "a.very.long.address.for.testing.wrapping@subdomain.example-company.com";
        await signUpInBrowser(page, app.baseUrl, {
          role: "learner",
          name: "Long Email",
          email,
        });
        for (const path of ["/dashboard", "/account", "/account/security"]) {
          await page.goto(app.baseUrl + path);
          expect({ path, out: await overflowingText(page, email) })
            .toEqual({ path, out: [] });
        }
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  },
});
