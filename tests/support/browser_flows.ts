/**
 * Steps the browser journeys share: a phone-sized page, the accessibility
 * check every page must pass, signing up through the form and the bootstrap
 * admin turning on two-factor authentication with a code computed here.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect } from "expect";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, type ServedApp, serveTestApp } from "./helpers.ts";
import { ensureAdmin } from "@/services/auth/mod.ts";
import { totpCode } from "@/services/auth/mod.ts";

/** The password every account made by these flows uses. */
export const PASSWORD = "correct horse battery staple";

/** Fails with the list of axe violations and any sideways overflow. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map((violation) =>
    `${page.url()} ${violation.id}: ${violation.help} (${
      violation.nodes.map((node) => node.target.join(" ")).join(", ")
    })`
  );
  expect(violations).toEqual([]);
  const overflow = await page.evaluate(
    "document.documentElement.scrollWidth - document.documentElement.clientWidth",
  );
  // The URL rides along so a failure says which page overflows.
  expect({ url: page.url(), overflow }).toEqual({
    url: page.url(),
    overflow: 0,
  });
}

/**
 * `expectAccessible` on a phone (360 px, as the page is) and on a desktop
 * (1280 px), then back to the phone. With `shots` (a folder), a full-page
 * screenshot of each width is saved there as `<name>-360.png` and
 * `<name>-1280.png`.
 */
export async function checkBothWidths(
  page: Page,
  name: string,
  shots: string | undefined = Deno.env.get("SCREENSHOTS"),
): Promise<void> {
  for (const width of [360, 1280]) {
    if (width !== 360) await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page);
    if (shots) {
      await page.screenshot({
        path: `${shots}/${name}-${width}.png`,
        fullPage: true,
      });
    }
  }
  await page.setViewportSize({ width: 360, height: 740 });
}

/**
 * A 360 px wide page whose script errors are collected in `errors`.
 * `timezoneId` sets the browser's own zone; without it, the machine's.
 */
export async function newPhonePage(
  browser: Browser,
  options: { timezoneId?: string } = {},
): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    ...options,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors, close: () => context.close() };
}

/** Runs `journey` on a served app with a fresh browser, closing both. */
export async function withBrowser(
  journey: (app: ServedApp, browser: Browser) => Promise<void>,
): Promise<void> {
  await using app = await serveTestApp();
  const browser = await launchBrowser();
  try {
    await journey(app, browser);
  } finally {
    await browser.close();
  }
}

/** Who signs up in {@linkcode signUpInBrowser}, and checks on the way. */
export interface BrowserSignUp {
  role: "learner" | "expert";
  name: string;
  email: string;
  /** Runs on the empty form, before anything is typed. */
  onEmptyForm?: (page: Page) => Promise<void>;
  /** Runs on the filled form, just before it is sent. */
  beforeSubmit?: (page: Page) => Promise<void>;
}

/**
 * Fills in /signup with {@linkcode PASSWORD} and waits for the page a new
 * account lands on: /expert for experts, onboarding for learners.
 */
export async function signUpInBrowser(
  page: Page,
  baseUrl: string,
  account: BrowserSignUp,
): Promise<void> {
  await page.goto(`${baseUrl}/signup`);
  await account.onEmptyForm?.(page);
  await page.getByLabel(
    account.role === "expert" ? "I want to teach" : "I want to learn",
  )
    .check();
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel(/I accept the terms/).check();
  await account.beforeSubmit?.(page);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(
    `${baseUrl}/${
      account.role === "expert" ? "expert" : "dashboard/onboarding"
    }`,
  );
}

/**
 * Creates the bootstrap admin (root@example.com), logs in, is sent to turn
 * on two-factor authentication first, and does so with a computed code.
 * `checkPage` runs on each page along the way (e.g. the axe check).
 */
export async function adminWithTwoFactor(
  page: Page,
  app: ServedApp,
  checkPage: (page: Page) => Promise<void> = async () => {},
): Promise<void> {
  await ensureAdmin(app.kv, { email: "root@example.com", password: PASSWORD });
  await page.goto(`${app.baseUrl}/login`);
  await checkPage(page);
  await page.getByLabel("Email address").fill("root@example.com");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();

  // No admin tools before two-factor authentication is on.
  await page.waitForURL(/\/account\/security\?notice=admin-2fa$/);
  await expect(page.getByText("Admins must turn on two-factor").count())
    .resolves.toBe(1);
  await checkPage(page);

  await page.getByRole("button", { name: "Set up two-factor authentication" })
    .click();
  await expect(page.locator("#two-factor svg").count()).resolves.toBe(1);
  await checkPage(page);
  const secret = (await page.locator("#totp-secret").innerText()).trim();
  await page.getByLabel("Code from the app").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" })
    .click();
  await expect(
    page.getByRole("list", { name: "Recovery codes" }).locator("li").count(),
  ).resolves.toBe(10);
  await checkPage(page);
}

/**
 * A new browser context `width` px wide (on Paris time) signed in with the
 * password as `email`; page errors are collected in `errors`. Two of these
 * are two people at once.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
  width: number,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width, height: 800 },
    timezoneId: "Europe/Paris",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  return { page, errors };
}

/**
 * Polls `check` every 100 ms until it holds, `tries` times at most: pages'
 * CSP forbids the eval that Playwright's waitForFunction needs. With
 * `ignoreErrors`, a check that throws (a page between navigations) counts
 * as not yet.
 */
export async function until(
  check: () => Promise<boolean>,
  { what = "the page", tries = 100, ignoreErrors = false }: {
    what?: string;
    tries?: number;
    ignoreErrors?: boolean;
  } = {},
): Promise<void> {
  for (let i = 0; i < tries; i++) {
    const held = ignoreErrors
      ? await check().catch(() => false)
      : await check();
    if (held) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Waits until the island `name` (as in `data-island`, e.g. "BookingWidget"
 * or "BlogPreview.BlogImageUpload") has started on `page`: the handlers in
 * its markup (`onClick`, `onChange`) are attached; listeners its effects
 * add may come a frame later. Needed before clicking what only the island
 * handles, whose plain fallback (a link, a form) would go to the server.
 */
export async function islandStarted(page: Page, name: string): Promise<void> {
  await page.locator(`fresh-island[data-island="${name}"][data-hydrated]`)
    .first().waitFor({ state: "attached" });
}
