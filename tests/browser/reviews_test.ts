/**
 * Reviews in Chromium at 360 px, without JavaScript doing any of it: a
 * learner rates a held session from its booking page, reads it on the
 * expert's profile, another reader reports it, and an admin hides it from
 * the moderation queue with a note. Every page passes axe and fits the
 * screen. With SCREENSHOTS=<folder>, each view is saved there too.
 */
import { expect } from "expect";
import type { Page } from "playwright-core";
import { getUserByEmail } from "@/services/auth/mod.ts";
import { completedBookingOf } from "@/tests/support/reviews.ts";
import {
  adminWithTwoFactor,
  expectAccessible,
  newPhonePage,
  signUpInBrowser,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";

const SHOTS = Deno.env.get("SCREENSHOTS");

async function check(page: Page, name: string) {
  await expectAccessible(page);
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }
}

Deno.test({
  name:
    "a learner rates a session, a reader reports it, an admin hides it: on a phone, axe-clean",
  ignore: !browserTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withBrowser(async (app, browser) => {
      const learner = await newPhonePage(browser);
      const email = `rater-${Date.now()}@example.com`;
      await signUpInBrowser(learner.page, app.baseUrl, {
        role: "learner",
        name: "Rita Rater",
        email,
      });
      const user = (await getUserByEmail(app.kv, email))!;
      const booking = await completedBookingOf(app.kv, user);

      const { page } = learner;
      await page.goto(`${app.baseUrl}/bookings/${booking.id}`);
      await check(page, "reviews-1-booking-form");
      await page.getByText("Very good").click();
      await page.getByLabel("Your review").fill("Patient and precise.");
      await page.getByRole("button", { name: "Publish review" }).click();
      await page.waitForURL(/done=reviewed/);
      await expect(page.getByText("Thanks for your review").count())
        .resolves.toBe(1);
      await check(page, "reviews-2-booking-reviewed");

      await page.goto(`${app.baseUrl}/experts/${booking.expertId}#reviews`);
      await expect(page.getByText("Patient and precise.").count())
        .resolves.toBe(1);
      await check(page, "reviews-3-profile");

      const reader = await newPhonePage(browser);
      await signUpInBrowser(reader.page, app.baseUrl, {
        role: "learner",
        name: "Reed Reader",
        email: `reader-${Date.now()}@example.com`,
      });
      await reader.page.goto(
        `${app.baseUrl}/experts/${booking.expertId}#reviews`,
      );
      await reader.page.getByRole("link", { name: /^Report/ }).click();
      await check(reader.page, "reviews-4-report");
      await reader.page.getByLabel("Reason").fill("Not about the session.");
      await reader.page.getByRole("button", { name: "Report the review" })
        .click();
      await reader.page.waitForURL(/done=reported/);
      await check(reader.page, "reviews-5-reported");

      const admin = await newPhonePage(browser);
      await adminWithTwoFactor(admin.page, app);
      await admin.page.goto(`${app.baseUrl}/admin/reviews`);
      await expect(admin.page.getByText("Not about the session.").count())
        .resolves.toBe(1);
      await check(admin.page, "reviews-6-queue");
      await admin.page.getByLabel("Note for the author").fill(
        "It is about the session; keeping it.",
      );
      await admin.page.getByRole("button", { name: "Keep it up" }).click();
      await admin.page.waitForURL(/done=restore/);
      await check(admin.page, "reviews-7-decided");
      for (const context of [learner, reader, admin]) await context.close();
    });
  },
});
