/**
 * Every booking by time: the start and creation indexes are written in the
 * commits that make, move, cancel and settle bookings (a converted hold's
 * included, an open hold not), readers skip an entry gone stale, and the
 * start-up migration adds what older bookings lack, once.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { createSimulatedProvider } from "@/services/payments/mod.ts";
import { BASE_URL, createLearner, META } from "@/tests/support/money.ts";
import {
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import {
  HISTORY_START,
  makeBookingHistory,
} from "@/tests/support/booking_history.ts";
import {
  backfillBookingTimeIndexes,
  bookingsMadeBetween,
  bookingsStartingBetween,
  bookSession,
  cancelBooking,
  countBookingsMadeBetween,
  rescheduleBooking,
  settleHold,
} from "./mod.ts";
import { bookingKey, BY_CREATED, BY_START } from "./store.ts";
import { bookedPair, NOW, payCheckout } from "./testing.ts";

const DAY = 86_400_000;

/** Every entry of a time index, as [ms, id]. */
async function indexOf(kv: Deno.Kv, index: string) {
  const entries: [number, string][] = [];
  for await (const entry of kv.list<string>({ prefix: [index] })) {
    expect(entry.value).toBe(entry.key[2]);
    entries.push([entry.key[1] as number, entry.key[2] as string]);
  }
  return entries;
}

Deno.test("a booking is indexed by its start and when it was made; a move moves it, a cancellation keeps it", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  const madeMs = Date.parse(booking.createdAt);
  expect(await indexOf(kv, BY_START)).toEqual([
    [Date.parse(booking.start), booking.id],
  ]);
  expect(await indexOf(kv, BY_CREATED)).toEqual([[madeMs, booking.id]]);

  const newStart = daysAhead(NOW, 4, 9);
  await rescheduleBooking(kv, booking.learnerId, booking.id, {
    start: newStart,
  });
  expect(await indexOf(kv, BY_START)).toEqual([
    [Date.parse(newStart), booking.id],
  ]);
  expect(await indexOf(kv, BY_CREATED)).toEqual([[madeMs, booking.id]]);
  expect(
    (await bookingsStartingBetween(kv, NOW.getTime(), NOW.getTime() + 3 * DAY))
      .length,
  ).toBe(0);

  await cancelBooking(kv, booking.learnerId, booking.id);
  const day = Date.parse(newStart.slice(0, 10));
  const listed = await bookingsStartingBetween(kv, day, day + DAY);
  expect(listed.map((b) => [b.id, b.status])).toEqual([
    [booking.id, "cancelled"],
  ]);
  expect(
    await bookingsStartingBetween(kv, day, day + DAY, { status: "confirmed" }),
  ).toEqual([]);
  expect(await indexOf(kv, BY_CREATED)).toEqual([[madeMs, booking.id]]);
});

Deno.test("a hold is not a booking until it converts; then it is indexed like one", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { offering } = await bookableExpert(kv);
  const account = await createLearner(kv, "holder@example.com");
  await fundLearner(kv, account.id, 4500);
  const start = daysAhead(NOW, 2, 9);
  const outcome = await bookSession(
    kv,
    { ...account, timeZone: "Europe/London" },
    { offeringId: offering.id, start, hold: true },
    { payments: createSimulatedProvider(kv), baseUrl: BASE_URL, meta: META },
  );
  if (!("hold" in outcome)) throw new Error("expected a hold");
  expect(await indexOf(kv, BY_START)).toEqual([]);
  expect(await countBookingsMadeBetween(kv, 0, Date.now() + 1e12)).toBe(0);

  await payCheckout(kv, outcome.checkoutUrl);
  const settled = await settleHold(kv, outcome.hold.id);
  if (settled.status !== "converted") throw new Error("not converted");
  expect(await indexOf(kv, BY_START)).toEqual([
    [Date.parse(start), outcome.hold.id],
  ]);
  // Made when the learner booked (the hold), which is its `createdAt`.
  expect(await indexOf(kv, BY_CREATED)).toEqual([
    [Date.parse(settled.booking.createdAt), outcome.hold.id],
  ]);
  expect(settled.booking.createdAt).toBe(outcome.hold.createdAt);
});

