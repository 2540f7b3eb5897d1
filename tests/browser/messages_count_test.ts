/**
 * The unread-messages count in the area navigation: a learner on her
 * dashboard (360 px and 1280 px) sees "Messages, 1 unread" appear without a
 * reload when her expert writes, and "Messages" alone once she has read it.
 * The bell and the count share one event stream. Every page passes axe.
 * Set MESSAGES_COUNT_SCREENSHOTS=<folder> to keep screenshots.
 */
import { expect } from "expect";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import {
  expectAccessible,
  signedInPage,
  until,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { messagingPair } from "@/tests/support/messaging.ts";
import { openConversation, sendMessage } from "@/services/messaging/mod.ts";
import { providerFor } from "@/services/platform/providers.ts";
import { liveHubProvider } from "@/realtime/hub.ts";

const SHOTS = Deno.env.get("MESSAGES_COUNT_SCREENSHOTS");

Deno.test({
  name: "the Messages link counts unread messages live",
  ignore: !browserTestsEnabled,
  async fn() {
    await withBrowser(async (app, browser) => {
      const pair = await messagingPair(app.kv, { booked: true });
      const conversation = await openConversation(
        app.kv,
        pair.expert,
        pair.learner.id,
      );
      const hub = providerFor(app.kv, liveHubProvider);
      for (const width of [360, 1280]) {
        const learner = await signedInPage(
          browser,
          app.baseUrl,
          pair.learner.email,
          width,
        );
        await learner.page.goto(`${app.baseUrl}/dashboard`);
        const link = learner.page.getByRole("navigation", {
          name: "Learning sections",
        }).getByRole("link", { name: /^Messages/ });
        expect(await link.getAttribute("aria-label")).toBe(null);
        await learner.page.locator('a[href="/messages"][data-live="on"]')
          .waitFor();

        await sendMessage(app.kv, pair.expert.id, conversation.id, {
          text: `Hello at ${width} px`,
        });
        await learner.page.getByRole("link", { name: "Messages, 1 unread" })
          .waitFor();
        expect(await link.textContent()).toBe("Messages");
        await expectAccessible(learner.page);
        if (SHOTS) {
          await learner.page.screenshot({
            path: `${SHOTS}/messages-count-${width}.png`,
            fullPage: true,
          });
        }
        // One stream for the bell and the count (the landing page's ends).
        await until(() => Promise.resolve(hub.stats().connections === 1), {
          what: "one event stream for the page",
        });

        await learner.page.goto(`${app.baseUrl}/messages/${conversation.id}`);
        await learner.page.getByText(`Hello at ${width} px`).waitFor();
        await learner.page.getByRole("link", { name: "Messages", exact: true })
          .waitFor();
        expect(learner.errors).toEqual([]);
        await learner.page.context().close();
      }
    });
  },
});
