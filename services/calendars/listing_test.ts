import { expect } from "expect";
import { NotFoundError } from "@/services/platform/errors.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  addCalendar,
  calendarOverview,
  REFRESH_INTERVAL_MS,
  refreshCalendarNow,
  RefreshTooSoonError,
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

const meeting = (date: string, time = "090000") =>
  icsEvent(`DTSTART:${date}T${time}Z`, "DURATION:PT1H");

Deno.test("the overview counts busy times in the next 60 days only", async () => {
  using kv = await openTestKv();
  const clock = bindTestClock(kv, NOW);
  await using server = serveCalendars(() =>
    icsResponse(icsCalendar(
      meeting("20300314", "150000"), // yesterday: kept, not ahead
      meeting("20300316"),
      meeting("20300510"), // 56 days ahead
      meeting("20300520"), // 66 days ahead
    ))
  );
  const added = await addCalendar(
    kv,
    EXPERT,
    { url: server.url("/c.ics") },
    local,
  );
  expect(added.busyCount).toBe(4);
  expect(await calendarOverview(kv, EXPERT)).toEqual([{
    ...added,
    upcomingBusyCount: 2,
  }]);
  clock.advance(2 * 86_400_000); // the 16th has passed
  expect((await calendarOverview(kv, EXPERT))[0].upcomingBusyCount).toBe(1);
  expect(await calendarOverview(kv, "someone-else")).toEqual([]);
});

Deno.test("a refresh on request keeps to the 15-minute rule and only for the calendar's expert", async () => {
  using kv = await openTestKv();
  const clock = bindTestClock(kv, NOW);
  await using server = serveCalendars(() => icsResponse(icsCalendar()));
  const added = await addCalendar(
    kv,
    EXPERT,
    { url: server.url("/c.ics") },
    local,
  );
  expect(added.refreshableAt).toBe("2030-03-15T12:15:00.000Z");

  clock.advance(REFRESH_INTERVAL_MS - 61_000);
  const early = await refreshCalendarNow(kv, EXPERT, added.id, local)
    .catch((error) => error);
  expect(early).toBeInstanceOf(RefreshTooSoonError);
  expect(early.retryAfterSeconds).toBe(61);
  expect(early.message).toMatch(/Try again in 2 minutes/);
  await expect(refreshCalendarNow(kv, "another", added.id, local)).rejects
    .toBeInstanceOf(NotFoundError);
  expect(server.requests).toHaveLength(1);

  clock.advance(61_000);
  const refreshed = await refreshCalendarNow(kv, EXPERT, added.id, local);
  expect(refreshed.lastFetchedAt).toBe("2030-03-15T12:15:00.000Z");
  expect(refreshed.refreshableAt).toBe("2030-03-15T12:30:00.000Z");
  expect(server.requests).toHaveLength(2);
});
