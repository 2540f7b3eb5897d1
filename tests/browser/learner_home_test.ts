/**
 * The learner's home in Chromium at 360 px and 1280 px, with real data
 * made through the product's own functions: sessions held over the last
 * weeks (one rated 5 stars), one about to start, goals from onboarding.
 * The learner reads the home, adds a milestone and ticks it off, saves an
 * expert from the profile and finds them on the home, all without
 * JavaScript doing any of it; every view passes axe and fits the screen.
 * With SCREENSHOTS=<folder>, each view is saved there too.
 */
import { expect } from "expect";
import type { Page } from "playwright-core";
import { getUserByEmail } from "@/services/auth/mod.ts";
import { bookSession } from "@/services/bookings/mod.ts";
import { writeReview } from "@/services/reviews/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import {
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import { heldSessionAt, onboardedLearner } from "@/tests/support/progress.ts";
import {
  expectAccessible,
  newPhonePage,
  signedInPage,
  signUpInBrowser,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";

const SHOTS = Deno.env.get("SCREENSHOTS");
const DAY_MS = 86_400_000;

async function check(page: Page, name: string) {
  await expectAccessible(page);
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }
}

/** The quarter hour just begun: a session from then is under way, its call open. */
function startedJustNow(): string {
  const start = new Date();
  start.setUTCSeconds(0, 0);
  start.setUTCMinutes(Math.floor(start.getUTCMinutes() / 15) * 15);
  return start.toISOString();
}

Deno.test({
  name:
    "a learner reads their home, ticks off a milestone and saves an expert: at 360 and 1280 px, axe-clean",
  ignore: !browserTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withBrowser(async (app, browser) => {
      const phone = await newPhonePage(browser);
      const email = `home-${Date.now()}@example.com`;
      await signUpInBrowser(phone.page, app.baseUrl, {
        role: "learner",
        name: "Hana Home",
        email,
      });
      const user = (await getUserByEmail(app.kv, email))!;
      await onboardedLearner(app.kv, user.id, ["Play a Chopin nocturne"]);
      const pianist = await bookableExpert(app.kv, {
        profile: { name: "Pia Pianist", headline: "Concert pianist" },
      });
      const other = await bookableExpert(app.kv, {
        profile: { name: "Sam Saved", headline: "Music theory" },
      });
      const ago = (days: number) =>
        daysAhead(new Date(Date.now() - days * DAY_MS), 0, 9);
      const rated = await heldSessionAt(app.kv, user, pianist.offering, ago(2));
      await heldSessionAt(app.kv, user, pianist.offering, ago(9));
      await heldSessionAt(app.kv, user, other.offering, ago(45));
      await writeReview(app.kv, user.id, rated.id, {
        rating: 5,
        text: "Wonderful phrasing advice.",
      });
      await fundLearner(app.kv, user.id, other.offering.priceMinor);
      // Booked yesterday for the hour under way now.
      const upcoming = await (async () => {
        // deno-lint-ignore react-rules-of-hooks -- a fake clock, not a Preact hook
        using _clock = useFakeClock(new Date(Date.now() - DAY_MS));
        return await bookSession(app.kv, user, {
          offeringId: other.offering.id,
          expertId: other.expertId,
          start: startedJustNow(),
        });
      })();
      if (!("booking" in upcoming)) throw new Error("not booked");

      // The home at 1280 px.
      const wide = await signedInPage(browser, app.baseUrl, email, 1280);
      await wide.page.goto(`${app.baseUrl}/dashboard`);
      const region = (name: string) =>
        wide.page.getByRole("region", { name, exact: true });
      await expect(region("Upcoming sessions").innerText()).resolves.toContain(
        "with Sam Saved",
      );
      await expect(
        region("Upcoming sessions").getByRole("link", { name: "Join the call" })
          .getAttribute("href"),
      ).resolves.toBe(`/bookings/${upcoming.booking.id}/call`);
      const past = await region("Past sessions").innerText();
      expect(past).toContain("You rated it 5 of 5");
      expect(past).toContain("Rate it");
      const learning = await region("Your learning").innerText();
      expect(learning).toMatch(/Sessions completed\s+3/);
      expect(learning).toContain("Hours per month, last 12 months");
      expect(learning).toContain("Booking tests");
      // Pia: rated 5 stars. Sam is booked again already.
      const again = await region("Book again").innerText();
      expect(again).toContain("Pia Pianist");
      expect(again).not.toContain("Sam Saved");
      await check(wide.page, "learner-home-1-wide");

      // A milestone on a phone: added, then ticked off.
      const { page } = phone;
      await page.goto(`${app.baseUrl}/dashboard`);
      await check(page, "learner-home-2-phone");
      await page.getByLabel("New milestone").fill("Learn the left hand");
      await page.getByRole("button", { name: /^Add milestone/ }).click();
      await page.waitForURL(/milestone=add/);
      const goals = page.getByRole("region", { name: "Your goals" });
      await expect(goals.innerText()).resolves.toContain(
        "0 of 1 milestone done (0%)",
      );
      await page.getByRole("button", { name: /^Learn the left hand/ }).click();
      await page.waitForURL(/milestone=done/);
      await expect(goals.innerText()).resolves.toContain(
        "1 of 1 milestone done (100%)",
      );
      await expect(
        goals.getByRole("progressbar").first().getAttribute("value"),
      ).resolves.toBe("100");
      await check(page, "learner-home-3-milestone-done");

      // Saving an expert from the profile, then finding them on the home.
      await page.goto(`${app.baseUrl}/experts/${other.expertId}`);
      await page.getByRole("button", { name: /^Save/ }).click();
      await page.waitForURL(/saved=added/);
      await expect(
        page.getByRole("button", { name: /^Saved/ }).count(),
      ).resolves.toBe(1);
      await expect(page.getByRole("status").innerText()).resolves.toContain(
        "Saved.",
      );
      await check(page, "learner-home-4-profile-saved");
      await page.goto(`${app.baseUrl}/dashboard#saved-experts`);
      await expect(
        page.getByRole("region", { name: "Saved experts" }).innerText(),
      ).resolves.toContain("Sam Saved");
      await check(page, "learner-home-5-saved");

      // A signed-out visitor is offered to log in, nothing personal.
      const visitor = await newPhonePage(browser);
      await visitor.page.goto(`${app.baseUrl}/experts/${other.expertId}`);
      await expect(
        visitor.page.getByRole("link", { name: /Log in to save/ }).count(),
      ).resolves.toBe(1);
      await check(visitor.page, "learner-home-6-visitor-profile");

      expect([...phone.errors, ...wide.errors, ...visitor.errors]).toEqual([]);
      await phone.close();
      await visitor.close();
    });
  },
});
