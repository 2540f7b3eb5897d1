/**
 * The phone page in a real browser at 360 px: a learner adds a number,
 * reads the code from the development outbox, verifies it and turns text
 * reminders on; each state passes axe-core and fits the screen.
 */
import { expect } from "expect";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import { listSmsOutbox } from "@/services/platform/sms.ts";
import {
  expectAccessible,
  newPhonePage,
  signUpInBrowser,
  withBrowser,
} from "@/tests/support/browser_flows.ts";

Deno.test({
  name: "a learner verifies a mobile number and turns on text reminders",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const { page, errors, close } = await newPhonePage(browser, {
        timezoneId: "Europe/London",
      });
      await signUpInBrowser(page, app.baseUrl, {
        role: "learner",
        name: "Pat Phone",
        email: "pat.phone@example.com",
      });
      await page.goto(`${app.baseUrl}/account`);
      await page.getByRole("link", { name: "Phone number and text reminders" })
        .click();
      await expectAccessible(page);

      const number = page.getByRole("textbox", { name: "Mobile number" });
      await number.fill("020 7946 0018");
      await page.getByRole("button", { name: "Text me a code" }).click();
      await expect(page.locator("#number-error").innerText()).resolves
        .toContain("landline");
      await expectAccessible(page);

      await number.fill("07912 654321");
      await page.getByRole("button", { name: "Text me a code" }).click();
      await page.waitForURL(/done=sent/);
      await expectAccessible(page);
      const [text] = await listSmsOutbox(app.kv);
      await page.getByLabel("Code from the text").fill(text.body.slice(0, 6));
      await page.getByRole("button", { name: "Verify number" }).click();
      await page.waitForURL(/done=verified/);
      await page.getByLabel("Text me 24 hours and 1 hour before each session")
        .check();
      await page.getByRole("button", { name: "Save" }).click();
      await page.waitForURL(/done=reminders-on/);
      await expect(page.getByText("+44 7912 654321").isVisible()).resolves
        .toBe(true);
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await close();
    }),
});
