import { expect } from "expect";
import ICAL from "ical.js";
import { openTestKv } from "@/tests/support/kv.ts";
import { daysAhead } from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import {
  calendarFeedFor,
  cancelBooking,
  createCalendarFeed,
  getCalendarFeedStatus,
  revokeCalendarFeed,
} from "./mod.ts";
import { bookedPair, NOW } from "./testing.ts";

function eventsOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().toISOString(),
      summary: event.summary,
      url: vevent.getFirstPropertyValue("url"),
    };
  });
}

Deno.test("a feed lists the person's sessions on both sides, valid iCalendar, and drops cancelled ones", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const first = await bookedPair(kv);
  const second = await bookedPair(kv, daysAhead(NOW, 4, 9));
  const { token } = await createCalendarFeed(kv, first.expertId);
  expect(await getCalendarFeedStatus(kv, first.expertId)).toMatchObject({
    active: true,
  });
  const ics = await calendarFeedFor(kv, token, {
    baseUrl: "https://taptime.example",
  });
  expect(ics).toContain("METHOD:PUBLISH");
  expect(eventsOf(ics!)).toEqual([{
    uid: `${first.id}@taptime`,
    start: first.start,
    summary: "One-hour session: Lea Learner with Bea Booked",
    url: `https://taptime.example/bookings/${first.id}`,
  }]);
  // The other learner's feed has only their own session.
  const theirs = await createCalendarFeed(kv, second.learnerId);
  expect(eventsOf((await calendarFeedFor(kv, theirs.token))!).map((e) => e.uid))
    .toEqual([`${second.id}@taptime`]);
  await cancelBooking(kv, first.learnerId, first.id);
  const empty = (await calendarFeedFor(kv, token))!;
  expect(eventsOf(empty)).toEqual([]);
  expect(new ICAL.Component(ICAL.parse(empty)).name).toBe("vcalendar");
});

Deno.test("a new address revokes the old; revoking leaves none; junk tokens find nothing", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  const old = await createCalendarFeed(kv, booking.learnerId);
  const current = await createCalendarFeed(kv, booking.learnerId);
  expect(await calendarFeedFor(kv, old.token)).toBeNull();
  expect(await calendarFeedFor(kv, current.token)).not.toBeNull();
  // Only the hash is stored.
  const stored = [];
  for await (const entry of kv.list({ prefix: ["calendar_feed_tokens"] })) {
    stored.push(entry.key[1]);
  }
  expect(stored).toHaveLength(1);
  expect(stored[0]).not.toBe(current.token);
  expect(await calendarFeedFor(kv, "not-a-token")).toBeNull();
  expect(await revokeCalendarFeed(kv, booking.learnerId)).toBe(true);
  expect(await calendarFeedFor(kv, current.token)).toBeNull();
  expect(await revokeCalendarFeed(kv, booking.learnerId)).toBe(false);
  expect(await getCalendarFeedStatus(kv, booking.learnerId)).toEqual({
    active: false,
    createdAt: null,
  });
});
