/**
 * The browse search in a real browser, typed the way people type: slowly,
 * with pauses longer than the search's own wait. Nothing typed may be lost.
 */
import { expect } from "expect";
import {
  browserTestsEnabled,
  launchBrowser,
  serveTestApp,
} from "@/tests/support/helpers.ts";

Deno.test({
  name: "a slow typist's search keeps every key and the focus",
  ignore: !browserTestsEnabled,
  async fn() {
    await using app = await serveTestApp();
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));

      await page.goto(app.baseUrl + "/experts");
      const box = page.getByLabel("Search");
      await box.click();
      // Pauses of 650 ms are longer than the wait before results update.
      await box.pressSequentially("machine learning", { delay: 650 });
      await page.waitForURL(/q=machine\+learning$/);

      await expect(box.inputValue()).resolves.toBe("machine learning");
      await expect(box.evaluate((input) => input === document.activeElement))
        .resolves.toBe(true);
      const names = await page.locator("main article h3").allInnerTexts();
      expect(names.length).toBeGreaterThan(0);
      await expect(page.getByRole("status").first().innerText()).resolves
        .toMatch(/matching your filters/);

      // Typing on after the results came in still works.
      await box.press("End");
      await box.pressSequentially("xyzzy", { delay: 650 });
      await page.waitForURL(/q=machine\+learningxyzzy$/);
      await expect(box.inputValue()).resolves.toBe("machine learningxyzzy");
      await expect(page.locator("main article").count()).resolves.toBe(0);

      expect(pageErrors).toEqual([]);
      await context.close();

      // Without JavaScript the form is a plain search form.
      const plain = await browser.newContext({ javaScriptEnabled: false });
      const plainPage = await plain.newPage();
      await plainPage.goto(app.baseUrl + "/experts");
      await plainPage.getByLabel("Search").fill("machine learning");
      await plainPage.getByLabel("Search").press("Enter");
      await plainPage.waitForURL(/q=machine\+learning/);
      expect(
        (await plainPage.locator("main article h3").allInnerTexts()).length,
      ).toBeGreaterThan(0);
      await plain.close();
    } finally {
      await browser.close();
    }
  },
});

Deno.test({
  name: "a filter chosen before the filters' script starts is applied",
  ignore: !browserTestsEnabled,
  async fn() {
    await using app = await serveTestApp();
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      // A slow connection: the visitor picks a category before the script runs.
      let startIsland = () => {};
      const chosen = new Promise<void>((resolve) => startIsland = resolve);
      await page.route("**/_fresh/js/ExpertFilters-*.js", async (route) => {
        await chosen;
        await route.continue();
      });
      await page.goto(app.baseUrl + "/experts", { waitUntil: "commit" });
      const category = page.getByLabel("Category");
      await category.selectOption("data-ai");
      startIsland();
      await page.waitForURL(/\/experts\?category=data-ai$/);
      await expect(category.inputValue()).resolves.toBe("data-ai");
      // The folded filters' count follows too.
      await expect(page.locator("#browse-filter-count").textContent())
        .resolves.toBe("1 on");
      await expect(page.getByRole("status").first().innerText()).resolves
        .toMatch(/matching your filters/);
      expect(pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  },
});
