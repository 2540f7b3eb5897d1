/**
 * A booked call in two real browsers, peer-to-peer: a learner on a phone
 * (360 px) and the expert on a desktop (1280 px), each with Chromium's fake
 * camera and microphone, join the booking's call inside its join window.
 * Each page shows the other's video with decoded frames (getStats of the
 * page's RTCPeerConnection), the in-call chat passes both ways, attendance
 * is recorded for both, and the pages pass axe. Before the window the call
 * is refused; a third user does not find it at all.
 */
import { expect } from "expect";
import type { BrowserContext, Page } from "playwright-core";
import { browserTestsEnabled, serveTestApp } from "@/tests/support/helpers.ts";
import {
  callParties,
  launchCallBrowser,
} from "@/tests/support/call_browsers.ts";
import { expectAccessible, until } from "@/tests/support/browser_flows.ts";
import { bookedTomorrow } from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";

const SHOTS = Deno.env.get("CALL_SCREENSHOTS");

/** Keeps every RTCPeerConnection the page makes, for getStats from the test. */
async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Original = globalThis.RTCPeerConnection;
    const made: RTCPeerConnection[] = [];
    (globalThis as unknown as { peerConnections: unknown }).peerConnections =
      made;
    globalThis.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        made.push(this);
      }
    };
  });
}

/** Video frames the page has decoded from the other party so far. */
function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const made = (globalThis as unknown as {
      peerConnections: RTCPeerConnection[];
    }).peerConnections;
    let frames = 0;
    for (const pc of made) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((stat) => {
        if (stat.type === "inbound-rtp" && stat.kind === "video") {
          frames += stat.framesDecoded ?? 0;
        }
      });
    }
    return frames;
  });
}

Deno.test({
  name:
    "two browsers hold a booked peer-to-peer call with video both ways and chat",
  ignore: !browserTestsEnabled,
  async fn() {
    using clock = useFakeClock(new Date());
    await using app = await serveTestApp();
    const browser = await launchCallBrowser();
    try {
      const { learnerPage, expertPage, strangerPage, learner, expert, errors } =
        await callParties(browser, app, recordPeerConnections);
      const booking = await bookedTomorrow(app.kv, learner, expert.id);
      const start = booking.start;
      const callUrl = `${app.baseUrl}/bookings/${booking.id}/call`;
      const api = `${app.baseUrl}/api/bookings/${booking.id}`;

      // Too early: the page says when it opens; the API refuses.
      clock.set(new Date(Date.parse(start) - 30 * 60_000));
      await learnerPage.goto(callUrl);
      await learnerPage.getByText("The call cannot be joined now").waitFor();
      const early = await learnerPage.request.post(`${api}/call`);
      expect(early.status()).toBe(403);
      expect((await early.json()).error).toBe("call_too_early");

      // Inside the window, the two parties join, the learner first.
      clock.set(new Date(Date.parse(start) - 5 * 60_000));
      await learnerPage.goto(callUrl);
      await expertPage.goto(callUrl);
      for (const page of [learnerPage, expertPage]) {
        await page.getByRole("button", { name: "Join the call" }).click();
        await page.getByText("You are in the call.").waitFor();
      }
      for (
        const [page, other] of [[learnerPage, "Eve"], [expertPage, "Lena"]]
      ) {
        await (page as Page).getByText(`In the call with ${other}`).waitFor({
          timeout: 20_000,
        });
        await until(
          async () => await framesDecoded(page as Page) > 0,
          {
            what: `decoded video on ${other}'s side`,
            tries: 200,
            ignoreErrors: true,
          },
        );
        await until(
          () =>
            (page as Page).getByRole("group", { name: "Call controls" })
              .isVisible(),
          { what: "the controls", tries: 200, ignoreErrors: true },
        );
      }
      // The picture really plays in the remote video element.
      expect(
        await expertPage.getByLabel("Lena Learner's video").evaluate((
          v: HTMLVideoElement,
        ) => v.videoWidth),
      ).toBeGreaterThan(0);

      // Chat, both ways: on the phone behind a toggle, on the desktop beside the video.
      await learnerPage.getByRole("button", { name: "Show chat" }).click();
      await learnerPage.getByLabel("Message Eve Expert").fill(
        "Hello! My notes: https://example.com/notes",
      );
      await learnerPage.getByRole("button", { name: "Send" }).click();
      await expertPage.getByRole("list", { name: "Chat with Lena Learner" })
        .getByText("Hello! My notes:").waitFor();
      await expertPage.getByLabel("Message Lena Learner").fill(
        "Thanks, I see them.",
      );
      await expertPage.getByRole("button", { name: "Send" }).click();
      await learnerPage.getByRole("list", { name: "Chat with Eve Expert" })
        .getByText("Thanks, I see them.").waitFor();

      // Attendance: both are in the call.
      const attendance = await (await expertPage.request.get(
        `${api}/attendance`,
      )).json();
      expect(attendance.mode).toBe("p2p");
      expect(attendance.participants).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            party: "learner",
            joined: true,
            present: true,
          }),
          expect.objectContaining({
            party: "expert",
            joined: true,
            present: true,
          }),
        ]),
      );

      await expectAccessible(learnerPage);
      await expectAccessible(expertPage);
      if (SHOTS) {
        await learnerPage.screenshot({
          path: `${SHOTS}/call-360.png`,
          fullPage: true,
        });
        await expertPage.screenshot({
          path: `${SHOTS}/call-1280.png`,
          fullPage: true,
        });
      }

      // Someone else finds no such call, and cannot signal into it.
      const strangerVisit = await strangerPage.goto(callUrl);
      expect(strangerVisit?.status()).toBe(404);
      const strangerSignal = await strangerPage.request.post(
        `${api}/call/signal`,
        { data: { type: "hello", session: "stranger-page" } },
      );
      expect(strangerSignal.status()).toBe(404);

      // Hanging up tells the other side.
      await learnerPage.getByRole("button", { name: "Hang up" }).click();
      await expertPage.getByText("Lena Learner left the call").waitFor();
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  },
});
