/**
 * Hydration in a real browser (Debian's Chromium through playwright-core):
 * islands become interactive, shared signals stay shared, input made before
 * they start is theirs, and the page runs under the CSP with no violations.
 */
import { expect } from "expect";
import { chromium, type Page } from "playwright-core";
import { createApp } from "./server.ts";
import { buildFixture } from "./testdata/fixture.ts";
import manifest from "./testdata/fresh.gen.ts";

/**
 * Serves the fixture app under a strict CSP and opens a Chromium page on
 * it; `problems` collects script errors and console errors.
 */
async function withFixturePage(
  journey: (
    page: Page,
    base: string,
    problems: string[],
  ) => Promise<void>,
): Promise<void> {
  const fixture = await buildFixture({
    // Island wrappers carry `style="display:contents"`, hence inline styles.
    // No inline script at all: the runtime is a static module.
    csp:
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'",
  });
  const app = createApp(manifest, fixture.config, {
    initialState: () => ({ trail: [] }),
  });
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    app.fetch,
  );
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      // Chromium asks for /favicon.ico on its own; the fixture has none.
      if (message.location().url.endsWith("/favicon.ico")) return;
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await journey(page, `http://127.0.0.1:${server.addr.port}`, problems);
  } finally {
    await browser.close();
    await server.shutdown();
    await fixture.cleanup();
  }
}

Deno.test("islands hydrate in Chromium under a strict CSP", async () => {
  await withFixturePage(async (page, base, problems) => {
    await page.goto(`${base}/islands`);
    // Module scripts run before the load event that `goto` waits for.
    await page.click("text=clicks");
    await page.click("text=clicks");
    expect(await page.textContent("fresh-island[data-id='0'] .count")).toBe(
      "5",
    );

    // The Counter nested in Outer hydrates as part of Outer.
    await page.click("text=inner");
    expect(await page.textContent(".outer .count")).toBe("6");

    // Both Shared islands got the same signal.
    await page.click(".shared-a");
    expect(await page.textContent(".shared-b")).toBe("2");

    expect(await page.textContent(".prop-date")).toBe(
      "Date(2024-05-06T07:08:09.000Z)",
    );
    expect(await page.textContent(".prop-big")).toBe(
      "BigInt(100000000000000000000)",
    );
    // Every island says it has started.
    expect(await page.locator("fresh-island:not([data-hydrated])").count())
      .toBe(0);
    expect(problems).toEqual([]);
  });
});

Deno.test("input made before the islands start reaches them", async () => {
  await withFixturePage(async (page, base, problems) => {
    // Scripts held back, as on a slow connection, until the visitor is done.
    let release = () => {};
    const done = new Promise<void>((resolve) => release = resolve);
    await page.route("**/*.js", async (route) => {
      await done;
      await route.continue();
    });
    await page.goto(`${base}/islands`, { waitUntil: "commit" });
    await page.getByLabel("Note").fill("typed early");
    await page.getByLabel("large").check();
    release();
    let state = "";
    for (let i = 0; i < 100 && state !== "typed early|large|"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = (await page.textContent(".note-state")) ?? "";
    }
    // The island's state holds the input, and its render kept it on screen;
    // the select nobody touched was not reported as changed.
    expect(state).toBe("typed early|large|");
    expect(await page.getByLabel("Note").inputValue()).toBe("typed early");
    expect(await page.getByLabel("large").isChecked()).toBe(true);
    expect(problems).toEqual([]);
  });
});