Deno.test("the time ranges: start order with ties by id, bookings made, counts, limits", async () => {
  using clock = useFakeClock(HISTORY_START);
  using kv = await openTestKv();
  const { bookings } = await makeBookingHistory(kv, clock);
  const all = [...bookings.values()];
  const from = HISTORY_START.getTime();
  const starting = await bookingsStartingBetween(kv, from, from + 30 * DAY);
  const byStart = [...all].sort((a, b) =>
    Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1)
  );
  expect(starting.map((b) => b.id)).toEqual(byStart.map((b) => b.id));
  expect(starting).toEqual(byStart);
  expect(
    (await bookingsStartingBetween(kv, from, from + 30 * DAY, { limit: 3 }))
      .map((b) => b.id),
  ).toEqual(byStart.slice(0, 3).map((b) => b.id));
  expect(
    (await bookingsStartingBetween(kv, from, from + 30 * DAY, {
      status: "completed",
    })).map((b) => b.id),
  ).toEqual(byStart.filter((b) => b.status === "completed").map((b) => b.id));

  // Made on the first day, and on the second.
  const firstDay = all.filter((b) => Date.parse(b.createdAt) < from + DAY);
  const made = await bookingsMadeBetween(kv, from, from + DAY);
  expect(new Set(made.map((b) => b.id))).toEqual(
    new Set(firstDay.map((b) => b.id)),
  );
  expect(firstDay.length).toBeGreaterThan(0);
  expect(await countBookingsMadeBetween(kv, from, from + DAY)).toBe(
    firstDay.length,
  );
  expect(await countBookingsMadeBetween(kv, from + DAY, from + 2 * DAY)).toBe(
    all.length - firstDay.length,
  );
});

Deno.test("an entry that no longer matches its booking is skipped", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  // As a process from before the index would leave it: moved, with the
  // start entry still at the old time.
  const moved = { ...booking, start: daysAhead(NOW, 6, 9) };
  await kv.set(bookingKey(booking.id), moved);
  const from = NOW.getTime();
  expect(await bookingsStartingBetween(kv, from, from + 5 * DAY)).toEqual([]);
});

Deno.test("the start-up migration indexes older bookings once; a second run changes nothing", async () => {
  using clock = useFakeClock(HISTORY_START);
  using kv = await openTestKv();
  const { bookings } = await makeBookingHistory(kv, clock);
  const starts = await indexOf(kv, BY_START);
  const made = await indexOf(kv, BY_CREATED);
  expect(starts).toHaveLength(bookings.size);

  // Nothing to do when every booking is indexed.
  expect(await backfillBookingTimeIndexes(kv)).toEqual({
    migrated: 0,
    unresolved: [],
  });

  // Bookings from before the indexes: none indexed, one half indexed.
  const op = kv.atomic();
  for (const [ms, id] of starts) op.delete([BY_START, ms, id]);
  for (const [ms, id] of made.slice(1)) op.delete([BY_CREATED, ms, id]);
  await op.commit();
  expect(await backfillBookingTimeIndexes(kv)).toEqual({
    migrated: bookings.size,
    unresolved: [],
  });
  expect(await indexOf(kv, BY_START)).toEqual(starts);
  expect(await indexOf(kv, BY_CREATED)).toEqual(made);
  expect(await backfillBookingTimeIndexes(kv)).toEqual({
    migrated: 0,
    unresolved: [],
  });

  // Something that is not a booking is reported, never indexed.
  await kv.set(bookingKey("broken"), { id: "broken" });
  expect(await backfillBookingTimeIndexes(kv)).toEqual({
    migrated: 0,
    unresolved: [{ id: "broken", problem: "unreadable" }],
  });
  expect(await indexOf(kv, BY_START)).toEqual(starts);
});
