/**
 * An expert's busy calendars over HTTP: link one by its secret address
 * (read at once from a local calendar server the test lets through the
 * guard), list it without the address, refresh it no more than every 15
 * minutes, and unlink it. Bad addresses get their reason under `url`. Every
 * answer is checked against the document.
 */
import { expect } from "expect";
import {
  calendarFetchProvider,
  MAX_CALENDARS_PER_EXPERT,
} from "@/services/calendars/mod.ts";
import {
  icsCalendar,
  icsEvent,
  icsResponse,
  serveCalendars,
} from "@/tests/support/calendars.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import { type AuthTestApp, signUp } from "@/tests/support/auth.ts";
import { createCheckedAuthApp } from "./support.ts";

const SECRET = "private-3b7e0c55d1";

/** A checked app whose calendar fetches may reach this machine. */
async function appWithLocalCalendars(): Promise<AuthTestApp> {
  const app = await createCheckedAuthApp();
  bindProviders(app.kv, [
    provide(calendarFetchProvider, { allowLoopback: true }),
  ]);
  return app;
}

/** An ICS stamp `days` from now at 09:00 UTC. */
function stamp(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return date.toISOString().slice(0, 10).replaceAll("-", "") + "T090000Z";
}

/** Meetings 1, 2 and 70 days ahead: two of them within 60 days. */
const busyCalendar = () =>
  icsResponse(icsCalendar(
    icsEvent(`DTSTART:${stamp(1)}`, "DURATION:PT1H"),
    icsEvent(`DTSTART:${stamp(2)}`, "DURATION:PT1H"),
    icsEvent(`DTSTART:${stamp(70)}`, "DURATION:PT1H"),
  ));

Deno.test("an expert links, lists, refreshes and removes a calendar; its address never comes back", async () => {
  await using app = await appWithLocalCalendars();
  await using server = serveCalendars(busyCalendar);
  const expert = await signUp(app, "expert");
  const url = server.url(`/${SECRET}/basic.ics`);

  expect((await expert.api("GET", "/api/expert/calendars")).body).toEqual({
    calendars: [],
  });

  const added = await expert.api("POST", "/api/expert/calendars", {
    url,
    name: "Work",
  });
  expect(added.status).toBe(201);
  expect(added.body.calendar).toMatchObject({
    name: "Work",
    host: `127.0.0.1:${server.port}`,
    status: "ok",
    message: "Up to date.",
    warning: null,
    upcomingBusyCount: 2,
  });
  expect(server.requests).toHaveLength(1); // fetched at once

  const listed = await expert.api("GET", "/api/expert/calendars");
  expect(listed.body.calendars).toEqual([added.body.calendar]);
  expect(JSON.stringify([added.body, listed.body])).not.toContain(SECRET);

  // Within 15 minutes a refresh is refused and says when to try again.
  const id = added.body.calendar.id;
  const early = await expert.api(
    "POST",
    `/api/expert/calendars/${id}/refresh`,
  );
  expect(early.status).toBe(429);
  expect(early.body.error).toBe("rate_limited");
  expect(early.body.message).toMatch(/Try again in 15 minutes/);
  expect(Number(early.headers.get("retry-after"))).toBeGreaterThan(890);
  expect(server.requests).toHaveLength(1);

  // Once the last fetch is 15 minutes old, it is read again.
  const key = ["calendars", id];
  const stored = (await app.kv.get<Record<string, unknown>>(key)).value!;
  await app.kv.set(key, {
    ...stored,
    lastFetchedAt: new Date(Date.now() - 15 * 60_000).toISOString(),
  });
  const refreshed = await expert.api(
    "POST",
    `/api/expert/calendars/${id}/refresh`,
  );
  expect(refreshed.status).toBe(200);
  expect(refreshed.body.calendar).toMatchObject({ id, status: "ok" });
  expect(server.requests).toHaveLength(2);

  // Another expert cannot see, refresh or remove it.
  const other = await signUp(app, "expert");
  expect((await other.api("GET", "/api/expert/calendars")).body.calendars)
    .toEqual([]);
  expect((await other.api("DELETE", `/api/expert/calendars/${id}`)).status)
    .toBe(404);

  expect((await expert.api("DELETE", `/api/expert/calendars/${id}`)).status)
    .toBe(204);
  expect((await expert.api("GET", "/api/expert/calendars")).body.calendars)
    .toEqual([]);
  expect((await expert.api("DELETE", `/api/expert/calendars/${id}`)).status)
    .toBe(404);
  expect(
    (await expert.api("POST", `/api/expert/calendars/${id}/refresh`)).status,
  ).toBe(404);
});

Deno.test("bad calendar addresses are refused with the reason beside the url, and nothing is linked", async () => {
  await using app = await appWithLocalCalendars();
  await using server = serveCalendars((request) =>
    new URL(request.url).pathname === "/missing.ics"
      ? new Response("gone", { status: 404 })
      : icsResponse(icsCalendar())
  );
  const expert = await signUp(app, "expert");
  const cases: [unknown, RegExp][] = [
    [{}, /Paste the calendar's secret iCal address/],
    [{ url: "" }, /Paste the calendar's secret iCal address/],
    [{ url: "not an address" }, /not a web address/],
    [{ url: "ftp://example.com/cal.ics" }, /https:\/\/ or webcal:\/\//],
    [{ url: "http://192.168.1.20/cal.ics" }, /private network/],
    [{ url: "webcal://10.0.0.8/cal.ics" }, /private network/],
    [{ url: "https://169.254.169.254/latest" }, /link-local|private/],
    [{ url: server.url("/missing.ics") }, /not found at that address/],
    [{ url: "https://x.test/a.ics", name: "n".repeat(61) }, /60 characters/],
  ];
  for (const [body, message] of cases) {
    const answer = await expert.api("POST", "/api/expert/calendars", body);
    const reason = answer.body.details?.url?.[0] ??
      answer.body.details?.name?.[0];
    expect({ body, status: answer.status, reason }).toEqual({
      body,
      status: 400,
      reason: expect.stringMatching(message),
    });
  }
  expect((await expert.api("GET", "/api/expert/calendars")).body.calendars)
    .toEqual([]);

  // The limit, then a duplicate.
  for (let i = 0; i < MAX_CALENDARS_PER_EXPERT; i++) {
    const added = await expert.api("POST", "/api/expert/calendars", {
      url: server.url(`/${i}.ics`),
    });
    expect(added.status).toBe(201);
  }
  const extra = await expert.api("POST", "/api/expert/calendars", {
    url: server.url("/extra.ics"),
  });
  expect(extra.status).toBe(409);
  expect(extra.body.message).toMatch(/at most 5 calendars/);

  // Learners have no calendars to link.
  const learner = await signUp(app, "learner");
  expect(
    (await learner.api("POST", "/api/expert/calendars", {
      url: server.url("/0.ics"),
    })).status,
  ).toBe(403);
});

Deno.test("without the test switch the guard refuses this machine's own calendar server", async () => {
  await using app = await createCheckedAuthApp();
  await using server = serveCalendars(() => icsResponse(icsCalendar()));
  const expert = await signUp(app, "expert");
  const answer = await expert.api("POST", "/api/expert/calendars", {
    url: `https://127.0.0.1:${server.port}/cal.ics`,
  });
  expect(answer.status).toBe(400);
  expect(answer.body.details.url[0]).toMatch(/does not fetch calendars from/);
  expect(server.requests).toHaveLength(0);
});
