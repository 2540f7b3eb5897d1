/**
 * The admins' sessions and the statistics read bookings through the
 * bookings' time indexes; on a varied history they give the answers the
 * scans of every booking gave before, and a booking of an erased account
 * is still there.
 */
import { expect } from "expect";
import { MAX_HORIZON_DAYS } from "@/services/availability/mod.ts";
import { ensureAccount } from "@/services/auth/mod.ts";
import {
  adminListBookings,
  type Booking,
  type BookingStatus,
  bookSession,
  processDueWork,
} from "@/services/bookings/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { newId } from "@/services/platform/kv.ts";
import { accountErasureJob, requestDeletion } from "@/services/privacy/mod.ts";
import {
  HISTORY_START,
  makeBookingHistory,
} from "@/tests/support/booking_history.ts";
import {
  attendCall,
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { computeStats } from "./compute.ts";
import { gatherInput, platformStats } from "./gather.ts";
import { addDays, boundsOf, DAY_MS, within } from "./period.ts";
import { liveSessions, sessionsBetween, sessionsOn } from "./sessions.ts";

/** Every booking starting in `[fromMs, toMs)`, found by reading them all. */
async function scanned(
  kv: Deno.Kv,
  fromMs: number,
  toMs: number,
  status?: BookingStatus,
): Promise<Booking[]> {
  const found: Booking[] = [];
  for await (const { value } of kv.list<Booking>({ prefix: ["bookings"] })) {
    const start = Date.parse(value.start);
    if (start < fromMs || start >= toMs) continue;
    if (status && value.status !== status) continue;
    found.push(value);
  }
  return found.sort((a, b) =>
    Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1)
  );
}

/** The statistics' bookings as they were gathered before the indexes. */
async function bookingsAroundByScan(
  kv: Deno.Kv,
  period: { from: string; to: string },
): Promise<Booking[]> {
  const inPeriod = within(period);
  const madeSince = boundsOf(period).startMs - (MAX_HORIZON_DAYS + 1) * DAY_MS;
  const bookings: Booking[] = [];
  let cursor: string | undefined;
  do {
    const page = await adminListBookings(kv, { cursor, limit: 100 });
    for (const booking of page.items) {
      if (inPeriod(booking.createdAt) || inPeriod(booking.start)) {
        bookings.push(booking);
      }
    }
    if (page.items.every((b) => Date.parse(b.createdAt) < madeSince)) break;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return bookings;
}

Deno.test("a day's sessions are the bookings starting that day, as a scan of every booking finds them", async () => {
  using clock = useFakeClock(HISTORY_START);
  using kv = await openTestKv();
  const { bookings } = await makeBookingHistory(kv, clock);
  let seen = 0;
  for (let day = "2030-03-03"; day <= "2030-03-25"; day = addDays(day, 1)) {
    const startMs = Date.parse(`${day}T00:00:00Z`);
    const sessions = await sessionsOn(kv, day);
    expect(sessions.map((s) => s.booking)).toEqual(
      await scanned(kv, startMs, startMs + DAY_MS),
    );
    for (const { booking, attendance } of sessions) {
      expect(attendance.bookingId).toBe(booking.id);
    }
    seen += sessions.length;
  }
  expect(seen).toBe(bookings.size);
  // Two sessions at the very same start, and a day capped at its first.
  const busy = await sessionsOn(kv, "2030-03-05");
  expect(busy[0].booking.start).toBe(busy[1].booking.start);
  const first = await sessionsBetween(
    kv,
    Date.parse("2030-03-05T00:00:00Z"),
    Date.parse("2030-03-06T00:00:00Z"),
    2,
  );
  expect(first.map((s) => s.booking.id)).toEqual(
    busy.slice(0, 2).map((s) => s.booking.id),
  );
  await expect(sessionsOn(kv, "2030-02-30")).rejects.toThrow(
    "The date is invalid.",
  );
});

Deno.test("live sessions are the confirmed ones whose call can be joined now", async () => {
  using clock = useFakeClock(HISTORY_START);
  using kv = await openTestKv();
  const { bookings } = await makeBookingHistory(kv, clock);
  const ahead = [...bookings.values()].find((b) => b.status === "confirmed")!;
  clock.set(new Date(Date.parse(ahead.start) + 5 * 60_000));
  expect((await liveSessions(kv)).map((s) => s.booking.id)).toEqual([
    ahead.id,
  ]);
  clock.set(new Date(Date.parse(ahead.start) - 3 * 3_600_000));
  expect(await liveSessions(kv)).toEqual([]);
});

Deno.test("a period's statistics read the bookings made or held in it, as the scan did", async () => {
  using clock = useFakeClock(HISTORY_START);
  using kv = await openTestKv();
  await makeBookingHistory(kv, clock);
  const periods = [
    { from: "2030-03-04", to: "2030-03-04" },
    { from: "2030-03-05", to: "2030-03-05" },
    { from: "2030-03-06", to: "2030-03-10" },
    { from: "2030-03-01", to: "2030-03-31" },
    { from: "2030-02-01", to: "2030-02-28" },
  ];
  for (const period of periods) {
    const input = await gatherInput(kv, period);
    const before = await bookingsAroundByScan(kv, period);
    expect(input.bookings.map((b) => b.id)).toEqual(before.map((b) => b.id));
    expect(input.bookings).toEqual(before);
    expect(await platformStats(kv, period)).toEqual(
      computeStats({ ...input, bookings: before }),
    );
  }
});

Deno.test("a booking of an erased account stays among the day's sessions", async () => {
  using clock = useFakeClock(HISTORY_START);
  using kv = await openTestKv();
  const { offering } = await bookableExpert(kv);
  const learnerId = newId();
  const password = "lighthouse keeper 42";
  await ensureAccount(kv, {
    id: learnerId,
    email: "leaving@example.com",
    password,
    name: "Lou Leaver",
    role: "learner",
    timeZone: "UTC",
    source: "test",
  });
  await fundLearner(kv, learnerId, offering.priceMinor);
  const start = daysAhead(HISTORY_START, 1, 10);
  const outcome = await bookSession(kv, { id: learnerId, timeZone: "UTC" }, {
    offeringId: offering.id,
    start,
  });
  if (!("booking" in outcome)) throw new Error("the booking failed");
  await attendCall(kv, clock, outcome.booking);
  clock.set(new Date(Date.parse(start) + 2 * DAY_MS));
  await processDueWork(kv);
  const request = await requestDeletion(kv, learnerId, { password }, {
    ip: "127.0.0.1",
    userAgent: "test",
  });
  clock.set(new Date(Date.parse(request.eraseAt) + 1));
  await accountErasureJob.handler({ userId: learnerId }, { kv, id: "test" });

  const sessions = await sessionsOn(kv, start.slice(0, 10));
  expect(sessions.map((s) => [s.booking.id, s.booking.learnerId])).toEqual([
    [outcome.booking.id, learnerId],
  ]);
});
