import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import {
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import { escrowAccount, getBalance } from "@/services/ledger/mod.ts";
import {
  bookSession,
  rescheduleBooking,
  SlotUnavailableError,
  UnbookableError,
} from "./mod.ts";
import { completionDueAt } from "./store.ts";

const NOW = new Date("2030-03-04T08:00:00Z");
const HOUR = 3_600_000;

async function setUp(kv: Deno.Kv, availability = {}) {
  const expert = await bookableExpert(kv, { availability });
  const learner = await fundedLearner(kv, 100_00);
  const outcome = await bookSession(kv, learner, {
    offeringId: expert.offering.id,
    start: daysAhead(NOW, 3, 10),
  });
  if (!("booking" in outcome)) throw new Error("not booked");
  return { ...expert, learner, booking: outcome.booking };
}

async function cellIds(kv: Deno.Kv, prefix: string, personId: string) {
  const cells: Record<string, string> = {};
  for await (const entry of kv.list({ prefix: [prefix, personId] })) {
    const at = new Date(entry.key[2] as number).toISOString().slice(5, 16);
    cells[at] = (entry.value as { id: string }).id;
  }
  return cells;
}

Deno.test("moving a booking keeps its id and money, claims the new time and frees the old", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, offering, learner, booking } = await setUp(kv);
  const moved = await rescheduleBooking(kv, booking.expertId, booking.id, {
    start: daysAhead(NOW, 4, 14),
  });
  expect(moved).toMatchObject({
    id: booking.id,
    start: daysAhead(NOW, 4, 14),
    end: daysAhead(NOW, 4, 15),
    rescheduleCount: 1,
    status: "confirmed",
    priceMinor: 6000,
  });
  expect(await cellIds(kv, "booking_cells", expertId)).toEqual({
    "03-08T14:00": booking.id,
    "03-08T14:15": booking.id,
    "03-08T14:30": booking.id,
    "03-08T14:45": booking.id,
  });
  expect(Object.keys(await cellIds(kv, "learner_cells", learner.id)))
    .toEqual(["03-08T14:00", "03-08T14:15", "03-08T14:30", "03-08T14:45"]);
  expect((await kv.get(["booking_day_count", expertId, "2030-03-07"])).value)
    .toBe(0);
  expect((await kv.get(["booking_day_count", expertId, "2030-03-08"])).value)
    .toBe(1);
  expect(await kv.get(["booking_due", completionDueAt(moved), booking.id]))
    .toMatchObject({ value: "complete" });
  expect(await kv.get(["booking_due", completionDueAt(booking), booking.id]))
    .toMatchObject({ versionstamp: null });
  expect(await getBalance(kv, escrowAccount(booking.id), "USD")).toBe(6000);
  // The old time is anyone's again; there is still one booking.
  const other = await fundedLearner(kv);
  const taken = await bookSession(kv, other, {
    offeringId: offering.id,
    start: booking.start,
  });
  expect("booking" in taken).toBe(true);
  let count = 0;
  for await (
    const _ of kv.list({ prefix: ["bookings_by_learner", learner.id] })
  ) count++;
  expect(count).toBe(1);
  await assertBooksBalance(kv);
});

Deno.test("a session may move into time it already holds (a quarter hour later, same day, with a daily limit)", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, booking } = await setUp(kv, {
    dailyLimit: 1,
    bufferAfterMinutes: 15,
  });
  const moved = await rescheduleBooking(kv, booking.learnerId, booking.id, {
    start: daysAhead(NOW, 3, 10, 15),
  });
  expect(moved.start).toBe(daysAhead(NOW, 3, 10, 15));
  expect(Object.keys(await cellIds(kv, "booking_cells", expertId))).toEqual([
    "03-07T10:15",
    "03-07T10:30",
    "03-07T10:45",
    "03-07T11:00",
    "03-07T11:15",
  ]);
  expect((await kv.get(["booking_day_count", expertId, "2030-03-07"])).value)
    .toBe(1);
});

Deno.test("the policy limits moves: twice at most, until a day before", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { booking } = await setUp(kv);
  await rescheduleBooking(kv, booking.learnerId, booking.id, {
    start: daysAhead(NOW, 3, 12),
  });
  await rescheduleBooking(kv, booking.expertId, booking.id, {
    start: daysAhead(NOW, 3, 14),
  });
  await expect(
    rescheduleBooking(kv, booking.learnerId, booking.id, {
      start: daysAhead(NOW, 3, 16),
    }),
  ).rejects.toThrow(/moved 2 times/);

  const second = await setUp(kv);
  clock.advance(2 * 24 * HOUR + 3 * HOUR); // 21 hours before its start
  await expect(
    rescheduleBooking(kv, second.booking.learnerId, second.booking.id, {
      start: daysAhead(NOW, 4, 10),
    }),
  ).rejects.toBeInstanceOf(ConflictError);
});

Deno.test("a move to a taken or unbookable time changes nothing", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { offering, booking } = await setUp(kv);
  const other = await fundedLearner(kv);
  const otherStart = daysAhead(NOW, 3, 12);
  await bookSession(kv, other, { offeringId: offering.id, start: otherStart });
  await expect(
    rescheduleBooking(kv, booking.learnerId, booking.id, {
      start: daysAhead(NOW, 3, 11, 30),
    }),
  ).rejects.toBeInstanceOf(SlotUnavailableError);
  await expect(
    rescheduleBooking(kv, booking.learnerId, booking.id, {
      start: daysAhead(NOW, 3, 11, 10),
    }),
  ).rejects.toBeInstanceOf(UnbookableError);
  for (const request of [{}, { start: booking.start }, { start: "soon" }]) {
    await expect(
      rescheduleBooking(kv, booking.learnerId, booking.id, request),
    ).rejects.toBeInstanceOf(ValidationError);
  }
  await expect(
    rescheduleBooking(kv, other.id, booking.id, { start: otherStart }),
  ).rejects.toBeInstanceOf(NotFoundError);
  const [stored] = [(await kv.get(["bookings", booking.id])).value];
  expect(stored).toEqual(booking);
});
