import { expect } from "expect";
import { createCategory } from "@/services/categories/mod.ts";
import { createExpert } from "@/services/experts/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  addCalendar,
  busyTimes,
  listCalendars,
  MAX_BUSY_RANGES,
  MAX_CALENDARS_PER_EXPERT,
  refreshCalendar,
  removeCalendar,
} from "./mod.ts";
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
const SECRET = "/private-8f3c2a91b7/basic.ics";

/** A meeting at the given day and hour of March 2030, UTC, one hour. */
const meeting = (day: number, hour: number, ...extra: string[]) =>
  icsEvent(
    `DTSTART:203003${String(day).padStart(2, "0")}T${
      String(hour).padStart(2, "0")
    }0000Z`,
    "DURATION:PT1H",
    ...extra,
  );

/** Rejects with `type`; returns the error for more checks. */
async function failure<T extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => T,
): Promise<T> {
  const error = await promise.then(() => null, (error) => error);
  expect(error).toBeInstanceOf(type);
  return error as T;
}

/** Every key in the database, to prove a refusal stored nothing. */
async function allKeys(kv: Deno.Kv): Promise<Deno.KvKey[]> {
  const keys: Deno.KvKey[] = [];
  for await (const entry of kv.list({ prefix: [] })) keys.push(entry.key);
  return keys;
}

Deno.test("a linked calendar's busy times are read at once, and its address never leaves whole", async () => {
  using kv = await openTestKv();
  bindTestClock(kv, NOW);
  await using server = serveCalendars(() =>
    icsResponse(icsCalendar(meeting(16, 9), meeting(16, 9, "UID:dup")))
  );
  const added = await addCalendar(kv, EXPERT, {
    url: server.url(SECRET),
    name: "Work",
  }, local);
  expect(added).toMatchObject({
    expertId: EXPERT,
    name: "Work",
    maskedUrl: `127.0.0.1:${server.port}/…`,
    lastStatus: "ok",
    lastFetchedAt: "2030-03-15T12:00:00.000Z",
    busyCount: 1,
    warning: null,
  });
  const listed = await listCalendars(kv, EXPERT);
  expect(listed).toEqual([added]);
  expect(JSON.stringify(listed)).not.toContain("private-8f3c2a91b7");
  expect(
    await busyTimes(kv, EXPERT, "2030-03-16T00:00:00Z", "2030-03-17T00:00:00Z"),
  ).toEqual([{
    start: "2030-03-16T09:00:00.000Z",
    end: "2030-03-16T10:00:00.000Z",
  }]);
  // Clipped to the range asked for.
  expect(
    await busyTimes(
      kv,
      EXPERT,
      new Date("2030-03-16T09:30:00Z"),
      new Date("2030-03-16T12:00:00Z"),
    ),
  ).toEqual([{
    start: "2030-03-16T09:30:00.000Z",
    end: "2030-03-16T10:00:00.000Z",
  }]);
  expect(await busyTimes(kv, "someone-else", NOW, "2030-04-01T00:00:00Z"))
    .toEqual([]);
});

