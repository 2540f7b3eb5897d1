/**
 * The expert's home in Chromium, at 360 px and 1280 px, read from real
 * records: an approved expert's sessions booked, held and completed by
 * the product's services (which pay the expert through the ledger), a
 * review the learner writes on the booking page, and profile views. The
 * expert reads the figures, opens a student's history, writes shared
 * notes the learner then reads, and downloads the sessions and earnings as
 * CSV. Every page passes axe and fits the screen. With SCREENSHOTS=<folder>,
 * each view is saved there too.
 */
import { expect } from "expect";
import type { Page } from "playwright-core";
import { getUserByEmail } from "@/services/auth/mod.ts";
import { recordAnalyticsEvent } from "@/services/analytics/mod.ts";
import { parseCsv } from "@/services/platform/csv.ts";
import {
  approvedExpert,
  heldSession,
  learnerAccount,
  upcomingSession,
} from "@/tests/support/expert_home.ts";
import {
  expectAccessible,
  newPhonePage,
  signedInPage,
  signUpInBrowser,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";

const SHOTS = Deno.env.get("SCREENSHOTS");

async function check(page: Page, name: string) {
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }
  await expectAccessible(page);
}

/** Clicks `button` and reads the CSV file it downloads. */
async function downloadCsv(page: Page, button: string): Promise<{
  name: string;
  rows: string[][];
}> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button }).click(),
  ]);
  const path = await download.path();
  return {
    name: download.suggestedFilename(),
    rows: parseCsv(await Deno.readTextFile(path)),
  };
}

Deno.test({
  name:
    "an expert reads their business, a student's history and shares notes; CSV downloads: 360 and 1280 px, axe-clean",
  ignore: !browserTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withBrowser(async (app, browser) => {
      const stamp = Date.now();
      const expertEmail = `erin-${stamp}@example.com`;
      const phone = await newPhonePage(browser);
      await signUpInBrowser(phone.page, app.baseUrl, {
        role: "expert",
        name: "Erin Expert",
        email: expertEmail,
      });
      const expert = (await getUserByEmail(app.kv, expertEmail))!;
      const offering = await approvedExpert(app.kv, expert.id);

      const learnerEmail = `ada-${stamp}@example.com`;
      const learner = await newPhonePage(browser);
      await signUpInBrowser(learner.page, app.baseUrl, {
        role: "learner",
        name: "Ada Learner",
        email: learnerEmail,
      });
      const ada = (await getUserByEmail(app.kv, learnerEmail))!;
      const first = await heldSession(app.kv, offering, ada);
      await heldSession(app.kv, offering, ada);
      const bob = await learnerAccount(app.kv, "Bob Learner");
      await heldSession(app.kv, offering, bob);
      const next = await upcomingSession(app.kv, offering, bob);
      for (let i = 0; i < 6; i++) {
        await recordAnalyticsEvent(app.kv, {
          type: "profile_view",
          subjectId: expert.id,
          visitorId: `browser-visitor-${i}-000000`,
        });
      }

      // The learner rates the first session on its page.
      await learner.page.goto(`${app.baseUrl}/bookings/${first.id}`);
      await learner.page.getByText("Excellent").click();
      await learner.page.getByLabel("Your review").fill("Clear and kind.");
      await learner.page.getByRole("button", { name: "Publish review" })
        .click();
      await learner.page.waitForURL(/done=reviewed/);

      // The home on a phone.
      const { page } = phone;
      await page.goto(`${app.baseUrl}/expert`);
      await expect(page.getByTestId("earnings-total-USD").innerText())
        .resolves.toContain("$153.00");
      await expect(page.getByTestId("sessions-total").innerText()).resolves
        .toContain("3 completed sessions, 3 hours");
      await expect(page.getByTestId("repeat-rate").innerText()).resolves
        .toContain("50%");
      await expect(page.getByTestId("conversion").innerText()).resolves
        .toContain("6 profile views and 4 bookings");
      await expect(
        page.getByRole("link", { name: "Code review" }).getAttribute("href"),
      ).resolves.toBe(`/bookings/${next.id}`);
      // The charts' text equivalent carries the rating of the review.
      await expect(
        page.locator("table").filter({ hasText: "Average stars" }).innerText(),
      ).resolves.toContain("5 ★");
      await check(page, "expert-home-1-phone");

      // Students, then Ada's history, then notes on her first session.
      await page.getByRole("link", { name: "Your students" }).click();
      await page.waitForURL(/\/expert\/students$/);
      await check(page, "expert-home-2-students");
      await page.getByRole("link", { name: "Ada Learner" }).click();
      await page.waitForURL(new RegExp(`/expert/students/${ada.id}$`));
      await expect(page.getByTestId("student-sessions").innerText())
        .resolves.toBe("2");
      await check(page, "expert-home-3-student");
      await page.goto(`${app.baseUrl}/bookings/${first.id}#notes`);
      await page.getByLabel("Your notes").fill(
        "We covered closures.\nPractise with https://example.com/closures",
      );
      await page.getByRole("button", { name: "Share the notes" }).click();
      await page.waitForURL(/done=notes/);
      await expect(page.getByText("Your notes are saved").count()).resolves
        .toBe(1);
      await check(page, "expert-home-4-notes");

      // The learner reads them, with the link.
      await learner.page.goto(`${app.baseUrl}/bookings/${first.id}`);
      await expect(learner.page.getByTestId("session-note").innerText())
        .resolves.toContain("We covered closures.");
      await expect(
        learner.page.getByRole("link", {
          name: "https://example.com/closures",
        }).count(),
      ).resolves.toBe(1);
      await check(learner.page, "expert-home-5-learner-notes");

      // The same home on a wide screen, and the downloads.
      const wide = await signedInPage(
        browser,
        app.baseUrl,
        expertEmail,
        1280,
      );
      await wide.page.goto(`${app.baseUrl}/expert`);
      await check(wide.page, "expert-home-6-wide");
      const sessions = await downloadCsv(wide.page, "Download sessions");
      expect(sessions.name).toMatch(/^taptime-sessions-.*\.csv$/);
      expect(sessions.rows[0].slice(0, 3)).toEqual([
        "booking_id",
        "start_local",
        "start_utc",
      ]);
      // Three held sessions; the upcoming one starts after today.
      expect(sessions.rows.length).toBe(4);
      expect(sessions.rows.filter((row) => row[5] === "Ada Learner").length)
        .toBe(2);
      const earnings = await downloadCsv(wide.page, "Download earnings");
      expect(earnings.rows.length).toBe(4);
      expect(earnings.rows.slice(1).map((row) => row.at(-1))).toEqual([
        "51.00",
        "51.00",
        "51.00",
      ]);
      await wide.page.goto(`${app.baseUrl}/expert/students/${ada.id}`);
      await expect(wide.page.getByTestId("session-note").innerText())
        .resolves.toContain("We covered closures.");
      await check(wide.page, "expert-home-7-wide-student");

      expect(phone.errors).toEqual([]);
      expect(learner.errors).toEqual([]);
      expect(wide.errors).toEqual([]);
    });
  },
});
