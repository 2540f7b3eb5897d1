import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { daysAhead } from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { cancelBooking, processDueWork, rescheduleBooking } from "./mod.ts";
import { completionDueAt } from "./store.ts";
import { bookedPair, NOW, parseInvite } from "./testing.ts";

const HOUR = 3_600_000;

async function reminders(kv: Deno.Kv) {
  return (await listOutbox(kv)).filter((m) =>
    m.subject.startsWith("Tomorrow") || m.subject.startsWith("In ")
  );
}

async function dueSteps(kv: Deno.Kv, bookingId: string) {
  const steps: [number, unknown][] = [];
  for await (const entry of kv.list({ prefix: ["booking_due"] })) {
    if (entry.key[2] === bookingId) {
      steps.push([entry.key[1] as number, entry.value]);
    }
  }
  return steps;
}

Deno.test("both people are reminded a day and an hour before, each once", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  const startMs = Date.parse(booking.start);
  expect(await dueSteps(kv, booking.id)).toEqual([
    [startMs - 24 * HOUR, "remind_24h"],
    [startMs - HOUR, "remind_1h"],
    [completionDueAt(booking), "complete"],
  ]);
  clock.set(new Date(startMs - 24 * HOUR - 60_000));
  await processDueWork(kv);
  expect(await reminders(kv)).toEqual([]);

  clock.set(new Date(startMs - 24 * HOUR + 30_000));
  await processDueWork(kv);
  await processDueWork(kv);
  const dayBefore = await reminders(kv);
  expect(dayBefore.map((m) => m.subject)).toEqual([
    "Tomorrow: One-hour session",
    "Tomorrow: One-hour session",
  ]);
  expect(new Set(dayBefore.map((m) => m.to)).size).toBe(2);
  expect(dayBefore[0].text).toContain("starts soon");
  expect(parseInvite(dayBefore[0])).toMatchObject({
    method: "REQUEST",
    uid: `${booking.id}@taptime`,
  });

  clock.set(new Date(startMs - HOUR));
  await processDueWork(kv);
  await processDueWork(kv);
  expect((await reminders(kv)).map((m) => m.subject).slice(0, 2)).toEqual([
    "In 1 hour: One-hour session",
    "In 1 hour: One-hour session",
  ]);
  expect(await reminders(kv)).toHaveLength(4);
});

Deno.test("several processes running the job at once send each reminder once", async () => {
  using clock = useFakeClock(NOW);
  const path = await Deno.makeTempFile({ suffix: ".sqlite" });
  try {
    using first = await Deno.openKv(path);
    using second = await Deno.openKv(path);
    const booking = await bookedPair(first);
    clock.set(new Date(Date.parse(booking.start) - 24 * HOUR));
    await Promise.all([
      processDueWork(first),
      processDueWork(second),
      processDueWork(first),
      processDueWork(second),
    ]);
    expect(await reminders(first)).toHaveLength(2);
  } finally {
    await Deno.remove(path).catch(() => {});
  }
});

Deno.test("after downtime: only the latest reminder still due goes out, none once the session started", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const early = await bookedPair(kv);
  const late = await bookedPair(kv, daysAhead(NOW, 3, 9));
  // Down from before both reminders of `early` until 30 minutes before it.
  clock.set(new Date(Date.parse(early.start) - 30 * 60_000));
  await processDueWork(kv);
  const sent = await reminders(kv);
  expect(sent.map((m) => m.subject)).toEqual([
    "In 1 hour: One-hour session",
    "In 1 hour: One-hour session",
  ]);
  expect(await dueSteps(kv, early.id)).toEqual([
    [completionDueAt(early), "complete"],
  ]);
  // Down again until after `late` started: nothing is sent for it.
  clock.set(new Date(Date.parse(late.start) + 60_000));
  await processDueWork(kv);
  expect(await reminders(kv)).toHaveLength(2);
  expect(
    (await dueSteps(kv, late.id)).filter(([, step]) => step !== "complete"),
  ).toEqual([]);
});

Deno.test("a moved booking is reminded at its new time; a cancelled one not at all; a booking made late skips the day-before reminder", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const moved = await bookedPair(kv);
  const newStart = daysAhead(NOW, 5, 9);
  await rescheduleBooking(kv, moved.learnerId, moved.id, { start: newStart });
  const newStartMs = Date.parse(newStart);
  expect(
    (await dueSteps(kv, moved.id)).filter(([, step]) => step !== "complete"),
  ).toEqual([
    [newStartMs - 24 * HOUR, "remind_24h"],
    [newStartMs - HOUR, "remind_1h"],
  ]);
  const cancelled = await bookedPair(kv, daysAhead(NOW, 3, 14));
  await cancelBooking(kv, cancelled.learnerId, cancelled.id);
  expect(await dueSteps(kv, cancelled.id)).toEqual([]);
  // The moved booking's old reminder times pass quietly.
  clock.set(new Date(Date.parse(moved.start) - HOUR));
  await processDueWork(kv);
  expect(await reminders(kv)).toEqual([]);

  clock.set(NOW);
  const soon = await bookedPair(kv, daysAhead(NOW, 0, 12));
  expect(await dueSteps(kv, soon.id)).toEqual([
    [Date.parse(soon.start) - HOUR, "remind_1h"],
    [completionDueAt(soon), "complete"],
  ]);
});
