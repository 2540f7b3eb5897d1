/**
 * The admin's statistics in a real browser, from data made through the
 * product: a learner signs up, buys credits with the test card and books a
 * session; the admin then reads the figures on a phone and a wide screen,
 * corrects a half-chosen period, downloads the daily and money reports
 * (checked row by row), opts in to the weekly summary, and finds the
 * booking in session monitoring. Every page passes axe at 360 and 1280 px.
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
import { bookableExpert } from "@/tests/support/bookings.ts";
import { parseCsv } from "@/services/platform/csv.ts";
import { addDays, dayOf } from "@/services/platform_stats/mod.ts";

const SHOTS = Deno.env.get("STATS_SCREENSHOTS");

async function checkBothWidths(page: Page, name: string): Promise<void> {
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/${name}-360.png`, fullPage: true });
  }
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  if (SHOTS) {
    await page.screenshot({
      path: `${SHOTS}/${name}-1280.png`,
      fullPage: true,
    });
  }
  await expectAccessible(page);
  await page.setViewportSize({ width: 360, height: 740 });
}

/** Clicks the link named `name` and reads the file it downloads. */
async function download(page: Page, name: string): Promise<string[][]> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name }).click(),
  ]);
  return parseCsv(await Deno.readTextFile((await file.path())!));
}

Deno.test({
  name:
    "an admin reads the platform's figures, downloads reports and monitors sessions",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const base = app.baseUrl;
      // A published expert who takes bookings from a day ahead, so the
      // session is never in today's call window.
      const { expertId } = await bookableExpert(app.kv, {
        profile: { name: "Bruno Booked" },
        availability: { minNoticeMinutes: 24 * 60 },
      });

      const learner = await newPhonePage(browser);
      const lp = learner.page;
      await signUpInBrowser(lp, base, {
        role: "learner",
        name: "Lena Learner",
        email: "lena@example.com",
      });
      await lp.goto(`${base}/dashboard/wallet`);
      await lp.getByRole("button", { name: /Buy \$100\.00/ }).click();
      await lp.waitForURL(/\/pay\/cs_sim_/);
      await lp.getByLabel("Card number").fill("4242 4242 4242 4242");
      await lp.getByLabel("Expiry").fill("12 / 34");
      await lp.getByLabel("CVC").fill("123");
      await lp.getByRole("button", { name: "Pay $100.00" }).click();
      await lp.waitForURL(/\/dashboard\/wallet\?topUp=/);
      await lp.goto(`${base}/book/${expertId}`);
      const first = lp.locator('input[name="start"]').first();
      await first.waitFor({ state: "attached" });
      const start = (await first.getAttribute("value"))!;
      await lp.locator(`label:has(input[value="${start}"])`).click();
      await lp.getByRole("button", { name: "Book for $60.00" }).click();
      await lp.waitForURL(/\/bookings\/[^/]+\?booked=1$/);
      expect(learner.errors).toEqual([]);
      await learner.close();

      const admin = await newPhonePage(browser);
      const page = admin.page;
      await adminWithTwoFactor(page, app);
      await page.goto(`${base}/admin`);
      await page.getByRole("link", { name: "Platform statistics" }).click();
      await page.waitForURL(`${base}/admin/stats`);
      const today = dayOf(new Date());
      await expect(
        page.getByText(`Showing ${addDays(today, -29)} to ${today} (30 days).`)
          .count(),
      ).resolves.toBe(1);
      const figure = (label: string) =>
        page.locator("#headline dt", { hasText: label }).locator("xpath=..")
          .locator("dd").innerText();
      await expect(figure("Learner sign-ups")).resolves.toBe("1");
      await expect(figure("Active learners")).resolves.toBe("1");
      await expect(figure("Active experts")).resolves.toBe("1");
      await expect(figure("Bookings made")).resolves.toBe("1");
      await expect(figure("Completion rate")).resolves.toBe("–");
      await expect(
        page.locator("#top-experts").getByText("Bruno Booked").count(),
      ).resolves.toBe(1);
      await expect(
        page.getByRole("region", { name: "Money per currency (table)" })
          .getByText("$100.00").count(),
      ).resolves.toBe(1);
      await checkBothWidths(page, "stats");

      await page.getByRole("link", { name: "Last 7 days" }).click();
      await page.waitForURL(`${base}/admin/stats?days=7`);
      await expect(
        page.getByText(`Showing ${addDays(today, -6)} to ${today} (7 days).`)
          .count(),
      ).resolves.toBe(1);

      // Half a period: the form says what is missing and keeps the date.
      await page.getByLabel("From").fill(addDays(today, -2));
      await page.getByLabel("To (inclusive)").fill("");
      await page.getByRole("button", { name: "Show these days" }).click();
      await expect(
        page.getByText("Give the last day of the period too.").count(),
      )
        .resolves.toBe(1);
      await expect(page.getByLabel("From").inputValue()).resolves.toBe(
        addDays(today, -2),
      );
      await checkBothWidths(page, "stats-error");
      await page.getByLabel("To (inclusive)").fill(today);
      await page.getByRole("button", { name: "Show these days" }).click();
      await expect(
        page.getByText(`Showing ${addDays(today, -2)} to ${today} (3 days).`)
          .count(),
      ).resolves.toBe(1);

      // The day-by-day report, row by row: the three days, today's sign-ups
      // (the learner and the admin) and the booking made today.
      const daily = await download(
        page,
        "Sign-ups, bookings and sessions per day (CSV)",
      );
      expect(daily).toEqual([
        [
          "date",
          "signups_learner",
          "signups_expert",
          "signups_admin",
          "bookings_made",
          "sessions_started",
          "completed",
          "cancelled",
          "no_show",
        ],
        [addDays(today, -2), "0", "0", "0", "0", "0", "0", "0", "0"],
        [addDays(today, -1), "0", "0", "0", "0", "0", "0", "0", "0"],
        [today, "1", "0", "1", "1", "0", "0", "0", "0"],
      ]);
      const money = await download(
        page,
        "Money in, commission and refunds per day (CSV)",
      );
      expect(money).toEqual([
        ["date", "currency", "money_in", "commission", "refunds"],
        [today, "USD", "100.00", "0.00", "0.00"],
      ]);

      await page.getByLabel("Email me last week's headline figures").check();
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByText("Your choice is saved.").count())
        .resolves.toBe(1);
      await expect(
        page.getByLabel("Email me last week's headline figures").isChecked(),
      ).resolves.toBe(true);

      await page.getByRole("link", { name: "Session monitoring" }).click();
      await page.waitForURL(`${base}/admin/sessions`);
      await expect(page.getByText("No call is open right now.").count())
        .resolves.toBe(1);
      await page.getByLabel("Sessions starting on (UTC)").fill(dayOf(start));
      await page.getByRole("button", { name: "Show", exact: true }).click();
      const row = page.locator("#attendance tbody tr");
      await expect(row.count()).resolves.toBe(1);
      await expect(row.getByText("Lena Learner (lena@example.com)").count())
        .resolves.toBe(1);
      await expect(row.getByText("Not settled yet").count()).resolves.toBe(1);
      await expect(row.getByText("Never joined").count()).resolves.toBe(2);
      await checkBothWidths(page, "sessions");
      expect(admin.errors).toEqual([]);
      await admin.close();
    }),
});
