/**
 * Consent on the pages: every page carries the banner hidden and the
 * consent script, identical for every visitor whatever their cookies (the
 * shared render cache depends on it); the no-JavaScript cookie choices page
 * records a choice in the same cookie; the admin's analytics page shows the
 * funnel and the top pages from real events.
 */
import { expect } from "expect";
import {
  createAuthTestApp,
  signInAdmin,
  signUp,
} from "@/tests/support/auth.ts";
import { bookableExpert } from "@/tests/support/bookings.ts";
import { recordAnalyticsEvent } from "@/services/analytics/mod.ts";
import { page, postForm } from "./page_helpers.ts";

const VISITOR = "0123456789abcdef0123456789abcdef";

Deno.test("public pages are the same HTML for every visitor, banner hidden and script included", async () => {
  // No cache: each visitor's page is rendered for them, so equal HTML means
  // the page does not depend on their cookies.
  await using app = await createAuthTestApp({ env: { PAGE_CACHE_MB: "0" } });
  const { expertId } = await bookableExpert(app.kv);
  const fresh = app.client();
  const allowed = app.client();
  allowed.cookies.set("tt_consent", "allow");
  allowed.cookies.set("tt_visitor", VISITOR);
  const declined = app.client();
  declined.cookies.set("tt_consent", "decline");
  for (const path of ["/", `/experts/${expertId}`, "/about"]) {
    const first = await page(fresh, path);
    expect(first.status).toBe(200);
    expect(first.response.headers.getSetCookie()).toEqual([]);
    expect((await page(allowed, path)).text).toBe(first.text);
    expect((await page(declined, path)).text).toBe(first.text);
    expect(first.text).toMatch(
      /<section id="consent-banner" aria-labelledby="consent-banner-heading" hidden/,
    );
    expect(first.text).toContain("Allow anonymous usage statistics?");
    expect(first.text).toMatch(
      /<script type="module" src="\/_fresh\/js\/site-[A-Z0-9]+\.js"><\/script>/,
    );
    expect(first.text).toMatch(
      /<a href="\/privacy\/cookies" data-consent-open[^>]*>Cookie choices<\/a>/,
    );
  }
});

Deno.test("with the shared cache on, a visitor with consent cookies gets the shared page", async () => {
  await using app = await createAuthTestApp();
  const fresh = app.client();
  const allowed = app.client();
  allowed.cookies.set("tt_consent", "allow");
  allowed.cookies.set("tt_visitor", VISITOR);
  const first = await page(fresh, "/about");
  const second = await page(allowed, "/about");
  expect(second.text).toBe(first.text);
  expect(second.response.headers.get("etag")).toBe(
    first.response.headers.get("etag"),
  );
});

Deno.test("the cookie choices page records a choice without JavaScript", async () => {
  await using app = await createAuthTestApp();
  const visitor = app.client();
  const before = await page(visitor, "/privacy/cookies");
  expect(before.status).toBe(200);
  expect(before.text).toContain("You have not chosen yet");

  const allowed = await postForm(visitor, "/privacy/cookies", {
    choice: "allow",
  });
  expect(allowed.status).toBe(303);
  expect(allowed.headers.get("location")).toBe("/privacy/cookies?saved=1");
  const [cookie] = allowed.headers.getSetCookie();
  expect(cookie).toBe(
    "tt_consent=allow; Path=/; Max-Age=31536000; SameSite=Lax",
  );
  const saved = await page(visitor, "/privacy/cookies?saved=1");
  expect(saved.text).toContain("You allow anonymous usage statistics.");
  expect(saved.text).toContain("remembered in this browser for 12 months");
  expect(saved.text).toMatch(/value="allow"[^>]*checked/);

  visitor.cookies.set("tt_visitor", VISITOR);
  const declined = await postForm(visitor, "/privacy/cookies", {
    choice: "decline",
  });
  expect(declined.headers.getSetCookie()).toEqual([
    "tt_consent=decline; Path=/; Max-Age=31536000; SameSite=Lax",
    "tt_visitor=; Path=/; Max-Age=0; SameSite=Lax",
  ]);
  expect(visitor.cookies.has("tt_visitor")).toBe(false);
  expect((await page(visitor, "/privacy/cookies")).text).toContain(
    "You declined usage statistics.",
  );

  const bad = await postForm(visitor, "/privacy/cookies", { choice: "maybe" });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("Choose Allow or Decline, then save.");
});

Deno.test("the admin's analytics page shows the funnel and the top pages", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const { expertId } = await bookableExpert(app.kv);
  for (const path of ["/experts", "/experts", "/faq"]) {
    await recordAnalyticsEvent(app.kv, {
      type: "page_view",
      path,
      visitorId: VISITOR,
    });
  }
  await recordAnalyticsEvent(app.kv, {
    type: "profile_view",
    subjectId: expertId,
    visitorId: VISITOR,
  });
  const shown = await page(admin, "/admin/analytics");
  expect(shown.status).toBe(200);
  expect(shown.text).toContain("From profile views to reviews");
  expect(shown.text).toMatch(/Profile views<\/th><td[^>]*>1</);
  expect(shown.text).toContain("3 page views in the period.");
  expect(shown.text).toMatch(/<code>\/experts<\/code> <span[^>]*>2 views/);
  expect(shown.text).toMatch(/<code>\/faq<\/code> <span[^>]*>1 view</);
  expect(shown.text).toContain('aria-current="page"');

  const wrong = await page(admin, "/admin/analytics?from=2030-01-01&to=nope");
  expect(wrong.status).toBe(200);
  expect(wrong.text).toContain("Give dates as YYYY-MM-DD");
  // One date is enough: the other is 30 days away, or today.
  const day = (msAgo: number) =>
    new Date(Date.now() - msAgo).toISOString().slice(0, 10);
  const fromOnly = await page(
    admin,
    `/admin/analytics?from=${day(10 * 86_400_000)}&to=`,
  );
  expect(fromOnly.text).toContain(`${day(10 * 86_400_000)} to ${day(0)}`);
  const toOnly = await page(admin, "/admin/analytics?to=2030-01-30");
  expect(toOnly.text).toContain("2030-01-01 to 2030-01-30");

  const learner = await signUp(app, "learner");
  expect((await page(learner, "/admin/analytics")).status).toBe(403);
});
