/**
 * Accounts in a real browser: signing up as a learner and as an expert, the
 * bootstrap admin enrolling two-factor authentication with a code computed
 * here, and a password reset through the link in the dev outbox. Every page
 * visited passes axe-core and fits a 360 px phone without sideways scrolling.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect } from "expect";
import type { Browser, Page } from "playwright-core";
import {
  browserTestsEnabled,
  launchBrowser,
  type ServedApp,
  serveTestApp,
} from "../helpers.ts";
import { ensureAdmin, signup } from "../../services/auth/auth.ts";
import { totpCode } from "../../services/auth/totp.ts";
import { getUserByEmail } from "../../services/auth/users.ts";

const PASSWORD = "correct horse battery staple";
const BROWSER_TIME_ZONE = "America/Denver";

/** Fails with the list of axe violations and any sideways overflow. */
async function expectAccessible(page: Page): Promise<void> {
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
  expect(overflow).toBe(0);
}

/** A phone-sized page whose script errors fail the test. */
async function newPhonePage(
  browser: Browser,
): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    // Not the machine's zone, so the signup island's detection shows.
    timezoneId: BROWSER_TIME_ZONE,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors, close: () => context.close() };
}

/** Runs `journey` on a served app with a fresh browser, closing both. */
async function withBrowser(
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

async function signUpInBrowser(
  page: Page,
  baseUrl: string,
  role: "learner" | "expert",
  email: string,
): Promise<void> {
  await page.goto(`${baseUrl}/signup`);
  await expectAccessible(page);
  await page.getByLabel(
    role === "expert" ? "I want to teach" : "I want to learn",
  )
    .check();
  await page.getByLabel("Your name").fill(`Sam ${role}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  // The island preselects the browser's own zone; it stays editable.
  await expect(page.getByLabel("Time zone").inputValue()).resolves.toBe(
    BROWSER_TIME_ZONE,
  );
  await page.getByRole("button", { name: "Create account" }).click();
}

Deno.test({
  name: "a learner signs up and lands on the dashboard",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const { page, errors, close } = await newPhonePage(browser);
      await signUpInBrowser(page, app.baseUrl, "learner", "lee@example.com");
      // New learners start with onboarding, part of the learner home.
      await page.waitForURL(`${app.baseUrl}/dashboard/onboarding`);
      expect(new URL(page.url()).pathname).toMatch(/^\/dashboard/);
      await expectAccessible(page);
      await page.goto(`${app.baseUrl}/dashboard`);
      await expect(page.getByRole("heading", { level: 1 }).innerText())
        .resolves.toBe("Welcome, Sam learner");
      await expectAccessible(page);
      const learner = await getUserByEmail(app.kv, "lee@example.com");
      expect(learner?.timeZone).toBe(BROWSER_TIME_ZONE);
      // The header's account menu opens without JavaScript tricks.
      await page.getByText("Sam", { exact: true }).click();
      await expect(page.getByRole("link", { name: "Security" }).isVisible())
        .resolves.toBe(true);
      await expectAccessible(page);
      await page.goto(`${app.baseUrl}/account`);
      await expectAccessible(page);
      await page.goto(`${app.baseUrl}/account/security`);
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await close();
    }),
});

Deno.test({
  name: "an expert signs up and lands on /expert",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const { page, errors, close } = await newPhonePage(browser);
      await signUpInBrowser(page, app.baseUrl, "expert", "ex@example.com");
      await page.waitForURL(`${app.baseUrl}/expert`);
      await expect(page.getByRole("heading", { level: 1 }).innerText())
        .resolves.toBe("Welcome, Sam expert");
      await expectAccessible(page);
      // A learner-only page answers with the friendly 403.
      await page.goto(`${app.baseUrl}/dashboard`);
      await expect(page.getByRole("heading", { level: 1 }).innerText())
        .resolves.toBe("You don't have access to this page");
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await close();
    }),
});

Deno.test({
  name: "the bootstrap admin enrols two-factor auth and reaches /admin",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      await ensureAdmin(app.kv, {
        email: "root@example.com",
        password: PASSWORD,
      });
      const { page, errors, close } = await newPhonePage(browser);
      await page.goto(`${app.baseUrl}/login`);
      await expectAccessible(page);
      await page.getByLabel("Email address").fill("root@example.com");
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Log in" }).click();

      // No admin tools before two-factor authentication is on.
      await page.waitForURL(/\/account\/security\?notice=admin-2fa$/);
      await expect(page.getByText("Admins must turn on two-factor").count())
        .resolves.toBe(1);
      await expectAccessible(page);

      await page.getByRole("button", {
        name: "Set up two-factor authentication",
      })
        .click();
      await expect(page.locator("#two-factor svg").count()).resolves.toBe(1);
      await expectAccessible(page);
      const secret = (await page.locator("#totp-secret").innerText()).trim();
      await page.getByLabel("Code from the app").fill(await totpCode(secret));
      await page.getByRole("button", {
        name: "Turn on two-factor authentication",
      }).click();
      await expect(
        page.getByRole("list", { name: "Recovery codes" }).locator("li")
          .count(),
      ).resolves.toBe(10);
      await expectAccessible(page);

      await page.goto(`${app.baseUrl}/admin`);
      await expect(page.getByRole("heading", { level: 1 }).innerText())
        .resolves.toBe("Welcome, Administrator");
      await expectAccessible(page);
      await page.getByRole("link", { name: "Users", exact: true }).click();
      await page.waitForURL(`${app.baseUrl}/admin/users`);
      await expectAccessible(page);
      await page.goto(`${app.baseUrl}/admin/audit`);
      await expect(page.getByText("Two-factor turned on").count()).resolves
        .toBeGreaterThan(0);
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await close();
    }),
});

Deno.test({
  name: "a forgotten password is reset through the emailed link",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      await signup(app.kv, {
        email: "forgetful@example.com",
        password: PASSWORD,
        name: "Frankie Forgetful",
        role: "learner",
      }, { ip: "127.0.0.1", userAgent: "test", baseUrl: app.baseUrl });
      const { page, errors, close } = await newPhonePage(browser);
      await page.goto(`${app.baseUrl}/forgot-password`);
      await expectAccessible(page);
      await page.getByLabel("Email address").fill("forgetful@example.com");
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page.getByText("Check your email").count()).resolves
        .toBe(1);
      await expectAccessible(page);

      await page.goto(`${app.baseUrl}/dev/mail`);
      await expectAccessible(page);
      await page.getByRole("link", { name: /Reset your TapTime password/ })
        .click();
      await expectAccessible(page);
      await page.getByRole("link", { name: /\/reset-password\?token=/ })
        .click();
      await page.waitForURL(/\/reset-password\?token=/);
      await expectAccessible(page);
      const newPassword = "a brand new long passphrase";
      await page.locator("#password").fill(newPassword);
      await page.getByRole("button", { name: "Set new password" }).click();

      await page.waitForURL(/\/login\?notice=password-reset$/);
      await expectAccessible(page);
      await page.getByLabel("Email address").fill("forgetful@example.com");
      await page.getByLabel("Password").fill(newPassword);
      await page.getByRole("button", { name: "Log in" }).click();
      await page.waitForURL(`${app.baseUrl}/dashboard`);
      expect(errors).toEqual([]);
      await close();
    }),
});
