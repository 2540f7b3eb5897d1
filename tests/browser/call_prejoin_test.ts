/**
 * The pre-join screen in a real browser with a fake camera and microphone:
 * a learner on a phone inside the join window sees the live preview and a
 * moving level meter, switches to audio only, and joins (peer-to-peer);
 * the server then records them as in the call. Passes axe-core.
 */
import { expect } from "expect";
import { browserTestsEnabled, serveTestApp } from "@/tests/support/helpers.ts";
import { launchCallBrowser } from "@/tests/support/call_browsers.ts";
import {
  expectAccessible,
  signUpInBrowser,
  until,
} from "@/tests/support/browser_flows.ts";
import { bookedTomorrow } from "@/tests/support/bookings.ts";
import { getUserByEmail } from "@/services/auth/mod.ts";
import { getAttendance } from "@/services/calls/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";

const SHOTS = Deno.env.get("CALL_SCREENSHOTS");

Deno.test({
  name: "a learner checks camera and microphone, then joins the call",
  ignore: !browserTestsEnabled,
  async fn() {
    using clock = useFakeClock(new Date());
    await using app = await serveTestApp();
    const browser = await launchCallBrowser();
    try {
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 },
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      const email = `call-${crypto.randomUUID()}@example.com`;
      await signUpInBrowser(page, app.baseUrl, {
        role: "learner",
        name: "Lena Learner",
        email,
      });
      const learner = (await getUserByEmail(app.kv, email))!;
      const booking = await bookedTomorrow(app.kv, learner);
      const start = booking.start;
      clock.set(new Date(Date.parse(start) - 5 * 60_000));

      await page.goto(`${app.baseUrl}/bookings/${booking.id}/call`);
      await page.getByRole("button", { name: "Join the call" }).waitFor();
      // The fake camera plays into the preview; the fake microphone's beep moves the meter.
      await until(() =>
        page.locator("video").evaluate((v: HTMLVideoElement) =>
          v.videoWidth > 0
        )
      );
      await until(async () =>
        Number(
          await page.getByRole("meter").getAttribute("aria-valuenow"),
        ) > 0
      );
      // The device list is read on its own, after the preview starts.
      await until(async () =>
        await page.getByLabel("Camera").locator("option").count() > 1
      );
      await expectAccessible(page);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/prejoin-360.png` });
      await page.setViewportSize({ width: 1280, height: 900 });
      await expectAccessible(page);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/prejoin-1280.png` });

      await page.getByLabel("Audio only (no camera)").check();
      await page.getByText("Audio only", { exact: true }).waitFor();
      await page.getByRole("button", { name: "Join the call" }).click();
      await page.getByText("You are in the call.").waitFor();
      const attendance = await getAttendance(app.kv, booking);
      expect(attendance.participants[0]).toMatchObject({
        party: "learner",
        joined: true,
        present: true,
      });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  },
});
