/**
 * The next free time as the app keeps it: computed from the real slot
 * engine, and recomputed by the job the runtime's worker runs after each
 * write that can change it (availability, offerings, bookings, cancels).
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { startTestRuntime } from "@/tests/support/runtime.ts";
import {
  bookableExpert,
  fundedLearner,
  openAvailability,
} from "@/tests/support/bookings.ts";
import { saveAvailability } from "@/services/availability/mod.ts";
import {
  bookSession,
  cancelBooking,
  rescheduleBooking,
} from "@/services/bookings/mod.ts";
import {
  getNextFree,
  type NextFreeRecord,
  searchExperts,
  updateExpert,
} from "@/services/experts/mod.ts";
import { createOffering } from "@/services/offerings/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { seedDemoData } from "@/services/seed/mod.ts";
import { fillMissingNextFree, findNextFree } from "./mod.ts";

const NOW = new Date("2030-03-04T08:00:00Z"); // a Monday
const HOUR = 3_600_000;
/** Wednesday 12:00 UTC, two days on. */
const NOON = 2 * 24 * HOUR + 4 * HOUR;
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

/** Waits until the expert's stored next free time passes `test`. */
async function waitForNextFree(
  kv: Deno.Kv,
  expertId: string,
  test: (record: NextFreeRecord | null) => boolean,
): Promise<NextFreeRecord | null> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const record = await getNextFree(kv, expertId);
    if (test(record)) return record;
    if (Date.now() > deadline) {
      throw new Error(
        `the next free time stayed ${JSON.stringify(record)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const startIs = (start: string | null) => (record: NextFreeRecord | null) =>
  record !== null && record.checkedAt !== null && record.start === start;

Deno.test("the finder asks the slot engine: hours, notice, the shortest session, paused and unlisted", async () => {
  using _clock = useFakeClock(NOW);
  await using kv = await openTestKv();
  const { expertId } = await bookableExpert(kv, {
    availability: {
      weekly: { ...openAvailability().weekly, mon: [] },
      minNoticeMinutes: 120,
    },
  });
  // Monday is off, so Tuesday at midnight UTC.
  expect(await findNextFree(kv, expertId)).toEqual({
    listed: true,
    start: "2030-03-05T00:00:00.000Z",
  });

  // Monday 10:00–10:30 only: a 60-minute session never fits, a 30-minute one does.
  await saveAvailability(
    kv,
    expertId,
    openAvailability({
      weekly: {
        mon: [{ start: "10:00", end: "10:30" }],
        tue: [],
        wed: [],
        thu: [],
        fri: [],
        sat: [],
        sun: [],
      },
      minNoticeMinutes: 0,
    }),
  );
  expect(await findNextFree(kv, expertId)).toEqual({
    listed: true,
    start: null,
  });
  await createOffering(kv, expertId, {
    kind: "session",
    title: "Half an hour",
    durationMinutes: 30,
    priceMinor: 3000,
    currency: "USD",
  });
  expect(await findNextFree(kv, expertId)).toEqual({
    listed: true,
    start: at(2 * HOUR),
  });

  await saveAvailability(kv, expertId, openAvailability({ paused: true }));
  expect(await findNextFree(kv, expertId)).toEqual({
    listed: true,
    start: null,
  });

  await updateExpert(kv, expertId, { published: false });
  expect(await findNextFree(kv, expertId)).toEqual({ listed: false });
  expect(await findNextFree(kv, "01J00000000000000000000000")).toEqual({
    listed: false,
  });
});

Deno.test("the index follows availability edits, bookings, reschedules and cancellations", async () => {
  using _clock = useFakeClock(NOW);
  await using runtime = await startTestRuntime();
  const { kv } = runtime;
  const { expertId, offering } = await bookableExpert(kv, {
    availability: { weekly: { ...openAvailability().weekly } },
  });
  // Saving the hours and adding the offering queued refreshes: open now.
  await waitForNextFree(kv, expertId, startIs(at(0)));

  // The expert now works Wednesdays from 12:00 UTC only (far enough
  // ahead that a booking may still be moved).
  const wednesdays = {
    mon: [],
    tue: [],
    wed: [{ start: "12:00", end: "18:00" }],
    thu: [],
    fri: [],
    sat: [],
    sun: [],
  };
  await saveAvailability(
    kv,
    expertId,
    openAvailability({ weekly: wednesdays }),
  );
  await waitForNextFree(kv, expertId, startIs(at(NOON)));

  // A learner takes 12:00–13:00 on Wednesday: the next free start is 13:00.
  const learner = await fundedLearner(kv, 200_00);
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    start: at(NOON),
  });
  if (!("booking" in outcome)) throw new Error("not booked");
  await waitForNextFree(kv, expertId, startIs(at(NOON + HOUR)));

  // Moved to 14:00: 12:00 is free again.
  const moved = await rescheduleBooking(kv, learner.id, outcome.booking.id, {
    start: at(NOON + 2 * HOUR),
  });
  expect(moved.start).toBe(at(NOON + 2 * HOUR));
  await waitForNextFree(kv, expertId, startIs(at(NOON)));

  // Book 12:00 too, then cancel it: back to 12:00 after each change.
  const second = await bookSession(kv, await fundedLearner(kv, 200_00), {
    offeringId: offering.id,
    start: at(NOON),
  });
  if (!("booking" in second)) throw new Error("not booked");
  await waitForNextFree(kv, expertId, startIs(at(NOON + HOUR)));
  await cancelBooking(kv, second.booking.learnerId, second.booking.id);
  const record = await waitForNextFree(kv, expertId, startIs(at(NOON)));
  expect(record?.dueAt).toBeGreaterThan(NOW.getTime());

  // What browse sees.
  const found = await searchExperts(kv, { available: "7d", sort: "soonest" });
  expect(found.experts.map((expert) => expert.id)).toEqual([expertId]);
  expect(found.nextFree[expertId]).toBe(at(NOON));

  // Unpublished: the record goes.
  await updateExpert(kv, expertId, { published: false });
  await waitForNextFree(kv, expertId, (record) => record === null);
});

Deno.test("a seeded database gets every listed expert's next free time at once", async () => {
  using _clock = useFakeClock(NOW);
  await using kv = await openTestKv();
  const seeded = await seedDemoData(kv);
  const filled = await fillMissingNextFree(kv);
  expect(filled).toBeGreaterThan(0);
  expect(filled).toBeLessThanOrEqual(seeded.experts);
  // Demo experts work weekdays, so on a Monday morning most are free this week.
  const week = await searchExperts(kv, { available: "7d", limit: 50 });
  expect(week.total).toBeGreaterThan(0);
  expect(Object.values(week.nextFree).every((start) => start !== null))
    .toBe(true);
  expect(await fillMissingNextFree(kv)).toBe(0);
});
