/**
 * The private calendar feed over HTTP: a signed-in person makes an address
 * (shown once), a calendar app fetches it without cookies and gets valid
 * iCalendar listing their sessions, and a new or revoked address leaves the
 * old one answering 404. Every API answer is checked against the document.
 */
import { expect } from "expect";
import ICAL from "ical.js";
import { signUp } from "@/tests/support/auth.ts";
import {
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import { createCheckedAuthApp } from "./support.ts";

Deno.test("a person makes, replaces and revokes a calendar feed; apps read it without a session", async () => {
  await using app = await createCheckedAuthApp();
  const expert = await signUp(app, "expert");
  const { offering } = await bookableExpert(app.kv, { id: expert.user!.id });
  const learner = await signUp(app, "learner");
  await fundLearner(app.kv, learner.user!.id, offering.priceMinor);
  const booked = await learner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start: daysAhead(new Date(), 3, 10),
  });
  expect(booked.status).toBe(201);

  expect((await learner.api("GET", "/api/calendar-feed")).body).toEqual({
    active: false,
    createdAt: null,
  });
  const made = await learner.api("POST", "/api/calendar-feed");
  expect(made.status).toBe(201);
  const url = new URL(made.body.url);
  expect(url.pathname).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  expect((await learner.api("GET", "/api/calendar-feed")).body.active).toBe(
    true,
  );

  // A calendar app: no cookies at all.
  const app2 = app.client();
  const feed = await app2.request(url.pathname);
  expect(feed.status).toBe(200);
  expect(feed.headers.get("content-type")).toMatch(/^text\/calendar/);
  expect(feed.headers.get("cache-control")).toContain("no-store");
  const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
  const events = calendar.getAllSubcomponents("vevent").map((v) =>
    new ICAL.Event(v)
  );
  expect(events.map((e) => e.uid)).toEqual([
    `${booked.body.booking.id}@taptime`,
  ]);
  expect(events[0].startDate.toJSDate().toISOString()).toBe(
    booked.body.booking.start,
  );

  // A new address retires the old one.
  const next = await learner.api("POST", "/api/calendar-feed");
  expect((await app2.request(url.pathname)).status).toBe(404);
  const nextPath = new URL(next.body.url).pathname;
  expect((await app2.request(nextPath)).status).toBe(200);
  const revoked = await learner.api("DELETE", "/api/calendar-feed");
  expect(revoked.status).toBe(200);
  expect(revoked.body).toEqual({
    active: false,
    createdAt: null,
    revoked: true,
  });
  expect((await app2.request(nextPath)).status).toBe(404);
  expect((await app2.request("/calendar/nonsense.ics")).status).toBe(404);
  expect((await app2.request("/calendar/nonsense")).status).toBe(404);
  // Signed out, the API refuses.
  expect((await app.client().api("POST", "/api/calendar-feed")).status).toBe(
    401,
  );
});
