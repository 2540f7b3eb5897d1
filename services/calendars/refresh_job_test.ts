import { expect } from "expect";
import { startJobWorker } from "@/services/platform/jobs.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  addCalendar,
  calendarRefreshCron,
  calendarRefreshJob,
  enqueueDueRefreshes,
  listCalendars,
  REFRESH_INTERVAL_MS,
} from "./mod.ts";
import {
  bindTestClock,
  icsCalendar,
  icsResponse,
  serveCalendars,
} from "./testing.ts";

const EXPERT = "01JEXPERT0000000000000000A";
const NOW = "2030-03-15T12:00:00Z";

async function eventually(done: () => Promise<boolean>, ms = 3_000) {
  const until = Date.now() + ms;
  while (!await done()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

Deno.test("the cron queues a calendar once it is 15 minutes old, once, and the job keeps the guard on", async () => {
  const kv = await openTestKv();
  const worker = startJobWorker(kv, [calendarRefreshJob]);
  try {
    const clock = bindTestClock(kv, NOW);
    await using server = serveCalendars(() => icsResponse(icsCalendar()));
    const added = await addCalendar(kv, EXPERT, {
      url: server.url("/cal.ics"),
    }, { allowLoopback: true });

    clock.advance(REFRESH_INTERVAL_MS - 60_000);
    expect(await enqueueDueRefreshes(kv, { spreadMs: 0 })).toBe(0);

    clock.advance(60_000);
    expect(await enqueueDueRefreshes(kv, { spreadMs: 0 })).toBe(1);
    // Claimed: another tick (or process) does not queue it again.
    expect(await enqueueDueRefreshes(kv, { spreadMs: 0 })).toBe(0);

    // The job fetched it without the test switch, so the guard refused
    // this machine's address, and said so on the calendar.
    await eventually(async () =>
      (await listCalendars(kv, EXPERT))[0].lastFetchedAt !==
        added.lastFetchedAt
    );
    const [refreshed] = await listCalendars(kv, EXPERT);
    expect(refreshed.lastStatus).toMatch(/does not fetch calendars from/);
    expect(server.requests).toHaveLength(1); // the first fetch only

    // Next due 15 minutes after that attempt.
    clock.advance(REFRESH_INTERVAL_MS - 60_000);
    expect(await enqueueDueRefreshes(kv, { spreadMs: 0 })).toBe(0);
    clock.advance(60_000);
    expect(await enqueueDueRefreshes(kv, { spreadMs: 0 })).toBe(1);
  } finally {
    kv.close();
    await worker;
  }
});

Deno.test("a refresh job delivered twice fetches once", async () => {
  using kv = await openTestKv();
  const clock = bindTestClock(kv, NOW);
  await using server = serveCalendars(() => icsResponse(icsCalendar()));
  const added = await addCalendar(kv, EXPERT, {
    url: server.url("/cal.ics"),
  }, { allowLoopback: true });
  const run = () =>
    calendarRefreshJob.handler({ calendarId: added.id }, { kv, id: "test" });

  // Fetched moments ago: the job leaves it alone.
  clock.advance(60_000);
  await run();
  expect((await listCalendars(kv, EXPERT))[0].lastFetchedAt).toBe(
    added.lastFetchedAt,
  );

  clock.advance(REFRESH_INTERVAL_MS);
  await run();
  const first = (await listCalendars(kv, EXPERT))[0].lastFetchedAt;
  expect(first).not.toBe(added.lastFetchedAt);
  await run();
  expect((await listCalendars(kv, EXPERT))[0].lastFetchedAt).toBe(first);

  // A calendar removed meanwhile is nothing to do.
  await calendarRefreshJob.handler(
    { calendarId: "01JNOSUCHCALENDAR000000000" },
    { kv, id: "test" },
  );
});

Deno.test("the cron runs every five minutes and only queues work", async () => {
  expect(calendarRefreshCron.schedule).toBe("*/5 * * * *");
  using kv = await openTestKv();
  bindTestClock(kv, NOW);
  await calendarRefreshCron.run(kv); // nothing due: nothing queued, no error
});
