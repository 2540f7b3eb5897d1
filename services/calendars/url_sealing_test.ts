import { expect } from "expect";
import { isSealed } from "@/services/platform/secrets.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { addCalendar, listCalendars, refreshCalendar } from "./mod.ts";
import { calendarKey } from "./store.ts";
import type { StoredCalendar } from "./model.ts";
import { sealStoredCalendarUrls } from "./url_sealing.ts";
import {
  bindTestClock,
  icsCalendar,
  icsEvent,
  icsResponse,
  serveCalendars,
} from "./testing.ts";

const local = { allowLoopback: true };
const EXPERT = "01JEXPERT0000000000000000A";
const NOW = "2030-03-15T12:00:00Z";
const SECRET = "private-5e1d9c0a77";

/** Every stored value, as text, to search for the secret. */
async function everything(kv: Deno.Kv): Promise<string> {
  const values: unknown[] = [];
  for await (const entry of kv.list({ prefix: [] })) {
    values.push(entry.key, entry.value);
  }
  return JSON.stringify(values);
}

const busyCalendar = () =>
  icsResponse(icsCalendar(icsEvent(
    "DTSTART:20300316T090000Z",
    "DURATION:PT1H",
  )));

Deno.test("a linked calendar's address is stored sealed: nothing in the database holds it plain", async () => {
  using kv = await openTestKv();
  bindTestClock(kv, NOW);
  await using server = serveCalendars(busyCalendar);
  const url = server.url(`/${SECRET}/basic.ics`);
  const added = await addCalendar(kv, EXPERT, { url }, local);

  const stored = (await kv.get<StoredCalendar>(calendarKey(added.id))).value!;
  expect(isSealed(stored.url)).toBe(true);
  expect(stored.host).toBe(`127.0.0.1:${server.port}`);
  expect(await everything(kv)).not.toContain(SECRET);

  // The sealed address still fetches: a refresh reaches the same path.
  expect(await refreshCalendar(kv, added.id, local)).toMatchObject({
    lastStatus: "ok",
  });
  expect(new URL(server.requests[1].url).pathname).toBe(
    `/${SECRET}/basic.ics`,
  );
  // Adding the same address again is still refused (compared opened).
  await expect(addCalendar(kv, EXPERT, { url }, local)).rejects.toThrow(
    /already linked/,
  );
});

Deno.test("the start-up step seals addresses stored plain, keeps them working, and is idempotent", async () => {
  using kv = await openTestKv();
  bindTestClock(kv, NOW);
  await using server = serveCalendars(busyCalendar);
  const url = server.url(`/${SECRET}/old.ics`);
  const added = await addCalendar(kv, EXPERT, { url }, local);
  // As a record written before sealing looked: the address plain, no host.
  const entry = await kv.get<StoredCalendar>(calendarKey(added.id));
  const { host: _, ...old } = { ...entry.value!, url };
  await kv.set(calendarKey(added.id), old);
  await kv.set(calendarKey("not-a-calendar"), { something: "else" });
  // A plain record is still read and shown before the migration runs.
  expect((await listCalendars(kv, EXPERT))[0].host).toBe(
    `127.0.0.1:${server.port}`,
  );
  expect(await refreshCalendar(kv, added.id, local)).toMatchObject({
    lastStatus: "ok",
  });

  expect(await sealStoredCalendarUrls(kv)).toEqual({
    migrated: 1,
    unresolved: [{ id: "not-a-calendar", problem: "not a calendar link" }],
  });
  const sealed = (await kv.get<StoredCalendar>(calendarKey(added.id))).value!;
  expect(isSealed(sealed.url)).toBe(true);
  expect(sealed.host).toBe(`127.0.0.1:${server.port}`);
  await kv.delete(calendarKey("not-a-calendar"));
  expect(await everything(kv)).not.toContain(SECRET);

  expect(await sealStoredCalendarUrls(kv)).toEqual({
    migrated: 0,
    unresolved: [],
  });
  expect(await refreshCalendar(kv, added.id, local)).toMatchObject({
    lastStatus: "ok",
  });
  expect(server.requests.map((request) => new URL(request.url).pathname))
    .toEqual([
      `/${SECRET}/old.ics`,
      `/${SECRET}/old.ics`,
      `/${SECRET}/old.ics`,
    ]);
});

Deno.test("a sealed address does not open on another calendar's record", async () => {
  using kv = await openTestKv();
  bindTestClock(kv, NOW);
  await using server = serveCalendars(busyCalendar);
  const a = await addCalendar(kv, EXPERT, { url: server.url("/a.ics") }, local);
  const b = await addCalendar(kv, EXPERT, { url: server.url("/b.ics") }, local);
  const recordA = (await kv.get<StoredCalendar>(calendarKey(a.id))).value!;
  const recordB = (await kv.get<StoredCalendar>(calendarKey(b.id))).value!;
  await kv.set(calendarKey(b.id), { ...recordB, url: recordA.url });
  // Said on the calendar in plain words, not thrown.
  expect((await refreshCalendar(kv, b.id, local))?.lastStatus).toMatch(
    /can no longer read this calendar's address/,
  );
  expect(server.requests).toHaveLength(2); // the two first fetches only
});
