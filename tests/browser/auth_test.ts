/**
 * Accounts in a real browser: signing up as a learner and as an expert, the
 * bootstrap admin enrolling two-factor authentication with a code computed
 * here, and a password reset through the link in the dev outbox. Every page
 * visited passes axe-core and fits a 360 px phone without sideways scrolling.
 */
import { expect } from "expect";
import type { Page } from "playwright-core";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import { signup } from "@/services/auth/mod.ts";
import { getUserByEmail } from "@/services/auth/mod.ts";
import {
  adminWithTwoFactor,
  expectAccessible,
  newPhonePage,
  PASSWORD,
  signUpInBrowser,
  withBrowser,
} from "@/tests/support/browser_flows.ts";

// Not the machine's zone, so the signup island's detection shows.
const BROWSER_TIME_ZONE = "America/Denver";
const PHONE_IN_DENVER = { timezoneId: BROWSER_TIME_ZONE };

/** Signs up as "Sam <role>", checking the form on the way. */
async function signUpAsSam(
  page: Page,
  baseUrl: string,
  role: "learner" | "expert",
  email: string,
): Promise<void> {
  await signUpInBrowser(page, baseUrl, {
    role,
    name: `Sam ${role}`,
    email,
    onEmptyForm: expectAccessible,
    // The island preselects the browser's own zone; it stays editable.
    beforeSubmit: () =>
      expect(page.getByLabel("Time zone").inputValue()).resolves.toBe(
        BROWSER_TIME_ZONE,
      ),
  });
}

Deno.test({
  name: "a learner signs up and lands on the dashboard",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const { page, errors, close } = await newPhonePage(
        browser,
        PHONE_IN_DENVER,
      );
      await signUpAsSam(page, app.baseUrl, "learner", "lee@example.com");
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
      const { page, errors, close } = await newPhonePage(
        browser,
        PHONE_IN_DENVER,
      );
      await signUpAsSam(page, app.baseUrl, "expert", "ex@example.com");
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
      const { page, errors, close } = await newPhonePage(
        browser,
        PHONE_IN_DENVER,
      );
      await adminWithTwoFactor(page, app, expectAccessible);

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
        acceptTerms: true,
        email: "forgetful@example.com",
        password: PASSWORD,
        name: "Frankie Forgetful",
        role: "learner",
      }, { ip: "127.0.0.1", userAgent: "test", baseUrl: app.baseUrl });
      const { page, errors, close } = await newPhonePage(
        browser,
        PHONE_IN_DENVER,
      );
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
