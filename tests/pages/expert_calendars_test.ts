/**
 * The expert's busy calendars page over HTTP, without JavaScript: link a
 * calendar by pasting its secret address (a bad one comes back with the
 * message beside the field and the typed value kept), see its state
 * without the address, refresh it within the 15-minute rule, remove it.
 */
import { expect } from "expect";
import { calendarFetchProvider } from "@/services/calendars/mod.ts";
import {
  icsCalendar,
  icsEvent,
  icsResponse,
  serveCalendars,
} from "@/tests/support/calendars.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";
import { page, postForm } from "./page_helpers.ts";

const SECRET = "private-a4c2e9f7d3";

/** An ICS stamp `days` from now at 09:00 UTC. */
function stamp(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return date.toISOString().slice(0, 10).replaceAll("-", "") + "T090000Z";
}

Deno.test("an expert links, sees, refreshes and removes a busy calendar on its page", async () => {
  await using app = await createAuthTestApp();
  bindProviders(app.kv, [
    provide(calendarFetchProvider, { allowLoopback: true }),
  ]);
  await using server = serveCalendars(() =>
    icsResponse(icsCalendar(
      icsEvent(`DTSTART:${stamp(1)}`, "DURATION:PT1H"),
      icsEvent(`DTSTART:${stamp(3)}`, "DURATION:PT1H"),
    ))
  );
  const expert = await signUp(app, "expert");

  const availability = await page(expert, "/expert/availability");
  expect(availability.text).toContain('href="/expert/availability/calendars"');

  const empty = await page(expert, "/expert/availability/calendars");
  expect(empty.status).toBe(200);
  expect(empty.text).toContain("No calendars linked yet");
  for (const program of ["Google Calendar", "Outlook", "Apple Calendar"]) {
    expect(empty.text).toContain(program);
  }

  // A bad address: the message beside the field, the typed value kept.
  const bad = await postForm(expert, "/expert/availability/calendars", {
    action: "add",
    url: "http://192.168.0.4/cal.ics",
    name: "Home",
  });
  expect(bad.status).toBe(400);
  const badHtml = await bad.text();
  expect(badHtml).toMatch(/id="url-error"[^>]*>[\s\S]*private network/);
  expect(badHtml).toContain('aria-invalid="true"');
  expect(badHtml).toContain('value="http://192.168.0.4/cal.ics"');
  expect(badHtml).toContain('value="Home"');

  const url = server.url(`/${SECRET}/cal.ics`);
  const added = await postForm(expert, "/expert/availability/calendars", {
    action: "add",
    url,
    name: "Work",
  });
  expect(added.status).toBe(303);
  expect(added.headers.get("location")).toBe(
    "/expert/availability/calendars?done=added#calendars",
  );
  const listed = await page(
    expert,
    "/expert/availability/calendars?done=added",
  );
  expect(listed.text).toContain("Calendar added.");
  expect(listed.text).toContain("Work");
  expect(listed.text).toContain(`127.0.0.1:${server.port}`);
  expect(listed.text).toContain("2 busy times in the next 60 days");
  expect(listed.text).not.toContain(SECRET);
  // Just read: no refresh button yet, but when it can be.
  expect(listed.text).not.toContain('value="refresh"');
  expect(listed.text).toContain("You can refresh it yourself from");

  // The same address again: beside the field.
  const twice = await postForm(expert, "/expert/availability/calendars", {
    action: "add",
    url,
  });
  expect(twice.status).toBe(409);
  expect(await twice.text()).toMatch(/id="url-error"[^>]*>[\s\S]*already/);

  // A refresh sent anyway (an old page) is refused in plain words.
  const id = /name="id" value="([^"]+)"/.exec(listed.text)![1];
  const early = await postForm(expert, "/expert/availability/calendars", {
    action: "refresh",
    id,
  });
  expect(early.status).toBe(429);
  expect(await early.text()).toMatch(/Try again in 1[45] minutes/);

  // Past the 15 minutes, the button is there and works.
  const key = ["calendars", id];
  const stored = (await app.kv.get<Record<string, unknown>>(key)).value!;
  await app.kv.set(key, {
    ...stored,
    lastFetchedAt: new Date(Date.now() - 16 * 60_000).toISOString(),
  });
  expect((await page(expert, "/expert/availability/calendars")).text).toContain(
    'value="refresh"',
  );
  const refreshed = await postForm(expert, "/expert/availability/calendars", {
    action: "refresh",
    id,
  });
  expect(refreshed.headers.get("location")).toBe(
    "/expert/availability/calendars?done=refreshed#calendars",
  );
  expect(server.requests).toHaveLength(2);

  // Another expert cannot remove it.
  const other = await signUp(app, "expert");
  const stranger = await postForm(other, "/expert/availability/calendars", {
    action: "remove",
    id,
  });
  expect(stranger.status).toBe(404);

  const removed = await postForm(expert, "/expert/availability/calendars", {
    action: "remove",
    id,
  });
  expect(removed.headers.get("location")).toBe(
    "/expert/availability/calendars?done=removed#calendars",
  );
  expect((await page(expert, "/expert/availability/calendars")).text).toContain(
    "No calendars linked yet",
  );
});
