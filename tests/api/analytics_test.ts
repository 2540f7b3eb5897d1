/**
 * The analytics events endpoint: nothing is recorded without the consent
 * cookie; with it, page views, profile views and bookings started are
 * counted for the visitor's cookie id (and the user, when signed in); bad
 * input is a 400 with a message, unknown experts a 404, big bodies a 413,
 * floods a 429. Every answer is checked against the API document.
 */
import { expect } from "expect";
import { dailyCounts, listAnalyticsEvents } from "@/services/analytics/mod.ts";
import { bookableExpert } from "@/tests/support/bookings.ts";
import { type Client, signUp } from "@/tests/support/auth.ts";
import { createCheckedAuthApp } from "./support.ts";
import { ANALYTICS_RATE_LIMITS } from "@/api/routes/analytics.ts";

const PATH = "/api/analytics/events";
const VISITOR = "0123456789abcdef0123456789abcdef";

function allow(client: Client, visitor = VISITOR): Client {
  client.cookies.set("tt_consent", "allow");
  client.cookies.set("tt_visitor", visitor);
  return client;
}

Deno.test("without consent nothing is recorded", async () => {
  await using app = await createCheckedAuthApp();
  const stranger = app.client();
  const refused = await stranger.api("POST", PATH, {
    type: "page_view",
    path: "/",
  });
  expect(refused.status).toBe(403);
  expect(refused.body.error).toBe("consent_required");
  expect(refused.body.message).toMatch(/nothing was recorded/);

  const decliner = app.client();
  decliner.cookies.set("tt_consent", "decline");
  decliner.cookies.set("tt_visitor", VISITOR);
  expect(
    (await decliner.api("POST", PATH, { type: "page_view", path: "/" }))
      .status,
  ).toBe(403);
  expect(await listAnalyticsEvents(app.kv)).toEqual([]);
});

Deno.test("with consent, page views, profile views and bookings started are counted", async () => {
  await using app = await createCheckedAuthApp();
  const { expertId, offering } = await bookableExpert(app.kv);
  const visitor = allow(app.client());
  const sent = [
    { type: "page_view", path: "/experts?q=x", referrerHost: "search.example" },
    { type: "profile_view", subjectId: expertId, path: `/experts/${expertId}` },
    {
      type: "booking_started",
      subjectId: expertId,
      offeringId: offering.id,
      path: `/book/${expertId}`,
    },
  ];
  for (const event of sent) {
    const answer = await visitor.api("POST", PATH, event);
    expect(answer.status).toBe(204);
  }
  const learner = allow(await signUp(app, "learner"), "f".repeat(32));
  expect(
    (await learner.api("POST", PATH, {
      type: "profile_view",
      subjectId: expertId,
    }))
      .status,
  ).toBe(204);

  const events = await listAnalyticsEvents(app.kv);
  expect(events.map((e) => [e.type, e.visitorId, e.userId])).toEqual([
    ["page_view", VISITOR, undefined],
    ["profile_view", VISITOR, undefined],
    ["booking_started", VISITOR, undefined],
    ["profile_view", "f".repeat(32), learner.user!.id],
  ]);
  expect(events[0]).toMatchObject({
    path: "/experts",
    referrerHost: "search.example",
  });
  const today = new Date();
  const views = await dailyCounts(app.kv, {
    type: "profile_view",
    subjectId: expertId,
    from: today,
    to: today,
  });
  expect(views.map((day) => day.count)).toEqual([2]);
});

Deno.test("bad events get a 400 with a message; unknown experts a 404; big bodies a 413", async () => {
  await using app = await createCheckedAuthApp();
  const { expertId } = await bookableExpert(app.kv);
  const visitor = allow(app.client());

  const missing = await visitor.api("POST", PATH, { type: "page_view" });
  expect(missing.status).toBe(400);
  expect(missing.body.error).toBe("validation_error");
  expect(missing.body.message).toBeTruthy();
  expect(Object.keys(missing.body.details)).toContain("path");

  const extra = await visitor.api("POST", PATH, {
    type: "page_view",
    path: "/",
    email: "someone@example.com",
  });
  expect(extra.status).toBe(400);

  const wrongType = await visitor.api("POST", PATH, {
    type: "click",
    path: "/",
  });
  expect(wrongType.status).toBe(400);

  const notJson = await visitor.request(PATH, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{nope",
  });
  expect(notJson.status).toBe(400);
  expect((await notJson.json()).message).toBeTruthy();

  const nobody = await visitor.api("POST", PATH, {
    type: "profile_view",
    subjectId: "01JNOSUCHEXPERT00000000000",
  });
  expect(nobody.status).toBe(404);
  const noOffering = await visitor.api("POST", PATH, {
    type: "booking_started",
    subjectId: expertId,
    offeringId: "no-such-offering",
  });
  expect(noOffering.status).toBe(404);

  const big = await visitor.api("POST", PATH, {
    type: "page_view",
    path: "/" + "a".repeat(4000),
  });
  expect(big.status).toBe(413);
  expect(big.body.error).toBe("payload_too_large");

  const noId = app.client();
  noId.cookies.set("tt_consent", "allow");
  const anonymous = await noId.api("POST", PATH, {
    type: "page_view",
    path: "/",
  });
  expect(anonymous.status).toBe(400);
  expect(anonymous.body.error).toBe("visitor_id_missing");

  expect(await listAnalyticsEvents(app.kv)).toEqual([]);
});

Deno.test("one visitor's flood is cut off with a 429", async () => {
  await using app = await createCheckedAuthApp();
  const visitor = allow(app.client());
  const { limit } = ANALYTICS_RATE_LIMITS.perVisitor;
  for (let i = 0; i < limit; i++) {
    const answer = await visitor.api("POST", PATH, {
      type: "page_view",
      path: "/",
    });
    expect(answer.status).toBe(204);
  }
  const cut = await visitor.api("POST", PATH, { type: "page_view", path: "/" });
  expect(cut.status).toBe(429);
  expect(cut.headers.get("retry-after")).toBeTruthy();
  // Another visitor is not affected.
  const other = allow(app.client(), "a".repeat(32));
  expect(
    (await other.api("POST", PATH, { type: "page_view", path: "/" })).status,
  )
    .toBe(204);
});
