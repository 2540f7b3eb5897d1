/**
 * A recorded peer-to-peer call in two real browsers with Chromium's fake
 * camera and microphone: the learner books an offering that offers
 * recording and ticks the consent box; in the call both see that it is
 * being recorded; the expert's browser records a few seconds (both videos
 * and both microphones mixed) and saves it on hanging up; then both find
 * the recording on the booking page and it plays (metadata loaded, time
 * advancing), streamed with range requests. A third user gets 404.
 */
import { expect } from "expect";
import type { Page } from "playwright-core";
import { browserTestsEnabled, serveTestApp } from "@/tests/support/helpers.ts";
import {
  callParties,
  launchCallBrowser,
} from "@/tests/support/call_browsers.ts";
import { expectAccessible, until } from "@/tests/support/browser_flows.ts";
import { bookableExpert, fundLearner } from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";

const SHOTS = Deno.env.get("CALL_SCREENSHOTS");

/** Waits until the page's recording player has loaded and played a little. */
async function plays(page: Page): Promise<{ duration: number; time: number }> {
  const video = page.locator("#recordings video").first();
  await video.waitFor();
  let played: { duration: number; time: number } | null = null;
  await until(async () => {
    played = await video.evaluate(async (v: HTMLVideoElement) => {
      v.muted = true;
      if (v.paused) await v.play().catch(() => {});
      return v.readyState >= 2 && v.currentTime > 0.2
        ? { duration: v.duration, time: v.currentTime }
        : null;
    });
    return played !== null;
  }, { what: "the recording to play", tries: 200, ignoreErrors: true });
  return played!;
}

Deno.test({
  name:
    "the expert's browser records a peer-to-peer call; both parties play it on the booking page",
  ignore: !browserTestsEnabled,
  async fn() {
    using clock = useFakeClock(new Date());
    await using app = await serveTestApp();
    const browser = await launchCallBrowser();
    try {
      const { learnerPage, expertPage, strangerPage, learner, expert, errors } =
        await callParties(browser, app);
      const { offering } = await bookableExpert(app.kv, {
        id: expert.id,
        offering: { recordingOffered: true },
      });
      await fundLearner(app.kv, learner.id, offering.priceMinor);

      // Booking: the consent box is there because the offering offers recording.
      await learnerPage.goto(
        `${app.baseUrl}/book/${expert.id}?offering=${offering.id}`,
      );
      const first = learnerPage.locator('input[name="start"]').first();
      const start = (await first.getAttribute("value"))!;
      await learnerPage.locator(`label:has(input[value="${start}"])`).click();
      const consent = learnerPage.getByLabel(/I agree that it may be recorded/);
      await consent.check();
      await expectAccessible(learnerPage);
      if (SHOTS) {
        await learnerPage.screenshot({
          path: `${SHOTS}/recording-consent-360.png`,
          fullPage: true,
        });
      }
      await learnerPage.getByRole("button", { name: /^Book for/ }).click();
      await learnerPage.waitForURL(/\/bookings\/[^/?]+\?booked=1$/);
      const bookingId = new URL(learnerPage.url()).pathname.split("/")[2];
      await learnerPage.getByText("This session may be recorded").waitFor();

      const callUrl = `${app.baseUrl}/bookings/${bookingId}/call`;
      clock.set(new Date(Date.parse(start) - 5 * 60_000));
      await learnerPage.goto(callUrl);
      await expertPage.goto(callUrl);
      for (const page of [learnerPage, expertPage]) {
        await page.getByRole("button", { name: "Join the call" }).click();
        await page.getByText("You are in the call.").waitFor();
      }
      // The expert's browser starts recording once connected; both see it.
      for (const page of [expertPage, learnerPage]) {
        await page.locator('[data-recording-state="recording"]').waitFor({
          timeout: 30_000,
        });
        await expect(
          page.getByRole("status").filter({ hasText: "Recording" })
            .count(),
        ).resolves.toBe(1);
      }
      await expectAccessible(expertPage);
      await expectAccessible(learnerPage);
      if (SHOTS) {
        await learnerPage.screenshot({
          path: `${SHOTS}/recording-call-360.png`,
          fullPage: true,
        });
        await expertPage.screenshot({
          path: `${SHOTS}/recording-call-1280.png`,
          fullPage: true,
        });
      }
      // A few seconds of call, then the expert hangs up: the recording is saved.
      await expertPage.waitForTimeout(4_000);
      await expertPage.getByRole("button", { name: "Hang up" }).click();
      await expertPage.getByText("You left the call.").waitFor({
        timeout: 30_000,
      });

      const listed = await (await learnerPage.request.get(
        `${app.baseUrl}/api/bookings/${bookingId}/recordings`,
      )).json();
      expect(listed.recordings).toHaveLength(1);
      const [recording] = listed.recordings;
      expect(recording).toMatchObject({ status: "ready", source: "browser" });
      expect(recording.sizeBytes).toBeGreaterThan(10_000);
      expect(recording.durationSeconds).toBeGreaterThanOrEqual(3);

      // Both play it on the booking page, a phone and a desktop.
      for (const page of [learnerPage, expertPage]) {
        await page.goto(`${app.baseUrl}/bookings/${bookingId}`);
        const played = await plays(page);
        expect(played.duration).toBeGreaterThan(0);
        await expectAccessible(page);
      }
      if (SHOTS) {
        await learnerPage.screenshot({
          path: `${SHOTS}/recording-booking-360.png`,
          fullPage: true,
        });
      }
      const ranged = await learnerPage.request.get(
        `${app.baseUrl}${recording.url}`,
        { headers: { range: "bytes=0-3" } },
      );
      expect(ranged.status()).toBe(206);
      // WebM starts with the EBML magic number.
      expect([...await ranged.body()]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);

      // Nobody else.
      const strangerVisit = await strangerPage.goto(
        `${app.baseUrl}${recording.url}`,
      );
      expect(strangerVisit?.status()).toBe(404);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  },
});
