/**
 * Booking in a real browser on a 360 px phone: a learner in New York books
 * a paid session with an expert who works on Berlin time. The times are
 * drawn by the booking island on the learner's clock, the island pages to
 * the next week by itself, and the booking page shows the same time.
 * Every page passes axe-core at 360 px and on a wide screen.
 */
import { expect } from "expect";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import {
  checkBothWidths,
  islandStarted,
  newPhonePage,
  signedInPage,
  signUpInBrowser,
  until,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { bookableExpert, fundLearner } from "@/tests/support/bookings.ts";
import { getUserByEmail } from "@/services/auth/mod.ts";
import { timeIn } from "@/components/bookings/time.ts";

const SHOTS = Deno.env.get("BOOKING_SCREENSHOTS");

const morning = () => [{ start: "09:00", end: "12:00" }];

Deno.test({
  name: "a learner in New York books a Berlin expert's session on a phone",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const { expertId } = await bookableExpert(app.kv, {
        profile: { name: "Bruno Berlin" },
        availability: {
          timeZone: "Europe/Berlin",
          weekly: {
            mon: morning(),
            tue: morning(),
            wed: morning(),
            thu: morning(),
            fri: morning(),
            sat: morning(),
            sun: morning(),
          },
          minNoticeMinutes: 0,
        },
      });
      const learner = await newPhonePage(browser, {
        timezoneId: "America/New_York",
      });
      const page = learner.page;
      const base = app.baseUrl;
      await signUpInBrowser(page, base, {
        role: "learner",
        name: "Nia NewYork",
        email: "nia@example.com",
      });
      const user = await getUserByEmail(app.kv, "nia@example.com");
      await fundLearner(app.kv, user!.id, 100_00);

      await page.goto(`${base}/book/${expertId}`);
      // Drawn on the learner's clock (the zone their browser gave at sign-up).
      await page.locator("#booking-zone").waitFor();
      await until(async () =>
        await page.locator("#booking-zone").inputValue() ===
          "America/New_York"
      );
      await expect(page.getByText("Free times (America/New York)").count())
        .resolves.toBe(1);
      const first = page.locator('input[name="start"]').first();
      const start = (await first.getAttribute("value"))!;
      const local = timeIn(start, "America/New_York");
      // Berlin's 09:00 is early morning in New York, not 09:00.
      expect(local).not.toBe(timeIn(start, "Europe/Berlin"));
      const firstLabel = page.locator(`label:has(input[value="${start}"])`);
      await expect(firstLabel.innerText()).resolves.toBe(local);
      await checkBothWidths(page, "book", SHOTS);

      // The island fetches the next week itself; the address stays.
      await islandStarted(page, "BookingWidget");
      const url = page.url();
      await page.getByRole("link", { name: "Later" }).click();
      await page.getByRole("link", { name: "Earlier" }).waitFor();
      expect(page.url()).toBe(url);
      const nextWeek = await page.locator('input[name="start"]').first()
        .getAttribute("value");
      expect(Date.parse(nextWeek!)).toBeGreaterThan(
        Date.parse(start) + 6 * 86_400_000,
      );
      await page.getByRole("link", { name: "Earlier" }).click();
      await until(async () =>
        await page.locator('input[name="start"]').first().getAttribute(
          "value",
        ) === start
      );

      // Choose the first time with the keyboard-reachable radio.
      await firstLabel.click();
      await expect(page.locator(`input[value="${start}"]`).isChecked())
        .resolves.toBe(true);
      await page.getByLabel("A note for Bruno Berlin").fill(
        "Intro to German grammar, please.",
      );
      await page.getByRole("button", { name: "Book for $60.00" }).click();
      await page.waitForURL(/\/bookings\/[^/]+\?booked=1$/);
      await expect(page.getByText("Booked!").count()).resolves.toBe(1);
      await expect(page.getByTestId("when").innerText()).resolves.toContain(
        `${local}–`,
      );
      await expect(page.getByTestId("when").innerText()).resolves.toContain(
        "America/New York",
      );
      await checkBothWidths(page, "booking", SHOTS);

      await page.getByRole("link", { name: "My sessions" }).click();
      await page.waitForURL(`${base}/bookings`);
      await expect(page.getByText(`${local}–`).count()).resolves.toBe(1);
      await checkBothWidths(page, "sessions", SHOTS);
      expect(learner.errors).toEqual([]);
      await learner.close();
    }),
});

Deno.test({
  name: "a time chosen before the booking island starts is still booked",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const base = app.baseUrl;
      const { expertId } = await bookableExpert(app.kv, {
        profile: { name: "Bruno Booked" },
      });
      // Signed up on New York time, then booking from a browser in Paris:
      // the times stay on the account's clock, and Paris's is offered.
      const signUp = await newPhonePage(browser, {
        timezoneId: "America/New_York",
      });
      await signUpInBrowser(signUp.page, base, {
        role: "learner",
        name: "Sam Slow",
        email: "sam@example.com",
      });
      await signUp.close();
      const user = await getUserByEmail(app.kv, "sam@example.com");
      await fundLearner(app.kv, user!.id, 100_00);
      const { page, errors } = await signedInPage(
        browser,
        base,
        "sam@example.com",
        360,
      );

      // A slow connection: the learner picks a time before the script runs.
      let startIsland = () => {};
      const chosen = new Promise<void>((resolve) => startIsland = resolve);
      await page.route("**/_fresh/js/BookingWidget-*.js", async (route) => {
        await chosen;
        await route.continue();
      });
      await page.goto(`${base}/book/${expertId}`, { waitUntil: "commit" });
      const first = page.locator('input[name="start"]').first();
      await first.waitFor({ state: "attached" });
      const start = (await first.getAttribute("value"))!;
      await page.locator(`label:has(input[value="${start}"])`).click();
      startIsland();
      await islandStarted(page, "BookingWidget");
      await expect(page.locator("#booking-zone").inputValue()).resolves.toBe(
        "America/New_York",
      );
      await expect(page.locator(`input[value="${start}"]`).isChecked())
        .resolves.toBe(true);
      await page.getByText("Your device is on Europe/Paris time.").waitFor();
      await page.getByRole("button", { name: "Show times in Europe/Paris" })
        .click();
      await until(async () =>
        await page.locator("#booking-zone").inputValue() === "Europe/Paris"
      );
      await expect(page.locator(`input[value="${start}"]`).isChecked())
        .resolves.toBe(true);
      await expect(
        page.locator(`label:has(input[value="${start}"])`).innerText(),
      ).resolves.toBe(timeIn(start, "Europe/Paris"));
      await page.getByRole("button", { name: "Book for $60.00" }).click();
      await page.waitForURL(/\/bookings\/[^/]+\?booked=1$/);
      await expect(page.getByText("Booked!").count()).resolves.toBe(1);
      // The account's clock first, and the time as picked on the device's.
      await expect(page.getByTestId("when").innerText()).resolves.toContain(
        timeIn(start, "America/New_York"),
      );
      await expect(
        page.locator("dt:has-text('As you booked it') + dd").innerText(),
      ).resolves.toContain(`${timeIn(start, "Europe/Paris")}–`);
      expect(errors).toEqual([]);
    }),
});
