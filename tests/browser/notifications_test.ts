/**
 * Two people in two browsers: the learner (desktop) sits on her account
 * page; the expert she booked (a 360 px phone) sends her a message; her
 * bell's count goes up without a reload and its accessible name says so.
 * She opens the list, follows the notification to the conversation, marks
 * all read, and sets her choices on the settings page. Every page passes
 * axe at its width. Set NOTIFICATIONS_SCREENSHOTS=<folder> to keep
 * screenshots at 360 and 1280 px.
 */
import { expect } from "expect";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import {
  expectAccessible,
  signedInPage,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { messagingPair } from "@/tests/support/messaging.ts";
import { openConversation, sendMessage } from "@/services/messaging/mod.ts";

const SHOTS = Deno.env.get("NOTIFICATIONS_SCREENSHOTS");

Deno.test({
  name: "a message from one user makes the other's bell count go up live",
  ignore: !browserTestsEnabled,
  async fn() {
    await withBrowser(async (app, browser) => {
      const pair = await messagingPair(app.kv, { booked: true });
      const learner = await signedInPage(
        browser,
        app.baseUrl,
        pair.learner.email,
        1280,
      );
      const expert = await signedInPage(
        browser,
        app.baseUrl,
        pair.expert.email,
        360,
      );
      await learner.page.goto(`${app.baseUrl}/account`);
      // The booking's notification, rendered by the server.
      const bell = learner.page.getByRole("link", {
        name: "Notifications, 1 unread",
      });
      await bell.waitFor();
      // The island has hydrated and its stream is open.
      await learner.page.locator('a[href="/notifications"][data-live="on"]')
        .waitFor();

      await expert.page.goto(`${app.baseUrl}/bookings/${pair.bookingId}`);
      await expert.page.getByRole("link", { name: /^Message / }).click();
      await expert.page.waitForURL(/\/messages\/[0-9A-Z]+$/);
      // Type once the thread runs, as its user would see it say so.
      await expert.page.getByText("Live: new messages").waitFor();
      await expert.page.getByLabel("Your message").fill(
        "Hello! Shall we start with your goals?",
      );
      await expert.page.getByRole("button", { name: "Send" }).click();
      // Sent: it shows in the expert's own thread.
      await expert.page.locator("ol").getByText(
        "Hello! Shall we start with your goals?",
      ).waitFor();

      await learner.page.getByRole("link", {
        name: "Notifications, 2 unread",
      }).waitFor({ timeout: 30_000 });
      expect(
        await learner.page.locator("[aria-live=polite]").first().textContent(),
      ).toBe("New notification: New message from Esme Expert");
      await expectAccessible(learner.page);
      if (SHOTS) {
        await learner.page.screenshot({ path: `${SHOTS}/bell-1280.png` });
      }

      // A second message to the same conversation replaces the first's
      // notification: the count stays.
      const conversation = await openConversation(
        app.kv,
        pair.expert,
        pair.learner.id,
      );
      await sendMessage(app.kv, pair.expert.id, conversation.id, {
        text: "And bring your notes.",
      });
      await learner.page.waitForFunction(() =>
        document.querySelector("[aria-live=polite]")?.textContent ===
          "New notification: New message from Esme Expert"
      );
      await bell.waitFor({ state: "detached" }).catch(() => {});
      expect(
        await learner.page.getByRole("link", { name: /^Notifications/ })
          .getAttribute("aria-label"),
      ).toBe("Notifications, 2 unread");

      await learner.page.getByRole("link", { name: /^Notifications/ }).click();
      await learner.page.waitForURL(/\/notifications$/);
      await learner.page.getByText("2 unread.").waitFor();
      await expectAccessible(learner.page);
      if (SHOTS) {
        await learner.page.screenshot({ path: `${SHOTS}/list-1280.png` });
      }
      await learner.page.getByRole("button", { name: "Mark all read" })
        .click();
      await learner.page.getByText("All your notifications are marked read.")
        .waitFor();
      expect(
        await learner.page.getByRole("link", { name: /^Notifications/ })
          .getAttribute("aria-label"),
      ).toBe("Notifications");
      await learner.page.getByRole("link", {
        name: "New message from Esme Expert",
      }).click();
      await learner.page.waitForURL(/\/messages\/[0-9A-Z]+$/);

      // The expert, on a phone: the list and the settings page.
      await expert.page.goto(`${app.baseUrl}/notifications`);
      await expectAccessible(expert.page);
      if (SHOTS) {
        await expert.page.screenshot({
          path: `${SHOTS}/list-360.png`,
          fullPage: true,
        });
      }
      await expert.page.goto(`${app.baseUrl}/account/notifications`);
      await expectAccessible(expert.page);
      await expert.page.getByRole("group", { name: /^New messages/ })
        .getByLabel("By email").uncheck();
      await expert.page.getByRole("button", { name: "Save choices" }).click();
      await expert.page.getByText("Your choices are saved.").waitFor();
      expect(
        await expert.page.getByRole("group", { name: /^New messages/ })
          .getByLabel("By email").isChecked(),
      ).toBe(false);
      if (SHOTS) {
        await expert.page.screenshot({
          path: `${SHOTS}/settings-360.png`,
          fullPage: true,
        });
        await learner.page.goto(`${app.baseUrl}/account/notifications`);
        await learner.page.screenshot({ path: `${SHOTS}/settings-1280.png` });
        await expert.page.goto(`${app.baseUrl}/account`);
        await expert.page.screenshot({ path: `${SHOTS}/bell-360.png` });
      }
      expect([...learner.errors, ...expert.errors]).toEqual([]);
    });
  },
});
