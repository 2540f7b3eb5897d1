/**
 * Consent and first-party analytics in Chromium, on a phone (360 px) and a
 * desktop (1280 px): a new visitor sees the banner (axe-clean while open);
 * Decline records nothing and the banner stays away after a reload; Allow
 * counts the profile being viewed, and the footer's "Cookie choices"
 * reopens the banner to change the choice. With SCREENSHOTS=<folder>, each
 * view is saved there too.
 */
import { expect } from "expect";
import type { Browser, Page } from "playwright-core";
import {
  dailyCounts,
  listAnalyticsEvents,
  recordAnalyticsEvent,
} from "@/services/analytics/mod.ts";
import { featuredExperts } from "@/services/experts/mod.ts";
import {
  adminWithTwoFactor,
  expectAccessible,
  until,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";

const SHOTS = Deno.env.get("SCREENSHOTS");
const VIEWPORTS = [
  { name: "phone", width: 360, height: 740 },
  { name: "desktop", width: 1280, height: 800 },
];

async function newVisitor(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

const banner = (page: Page) =>
  page.getByRole("region", { name: "Allow anonymous usage statistics?" });

async function bannerShown(page: Page): Promise<boolean> {
  return await banner(page).isVisible();
}

async function cookie(page: Page, name: string): Promise<string | undefined> {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === name)?.value;
}

Deno.test({
  name:
    "the consent banner: decline records nothing, allow counts a profile view, at 360 and 1280 px",
  ignore: !browserTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withBrowser(async (app, browser) => {
      const [expert] = await featuredExperts(app.kv, 1);
      const profile = `${app.baseUrl}/experts/${expert.id}`;
      const profileViews = async () =>
        (await dailyCounts(app.kv, {
          type: "profile_view",
          subjectId: expert.id,
          from: new Date(),
          to: new Date(),
        }))[0].count;

      for (const viewport of VIEWPORTS) {
        const shot = async (page: Page, name: string) => {
          if (SHOTS) {
            await page.screenshot({
              path: `${SHOTS}/consent-${viewport.name}-${name}.png`,
            });
          }
        };

        // A visitor who declines: nothing is sent, now or later.
        const decliner = await newVisitor(browser, viewport);
        const eventsBefore = (await listAnalyticsEvents(app.kv)).length;
        await decliner.page.goto(`${app.baseUrl}/`);
        await until(() => bannerShown(decliner.page), {
          what: "the consent banner",
        });
        await expectAccessible(decliner.page);
        await shot(decliner.page, "1-banner");
        await decliner.page.getByRole("button", { name: "Decline" }).click();
        expect(await bannerShown(decliner.page)).toBe(false);
        expect(await cookie(decliner.page, "tt_consent")).toBe("decline");
        await decliner.page.reload();
        await decliner.page.goto(profile);
        await decliner.page.waitForLoadState("networkidle");
        expect(await bannerShown(decliner.page)).toBe(false);
        expect(await cookie(decliner.page, "tt_visitor")).toBeUndefined();
        expect((await listAnalyticsEvents(app.kv)).length).toBe(eventsBefore);
        await shot(decliner.page, "2-declined");
        expect(decliner.errors).toEqual([]);

        // A visitor who allows on a profile: that view is counted, and the
        // next one without asking again.
        const allower = await newVisitor(browser, viewport);
        const viewsBefore = await profileViews();
        await allower.page.goto(profile);
        await until(() => bannerShown(allower.page), {
          what: "the consent banner",
        });
        await expectAccessible(allower.page);
        await allower.page.getByRole("button", { name: "Allow" }).click();
        expect(await bannerShown(allower.page)).toBe(false);
        await until(async () => await profileViews() === viewsBefore + 1, {
          what: "the profile view to be counted",
        });
        expect(await cookie(allower.page, "tt_visitor")).toMatch(
          /^[0-9a-f]{32}$/,
        );
        await allower.page.reload();
        await until(async () => await profileViews() === viewsBefore + 2, {
          what: "the second profile view to be counted",
        });
        expect(await bannerShown(allower.page)).toBe(false);
        const visitorId = await cookie(allower.page, "tt_visitor");
        const mine = (await listAnalyticsEvents(app.kv)).filter((event) =>
          event.visitorId === visitorId
        );
        expect(mine.map((event) => event.type).sort()).toEqual([
          "page_view",
          "page_view",
          "profile_view",
          "profile_view",
        ]);

        // "Cookie choices" in the footer reopens the banner to change it.
        await allower.page.getByRole("link", { name: "Cookie choices" })
          .click();
        await until(() => bannerShown(allower.page), {
          what: "the reopened banner",
        });
        expect(allower.page.url()).toBe(profile);
        await expect(
          allower.page.evaluate(() => document.activeElement?.id),
        ).resolves.toBe("consent-banner-heading");
        await expectAccessible(allower.page);
        await shot(allower.page, "3-reopened");
        await allower.page.getByRole("button", { name: "Decline" }).click();
        expect(await cookie(allower.page, "tt_consent")).toBe("decline");
        expect(await cookie(allower.page, "tt_visitor")).toBeUndefined();
        expect(allower.errors).toEqual([]);
        await decliner.page.context().close();
        await allower.page.context().close();
      }
    });
  },
});

