/**
 * One event stream per page: a learner's conversation page (the thread, the
 * header's bell and the Messages count) and her call page inside the join
 * window (the call's signals, its chat and the bell) each open GET /api/live
 * exactly once, counted from the browser's own requests (at 360 px, then
 * 1280 px).
 */
import { expect } from "expect";
import type { Page } from "playwright-core";
import {
  browserTestsEnabled,
  launchBrowser,
  serveTestApp,
} from "@/tests/support/helpers.ts";
import { signedInPage, until } from "@/tests/support/browser_flows.ts";
import { account } from "@/tests/support/messaging.ts";
import { bookedTomorrow } from "@/tests/support/bookings.ts";
import { openConversation } from "@/services/messaging/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { newId } from "@/services/platform/kv.ts";

/**
 * Counts, from now on, the requests for the event stream made by the
 * document at each path: the page left behind may still open its own
 * stream while the next one loads, and that one is not the next page's.
 */
function countStreams(page: Page): (path: string) => number {
  const byDocument = new Map<string, number>();
  page.on("request", (request) => {
    if (new URL(request.url()).pathname !== "/api/live") return;
    const document = new URL(request.frame().url()).pathname;
    byDocument.set(document, (byDocument.get(document) ?? 0) + 1);
  });
  return (path) => byDocument.get(path) ?? 0;
}

/** Waits until the bell says the shared stream is open, then a little more. */
async function settled(page: Page): Promise<void> {
  await page.locator('a[href="/notifications"][data-live="on"]').waitFor();
  // Time for a second stream to show up if an island opened its own.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}

Deno.test({
  name: "a conversation page and a call page each hold one event stream",
  ignore: !browserTestsEnabled,
  async fn() {
    using clock = useFakeClock(new Date());
    await using app = await serveTestApp();
    const browser = await launchBrowser();
    try {
      const learner = await account(app.kv, "learner");
      const expert = await account(app.kv, "expert", newId());
      const booking = await bookedTomorrow(app.kv, learner, expert.id);
      const start = booking.start;
      const conversation = await openConversation(app.kv, learner, expert.id);
      clock.set(new Date(Date.parse(start) - 5 * 60_000));

      const { page, errors } = await signedInPage(
        browser,
        app.baseUrl,
        learner.email,
        360,
      );
      const streams = countStreams(page);

      const thread = `/messages/${conversation.id}`;
      await page.goto(`${app.baseUrl}${thread}`);
      await page.getByText("Live: new messages").waitFor();
      await settled(page);
      expect(streams(thread)).toBe(1);

      // The call page on a desktop, as experts mostly take calls.
      await page.setViewportSize({ width: 1280, height: 900 });
      const call = `/bookings/${booking.id}/call`;
      await page.goto(`${app.baseUrl}${call}`);
      await page.getByRole("button", { name: "Join the call" }).waitFor();
      await settled(page);
      expect(streams(call)).toBe(1);
      await until(() => Promise.resolve(errors.length === 0));
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  },
});
