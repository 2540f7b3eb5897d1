/**
 * An expert in Chromium, at 360 px and at 1280 px: links a busy calendar by
 * pasting its secret address (a refused one shows why beside the field),
 * sees a calendar that stopped working say so in plain words, refreshes
 * and removes one — all without JavaScript — and reads their week of
 * sessions as a day list on the phone and seven columns on a wide screen.
 * Every page passes axe and fits the screen. With SCREENSHOTS=<folder>,
 * each view is saved there too.
 */
import { expect } from "expect";
import type { Page } from "playwright-core";
import { getUserByEmail } from "@/services/auth/mod.ts";
import { bookSession } from "@/services/bookings/mod.ts";
import { calendarFetchProvider } from "@/services/calendars/mod.ts";
import {
  icsCalendar,
  icsEvent,
  icsResponse,
  serveCalendars,
} from "@/tests/support/calendars.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import { weekId } from "@/components/bookings/week.ts";
import { bookableExpert, fundedLearner } from "@/tests/support/bookings.ts";
import {
  expectAccessible,
  newPhonePage,
  signUpInBrowser,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";

const SHOTS = Deno.env.get("SCREENSHOTS");

async function shot(page: Page, name: string) {
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }
}

/** An ICS stamp `days` from now at `hour`:00 UTC. */
function stamp(days: number, hour: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.toISOString().slice(0, 10).replaceAll("-", "")}T${
    String(hour).padStart(2, "0")
  }0000Z`;
}

Deno.test({
  name:
    "an expert links busy calendars and reads a week of sessions, on a phone and a wide screen",
  ignore: !browserTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withBrowser(async (app, browser) => {
      bindProviders(app.kv, [
        provide(calendarFetchProvider, { allowLoopback: true }),
      ]);
      let brokenNow = false;
      await using calendars = serveCalendars((request) => {
        const path = new URL(request.url).pathname;
        if (path.includes("family") && brokenNow) {
          return new Response("no", { status: 403 });
        }
        return icsResponse(icsCalendar(
          icsEvent(`DTSTART:${stamp(1, 9)}`, "DURATION:PT2H"),
          icsEvent(`DTSTART:${stamp(4, 14)}`, "DURATION:PT1H"),
        ));
      });
      const base = app.baseUrl;
      // On Paris time, as the week below is counted (the machine may be on UTC).
      const { page, errors, close } = await newPhonePage(browser, {
        timezoneId: "Europe/Paris",
      });
      await signUpInBrowser(page, base, {
        role: "expert",
        name: "Cal Endar",
        email: "cal@example.com",
      });
      const user = (await getUserByEmail(app.kv, "cal@example.com"))!;

      // From availability to the calendars page.
      await page.goto(`${base}/expert/availability`);
      await page.getByRole("link", { name: /Link your Google/ }).click();
      await page.waitForURL(`${base}/expert/availability/calendars`);
      await page.getByText("Google Calendar", { exact: true }).click(); // open its help
      await expectAccessible(page);
      await shot(page, "calendars-empty-360");

      // A refused address: the reason beside the field.
      await page.getByLabel("Secret address in iCal format")
        .fill("http://192.168.1.20/cal.ics");
      await page.getByRole("button", { name: "Add calendar" }).click();
      await expect(page.locator("#url-error").textContent()).resolves
        .toMatch(/private network/);
      await expectAccessible(page);
      await shot(page, "calendars-error-360");

      for (const [name, path] of [["Work", "work"], ["Family", "family"]]) {
        await page.getByLabel("Secret address in iCal format")
          .fill(calendars.url(`/secret-${path}-93f1/basic.ics`));
        await page.getByLabel("Name").fill(name);
        await page.getByRole("button", { name: "Add calendar" }).click();
        await page.waitForURL(
          `${base}/expert/availability/calendars?done=added#calendars`,
        );
      }
      expect(await page.content()).not.toContain("secret-work-93f1");
      await expect(page.getByTestId("calendar").count()).resolves.toBe(2);

      // Family stops working; once 15 minutes have passed it is refreshed.
      brokenNow = true;
      for await (
        const entry of app.kv.list<Record<string, unknown>>({
          prefix: ["calendars"],
        })
      ) {
        await app.kv.set(entry.key, {
          ...entry.value,
          lastFetchedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
        });
      }
      await page.reload();
      await page.getByRole("button", { name: "Refresh now: Family" }).click();
      await page.waitForURL(
        `${base}/expert/availability/calendars?done=refreshed#calendars`,
      );
      await expect(page.getByText("Not working.").count()).resolves.toBe(1);
      await expect(page.getByText(/refused access/).count()).resolves.toBe(1);
      await expectAccessible(page);
      await shot(page, "calendars-list-360");
      await page.setViewportSize({ width: 1280, height: 900 });
      await expectAccessible(page);
      await shot(page, "calendars-list-1280");
      await page.setViewportSize({ width: 360, height: 740 });

      await page.getByRole("button", { name: "Remove Work" }).click();
      await page.waitForURL(
        `${base}/expert/availability/calendars?done=removed#calendars`,
      );
      await expect(page.getByTestId("calendar").count()).resolves.toBe(1);

      // A week of sessions.
      const { offering } = await bookableExpert(app.kv, { id: user.id });
      const learner = await fundedLearner(app.kv, 1_000_00);
      // Next week's Monday on the expert's clock (Paris).
      let monday = Temporal.Now.plainDateISO("Europe/Paris").add({ days: 1 });
      while (monday.dayOfWeek !== 1) monday = monday.add({ days: 1 });
      for (
        const start of [
          `${monday}T08:00:00Z`,
          `${monday}T13:30:00Z`,
          `${monday.add({ days: 2 })}T10:00:00Z`,
          `${monday.add({ days: 4 })}T16:00:00Z`,
          `${monday.add({ days: 6 })}T23:00:00Z`, // Monday in Paris
        ]
      ) {
        const outcome = await bookSession(app.kv, learner, {
          offeringId: offering.id,
          expertId: offering.expertId,
          start,
        });
        expect("booking" in outcome).toBe(true);
      }
      await page.goto(`${base}/bookings`);
      await page.getByRole("link", { name: "Week", exact: true }).click();
      await page.getByRole("link", { name: /Next week/ }).click();
      await page.waitForURL(
        `${base}/bookings?view=week&week=${weekId(monday)}`,
      );
      await expectAccessible(page);
      await shot(page, "week-360");
      const first = page.locator(`[data-date="${monday}"] a`);
      await expect(first.count()).resolves.toBe(2);
      await page.setViewportSize({ width: 1280, height: 900 });
      await expectAccessible(page);
      await shot(page, "week-1280");
      // Seven columns side by side on a wide screen.
      const tops = await page.locator("[data-date]").evaluateAll((days) =>
        days.map((day) => Math.round(day.getBoundingClientRect().top))
      );
      expect(new Set(tops).size).toBe(1);
      await first.first().click();
      await page.waitForURL(/\/bookings\/[0-9A-Z]+$/);
      expect(errors).toEqual([]);
      await close();
    });
  },
});