Deno.test("a calendar that cannot be fetched or read is refused in plain words and nothing is stored", async () => {
  using kv = await openTestKv();
  await using server = serveCalendars((request) => {
    const path = new URL(request.url).pathname;
    if (path === "/missing.ics") return new Response("gone", { status: 404 });
    if (path === "/page") return new Response("<html><body>Log in</body>");
    return icsResponse("BEGIN:VCALENDAR\r\nnot a line\r\nEND:VCALENDAR");
  });
  const cases: [string, object, RegExp][] = [
    [server.url("/missing.ics"), local, /not found at that address/],
    [server.url("/page"), local, /web page, not a calendar/],
    [server.url("/broken.ics"), local, /could not be read/],
    [`https://127.0.0.1:${server.port}/fine.ics`, {}, /this server itself/],
    ["http://calendar.example.com/cal.ics", {}, /starts with https:\/\//],
    ["http://192.168.0.10/cal.ics", local, /private network address/],
    ["ftp://example.com/cal.ics", local, /must start with https:\/\//],
    ["", local, /Paste the calendar's secret iCal address/],
  ];
  for (const [url, options, message] of cases) {
    const error = await failure(
      addCalendar(kv, EXPERT, { url }, options),
      ValidationError,
    );
    expect([url, error.fieldErrors.url?.[0]]).toEqual([
      url,
      expect.stringMatching(message),
    ]);
  }
  expect(await allKeys(kv)).toEqual([]);
});

Deno.test("an expert links at most five calendars, each once", async () => {
  using kv = await openTestKv();
  await using server = serveCalendars(() => icsResponse(icsCalendar()));
  for (let i = 0; i < MAX_CALENDARS_PER_EXPERT; i++) {
    await addCalendar(kv, EXPERT, { url: server.url(`/${i}.ics`) }, local);
  }
  const duplicate = await failure(
    addCalendar(kv, EXPERT, { url: server.url("/0.ics") }, local),
    ConflictError,
  );
  expect(duplicate.message).toMatch(/already linked/);
  const extra = await failure(
    addCalendar(kv, EXPERT, { url: server.url("/9.ics") }, local),
    ConflictError,
  );
  expect(extra.message).toMatch(/at most 5 calendars/);
  // Another expert is not affected; the name defaults to the host.
  const other = await addCalendar(kv, "other-expert", {
    url: server.url("/0.ics"),
  }, local);
  expect(other.name).toBe("127.0.0.1");
  expect(await listCalendars(kv, EXPERT)).toHaveLength(5);
});

Deno.test("removing a calendar removes its busy times; only its expert can", async () => {
  using kv = await openTestKv();
  bindTestClock(kv, NOW);
  await using server = serveCalendars(() =>
    icsResponse(icsCalendar(meeting(16, 9)))
  );
  const added = await addCalendar(
    kv,
    EXPERT,
    { url: server.url("/a.ics") },
    local,
  );
  await failure(removeCalendar(kv, "intruder", added.id), NotFoundError);
  await removeCalendar(kv, EXPERT, added.id);
  expect(await listCalendars(kv, EXPERT)).toEqual([]);
  expect(await busyTimes(kv, EXPERT, NOW, "2030-04-01T00:00:00Z")).toEqual([]);
  await failure(removeCalendar(kv, EXPERT, added.id), NotFoundError);
  const left = (await allKeys(kv)).filter((key) =>
    key[0] !== "calendars_version"
  );
  expect(left).toEqual([]);
});

Deno.test("a refresh uses the ETag: 304 keeps the busy times, a change replaces them, a failure keeps them", async () => {
  using kv = await openTestKv();
  const clock = bindTestClock(kv, NOW);
  let version = 1;
  let failing = false;
  await using server = serveCalendars((request) => {
    if (failing) return new Response("oops", { status: 500 });
    const etag = `"v${version}"`;
    if (request.headers.get("if-none-match") === etag) {
      return new Response(null, { status: 304 });
    }
    return icsResponse(icsCalendar(meeting(16 + version, 9)), { etag });
  });
  const added = await addCalendar(
    kv,
    EXPERT,
    { url: server.url("/cal.ics") },
    local,
  );
  const week = () => busyTimes(kv, EXPERT, NOW, "2030-03-22T00:00:00Z");
  expect(await week()).toEqual([
    { start: "2030-03-17T09:00:00.000Z", end: "2030-03-17T10:00:00.000Z" },
  ]);

  clock.advance(15 * 60_000);
  expect(await refreshCalendar(kv, added.id, local)).toMatchObject({
    lastStatus: "ok",
    lastFetchedAt: "2030-03-15T12:15:00.000Z",
  });
  expect(server.requests.at(-1)?.headers.get("if-none-match")).toBe('"v1"');
  expect(await week()).toHaveLength(1);

  version = 2;
  clock.advance(15 * 60_000);
  await refreshCalendar(kv, added.id, local);
  expect(await week()).toEqual([
    { start: "2030-03-18T09:00:00.000Z", end: "2030-03-18T10:00:00.000Z" },
  ]);

  failing = true;
  clock.advance(15 * 60_000);
  const failed = await refreshCalendar(kv, added.id, local);
  expect(failed?.lastStatus).toMatch(/had a problem \(HTTP 500\)/);
  expect(await week()).toHaveLength(1);

  // Recovery clears the status.
  failing = false;
  clock.advance(15 * 60_000);
  expect((await refreshCalendar(kv, added.id, local))?.lastStatus).toBe("ok");
});

Deno.test("a 304 is not trusted once the stored busy times no longer reach the horizon", async () => {
  using kv = await openTestKv();
  const clock = bindTestClock(kv, NOW);
  await using server = serveCalendars(() =>
    icsResponse(icsCalendar(), { etag: '"same"' })
  );
  const added = await addCalendar(
    kv,
    EXPERT,
    { url: server.url("/cal.ics") },
    local,
  );
  clock.advance(60 * 60_000);
  await refreshCalendar(kv, added.id, local);
  expect(server.requests.at(-1)?.headers.get("if-none-match")).toBe('"same"');
  clock.advance(2 * 86_400_000);
  await refreshCalendar(kv, added.id, local);
  expect(server.requests.at(-1)?.headers.has("if-none-match")).toBe(false);
});

Deno.test("all-day events follow the expert's profile zone; calendars merge", async () => {
  using kv = await openTestKv();
  bindTestClock(kv, NOW);
  await createCategory(kv, { id: "design", name: "Design", icon: "palette" });
  const expert = await createExpert(kv, {
    name: "Kenji Sato",
    headline: "Product designer",
    bio: "I design things.",
    categoryIds: ["design"],
    skills: ["Figma"],
    languages: ["ja"],
    yearsExperience: 8,
    hourlyRate: { amountMinor: 9000, currency: "USD" },
    location: "Tokyo, Japan",
    timeZone: "Asia/Tokyo",
  });
  await using server = serveCalendars((request) =>
    icsResponse(
      request.url.endsWith("/holiday.ics")
        ? icsCalendar(icsEvent("DTSTART;VALUE=DATE:20300320"))
        : icsCalendar(
          icsEvent("DTSTART:20300320T140000Z", "DTEND:20300320T160000Z"),
        ),
    )
  );
  await addCalendar(kv, expert.id, { url: server.url("/holiday.ics") }, local);
  await addCalendar(kv, expert.id, { url: server.url("/work.ics") }, local);
  expect(await busyTimes(kv, expert.id, NOW, "2030-04-01T00:00:00Z")).toEqual([
    // 20 March in Tokyo, which the 14:00 UTC meeting overlaps and extends.
    { start: "2030-03-19T15:00:00.000Z", end: "2030-03-20T16:00:00.000Z" },
  ]);
});

Deno.test("a calendar busier than the range cap is kept up to the cap, and says so", async () => {
  using kv = await openTestKv();
  bindTestClock(kv, NOW);
  await using server = serveCalendars(() =>
    icsResponse(icsCalendar(icsEvent(
      "DTSTART:20300314T120000Z",
      "DURATION:PT30M",
      "RRULE:FREQ=HOURLY",
    )))
  );
  const added = await addCalendar(kv, EXPERT, {
    url: server.url("/busy.ics"),
  }, local);
  expect(added.busyCount).toBe(MAX_BUSY_RANGES);
  expect(added.warning).toMatch(
    /more than 2,000 busy times in the next 90 days; only those until 2030-06-05 block bookings/,
  );
  const busy = await busyTimes(kv, EXPERT, NOW, "2030-07-01T00:00:00Z");
  expect(busy).toHaveLength(MAX_BUSY_RANGES - 24);
});

Deno.test("busy times only answer for real instants", async () => {
  using kv = await openTestKv();
  const error = await failure(
    busyTimes(kv, EXPERT, "yesterday", NOW),
    ValidationError,
  );
  expect(error.fieldErrors.from).toBeDefined();
});
