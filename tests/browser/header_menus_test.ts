/**
 * The header's two menus on a 360 px phone, signed in: each opens without
 * help from JavaScript (they are `<details>`), and with it they close as
 * menus do: Escape closes and returns the focus, a tap outside closes, and
 * opening one closes the other.
 */
import { expect } from "expect";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import {
  newPhonePage,
  signUpInBrowser,
  withBrowser,
} from "@/tests/support/browser_flows.ts";

Deno.test({
  name: "the header's menus close on Escape, on a tap outside, and each other",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const { page, errors, close } = await newPhonePage(browser);
      await signUpInBrowser(page, app.baseUrl, {
        role: "learner",
        name: "Mena Menus",
        email: "mena@example.com",
      });
      await page.goto(`${app.baseUrl}/experts`);
      // Closed, a menu's contents are hidden: found by markup, not role.
      const navigation = page.locator(
        'details[data-menu]:has(nav[aria-label="Main menu"])',
      );
      const account = page.locator("details[data-menu]", {
        hasText: "account menu",
      });
      const isOpen = (menu: typeof account) =>
        menu.evaluate((details: HTMLDetailsElement) => details.open);

      await navigation.locator("summary").click();
      await expect(isOpen(navigation)).resolves.toBe(true);
      await page.keyboard.press("Escape");
      await expect(isOpen(navigation)).resolves.toBe(false);
      await expect(
        navigation.locator("summary").evaluate((summary) =>
          summary === document.activeElement
        ),
      ).resolves.toBe(true);

      // Opening one closes the other.
      await account.locator("summary").click();
      await navigation.locator("summary").click();
      await expect(isOpen(navigation)).resolves.toBe(true);
      await expect(isOpen(account)).resolves.toBe(false);

      // A tap outside closes it (the open menu covers the heading's right).
      await page.getByRole("heading", { level: 1 }).click({
        position: { x: 4, y: 4 },
      });
      await expect(isOpen(navigation)).resolves.toBe(false);
      expect(errors).toEqual([]);
      await close();
    }),
});
