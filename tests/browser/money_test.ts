/**
 * Money in a real browser, on a 360 px phone: a learner buys credits with
 * the simulated checkout (a declined card first, then the one that
 * succeeds) and sees them with a receipt; an expert saves bank details and
 * asks for a withdrawal, which the admin approves from the finance area.
 * Every page passes axe-core and fits the phone, and the main ones a wide
 * screen too.
 */
import { expect } from "expect";
import type { Page } from "playwright-core";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import {
  adminWithTwoFactor,
  expectAccessible,
  newPhonePage,
  signUpInBrowser,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { getUserByEmail } from "@/services/auth/mod.ts";
import {
  availableEarningsAccount,
  checkLedger,
  post,
  processorAccount,
} from "@/services/ledger/mod.ts";

/** The same page on a wide screen passes too; then back to the phone. */
async function expectAccessibleWide(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page);
  await page.setViewportSize({ width: 360, height: 740 });
}

Deno.test({
  name: "a learner buys credits with the test card on a phone and sees them",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const learner = await newPhonePage(browser);
      const page = learner.page;
      const base = app.baseUrl;
      await signUpInBrowser(page, base, {
        role: "learner",
        name: "Lena Learner",
        email: "lena@example.com",
      });
      await page.getByRole("link", { name: "Wallet" }).click();
      await page.waitForURL(`${base}/dashboard/wallet`);
      await expect(page.getByText("You have no credits yet").count())
        .resolves.toBe(1);
      await expectAccessible(page);
      await expectAccessibleWide(page);

      await page.getByRole("button", { name: /Buy \$100\.00/ }).click();
      await page.waitForURL(/\/pay\/cs_sim_/);
      await expect(page.getByText("Test mode: no real card is charged").count())
        .resolves.toBe(1);
      await expectAccessible(page);

      // A declined card says why; the form stays for another try.
      await page.getByLabel("Card number").fill("4000 0000 0000 0002");
      await page.getByRole("button", { name: "Pay $100.00" }).click();
      await expect(page.getByText("Your card was declined.").count())
        .resolves.toBe(1);
      await expectAccessible(page);

      await page.getByLabel("Card number").fill("4242 4242 4242 4242");
      await page.getByLabel("Expiry").fill("12 / 34");
      await page.getByLabel("CVC").fill("123");
      await page.getByRole("button", { name: "Pay $100.00" }).click();
      await page.waitForURL(/\/dashboard\/wallet\?topUp=/);
      await expect(
        page.getByText("Thank you: your payment went through").count(),
      ).resolves.toBe(1);
      await expect(
        page.locator("#balance").getByText("$105.00 in credits").count(),
      ).resolves.toBe(1);
      await expectAccessible(page);

      await page.getByRole("link", { name: "See the receipt" }).click();
      await page.waitForURL(/\/dashboard\/wallet\/receipts\//);
      await expect(page.getByRole("heading", { name: "Receipt" }).count())
        .resolves.toBe(1);
      await expectAccessible(page);
      expect(learner.errors).toEqual([]);
      await learner.close();
      expect((await checkLedger(app.kv)).ok).toBe(true);
    }),
});

Deno.test({
  name: "an expert withdraws and the admin approves it from the finance area",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const base = app.baseUrl;
      const expert = await newPhonePage(browser);
      await signUpInBrowser(expert.page, base, {
        role: "expert",
        name: "Eve Expert",
        email: "eve@example.com",
      });
      const page = expert.page;
      await page.goto(`${base}/expert/earnings`);
      await expectAccessible(page);

      await page.getByLabel("Account holder").fill("Eve Expert");
      await page.getByLabel("IBAN").fill("DE89 3704 0044 0532 0130 01");
      await page.getByRole("button", { name: "Save bank details" }).click();
      await expect(page.locator("#iban-error").count()).resolves.toBe(1);
      await expectAccessible(page);
      await page.getByLabel("IBAN").fill("DE89 3704 0044 0532 0130 00");
      await page.getByRole("button", { name: "Save bank details" }).click();
      await expect(page.getByText("DE89 •••• 3000").count()).resolves.toBe(1);

      // Earnings, as completed sessions would release them.
      const eve = await getUserByEmail(app.kv, "eve@example.com");
      await post(app.kv, {
        idempotencyKey: "browser-earnings",
        currency: "USD",
        kind: "earnings_available",
        lines: [
          { account: processorAccount("simulated"), amountMinor: -15_000 },
          { account: availableEarningsAccount(eve!.id), amountMinor: 15_000 },
        ],
      });
      await page.reload();
      await page.getByLabel("Amount").fill("60");
      await page.getByRole("button", { name: "Request withdrawal" }).click();
      await expect(page.getByText("Your withdrawal is requested").count())
        .resolves.toBe(1);
      await expectAccessible(page);
      await expectAccessibleWide(page);

      const admin = await newPhonePage(browser);
      await adminWithTwoFactor(admin.page, app);
      const desk = admin.page;
      await desk.goto(`${base}/admin/finance`);
      await expect(desk.getByText("The books balance").count()).resolves.toBe(
        1,
      );
      await expectAccessible(desk);
      await expectAccessibleWide(desk);

      await desk.getByRole("link", { name: "Withdrawals" }).first().click();
      await desk.waitForURL(`${base}/admin/finance/withdrawals`);
      await expectAccessible(desk);
      await desk.getByRole("button", { name: "Approve and pay $60.00" })
        .click();
      await expect(desk.getByText("Approved: the payout was sent.").count())
        .resolves.toBe(1);
      await expectAccessible(desk);

      for (
        const path of [
          "/admin/finance/transactions",
          "/admin/finance/top-ups",
          "/admin/settings",
        ]
      ) {
        await desk.goto(base + path);
        await expectAccessible(desk);
      }

      await page.reload();
      await expect(page.getByText("Paid out").count()).resolves.toBe(2);
      expect([...expert.errors, ...admin.errors]).toEqual([]);
      await admin.close();
      await expert.close();
    }),
});
