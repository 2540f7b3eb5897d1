/**
 * The attendance section of a booking page after its call, on a phone
 * (360 px) and a desktop (1280 px): each party's time in the call, and the
 * page passes axe. Set ATTENDANCE_SCREENSHOTS=<folder> to keep screenshots.
 */
import { expect } from "expect";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import {
  expectAccessible,
  signedInPage,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { messagingPair } from "@/tests/support/messaging.ts";
import { attendedCall } from "@/tests/support/attendance.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { getBookingFor } from "@/services/bookings/mod.ts";

const SHOTS = Deno.env.get("ATTENDANCE_SCREENSHOTS");

Deno.test({
  name: "a booking page shows both parties' attendance after the call",
  ignore: !browserTestsEnabled,
  async fn() {
    await withBrowser(async (app, browser) => {
      using clock = useFakeClock(new Date());
      const pair = await messagingPair(app.kv, { booked: true });
      const { booking } = await getBookingFor(
        app.kv,
        pair.learner,
        pair.bookingId!,
      );
      await attendedCall(app.kv, clock, booking);
      for (
        const [email, width] of [
          [pair.learner.email, 360],
          [pair.expert.email, 1280],
        ] as const
      ) {
        const person = await signedInPage(browser, app.baseUrl, email, width);
        await person.page.goto(`${app.baseUrl}/bookings/${booking.id}`);
        const section = person.page.getByRole("region", {
          name: "Attendance",
        });
        await section.getByText("42 minutes in the call").waitFor();
        await section.getByText("47 minutes in the call").waitFor();
        await expectAccessible(person.page);
        if (SHOTS) {
          await section.screenshot({
            path: `${SHOTS}/attendance-${width}.png`,
          });
        }
        expect(person.errors).toEqual([]);
        await person.page.context().close();
      }
    });
  },
});