Deno.test({
  name:
    "without JavaScript: no banner, the cookie choices form; the admin's analytics page, at 360 and 1280 px",
  ignore: !browserTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withBrowser(async (app, browser) => {
      const [expert] = await featuredExperts(app.kv, 1);
      for (const path of ["/", "/experts", "/experts", "/faq"]) {
        await recordAnalyticsEvent(app.kv, {
          type: "page_view",
          path,
          visitorId: "0123456789abcdef0123456789abcdef",
        });
      }
      await recordAnalyticsEvent(app.kv, {
        type: "profile_view",
        subjectId: expert.id,
        visitorId: "0123456789abcdef0123456789abcdef",
      });
      const admin = await newVisitor(browser, VIEWPORTS[1]);
      await adminWithTwoFactor(admin.page, app);

      for (const viewport of VIEWPORTS) {
        const context = await browser.newContext({
          viewport,
          javaScriptEnabled: false,
        });
        const page = await context.newPage();
        await page.goto(`${app.baseUrl}/experts/${expert.id}`);
        expect(await bannerShown(page)).toBe(false);
        await page.getByRole("link", { name: "Cookie choices" }).click();
        await page.waitForURL(/\/privacy\/cookies$/);
        await page.getByText("Allow anonymous usage statistics", {
          exact: true,
        }).click();
        await page.getByRole("button", { name: "Save my choice" }).click();
        await page.waitForURL(/saved=1/);
        await expect(
          page.getByText("You allow anonymous usage statistics.")
            .count(),
        ).resolves.toBe(1);
        // axe runs inside the page, so this form is checked with scripts on.
        if (SHOTS) {
          await page.screenshot({
            path: `${SHOTS}/consent-${viewport.name}-4-nojs-saved.png`,
            fullPage: true,
          });
        }
        expect(await cookie(page, "tt_consent")).toBe("allow");
        // Still no script, so still nothing sent.
        await page.goto(`${app.baseUrl}/experts/${expert.id}`);
        expect(await cookie(page, "tt_visitor")).toBeUndefined();
        await context.close();

        await admin.page.setViewportSize(viewport);
        await admin.page.goto(`${app.baseUrl}/privacy/cookies`);
        await expectAccessible(admin.page);
        await admin.page.goto(`${app.baseUrl}/admin/analytics`);
        await expect(
          admin.page.getByRole("heading", { name: "Funnel" }).count(),
        ).resolves.toBe(1);
        await expect(
          admin.page.getByText("4 page views in the period.").count(),
        )
          .resolves.toBe(1);
        if (SHOTS) {
          await admin.page.screenshot({
            path: `${SHOTS}/consent-${viewport.name}-5-admin-banner.png`,
            fullPage: true,
          });
        }
        await expectAccessible(admin.page);
        // The banner is open for the admin too until they choose.
        if (await bannerShown(admin.page)) {
          await admin.page.getByRole("button", { name: "Decline" }).click();
          await expectAccessible(admin.page);
        }
        if (SHOTS) {
          await admin.page.screenshot({
            path: `${SHOTS}/consent-${viewport.name}-5-admin.png`,
            fullPage: true,
          });
        }
      }
      expect(admin.errors).toEqual([]);
    });
  },
});
