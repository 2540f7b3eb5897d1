/**
 * Two people in two browsers at once: a learner (desktop) and the expert
 * she booked (a 360 px phone) open their conversation; what one types shows
 * as "typing" on the other's screen, a sent message appears there without a
 * reload, and reading it shows "Seen" to the sender. Both pages pass axe.
 * Set MESSAGES_SCREENSHOTS=<folder> to keep screenshots of both.
 */
import { expect } from "expect";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import {
  expectAccessible,
  signedInPage,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { conversationOf, messagingPair } from "@/tests/support/messaging.ts";

const SHOTS = Deno.env.get("MESSAGES_SCREENSHOTS");

Deno.test({
  name: "a message sent in one browser appears live in the other's",
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

      await learner.page.goto(`${app.baseUrl}/bookings/${pair.bookingId}`);
      await learner.page.getByRole("link", { name: /^Message / }).click();
      await learner.page.waitForURL(/\/messages\/[0-9A-Z]+$/);
      const path = new URL(learner.page.url()).pathname;
      await learner.page.getByText("Live: new messages").waitFor();

      await expert.page.goto(`${app.baseUrl}${path}`);
      await expert.page.getByText("Live: new messages").waitFor();

      await learner.page.getByLabel("Your message").fill(
        "Hello! Could we look at https://example.com/plan first?",
      );
      await expert.page.getByText("Lee Learner is typing…").waitFor();
      await learner.page.getByRole("button", { name: "Send" }).click();

      const arrived = expert.page.getByRole("link", {
        name: "https://example.com/plan",
      });
      await arrived.waitFor();
      expect(await arrived.getAttribute("rel")).toContain("noopener");
      // The expert's page read it: the learner sees the receipt.
      await learner.page.getByText("Seen", { exact: true }).waitFor();

      // Near the limit, what is left is said.
      await expert.page.getByLabel("Your message").fill("a".repeat(3_900));
      await expert.page.getByText("100 of 4000 characters left").waitFor();
      await expert.page.getByLabel("Your message").fill("Of course, see you.");
      await expect(
        expert.page.getByText("characters left").count(),
      ).resolves.toBe(0);
      await expert.page.getByRole("button", { name: "Send" }).click();
      await learner.page.getByText("Of course, see you.").waitFor();

      for (const { page } of [learner, expert]) await expectAccessible(page);
      if (SHOTS) {
        await learner.page.screenshot({ path: `${SHOTS}/learner-1280.png` });
        await expert.page.screenshot({
          path: `${SHOTS}/expert-360.png`,
          fullPage: true,
        });
        await learner.page.goto(`${app.baseUrl}/messages`);
        await learner.page.screenshot({ path: `${SHOTS}/list-1280.png` });
      }
      expect([...learner.errors, ...expert.errors]).toEqual([]);
    });
  },
});

Deno.test({
  name: "a message typed before the conversation's script starts is kept",
  ignore: !browserTestsEnabled,
  async fn() {
    await withBrowser(async (app, browser) => {
      const pair = await messagingPair(app.kv);
      const conversationId = await conversationOf(app.kv, pair.learner);
      const { page, errors } = await signedInPage(
        browser,
        app.baseUrl,
        pair.learner.email,
        360,
      );
      // A slow connection: the learner types before the script runs.
      let startIsland = () => {};
      const typed = new Promise<void>((resolve) => startIsland = resolve);
      await page.route("**/_fresh/js/MessagesThread*.js", async (route) => {
        await typed;
        await route.continue();
      });
      await page.goto(`${app.baseUrl}/messages/${conversationId}`, {
        waitUntil: "commit",
      });
      await page.getByLabel("Your message").fill("Typed on a slow train.");
      startIsland();
      await page.getByText("Live: new messages").waitFor();
      await expect(page.getByLabel("Your message").inputValue()).resolves
        .toBe("Typed on a slow train.");
      await page.getByRole("button", { name: "Send" }).click();
      await page.locator("li", { hasText: "Typed on a slow train." }).waitFor();
      await expect(page.getByLabel("Your message").inputValue()).resolves
        .toBe("");
      // Sending nothing says so instead of doing nothing.
      await page.getByRole("button", { name: "Send" }).click();
      await page.getByText("Write a message or attach a file first.").waitFor();
      expect(errors).toEqual([]);
    });
  },
});
