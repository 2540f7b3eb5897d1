import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { daysAhead } from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { startTestRuntime } from "@/tests/support/runtime.ts";
import { startTwilioStandIn } from "@/tests/support/twilio_server.ts";
import {
  requestPhoneCode,
  setSmsReminders,
  verifyPhoneCode,
} from "@/services/phones/mod.ts";
import { cancelBooking, processDueWork, rescheduleBooking } from "./mod.ts";
import { reminderText } from "./reminders.ts";
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

Deno.test("a person with a verified number who opted in is texted each reminder once, through Twilio", async () => {
  using clock = useFakeClock(NOW);
  const twilio = startTwilioStandIn();
  try {
    await using runtime = await startTestRuntime({
      ...twilio.env,
      PUBLIC_URL: "https://taptime.example",
    });
    const { kv } = runtime;
    const booking = await bookedPair(kv);
    // The learner verifies a number and opts in; the expert has none.
    const meta = { ip: "192.0.2.1", userAgent: "test", baseUrl: "" };
    const learner = {
      id: booking.learnerId,
      timeZone: booking.learnerTimeZone,
    };
    await requestPhoneCode(kv, learner, { number: "+1 415 555 2671" }, meta);
    const code = twilio.messages[0].body.slice(0, 6);
    await verifyPhoneCode(kv, learner.id, { code }, meta);
    await setSmsReminders(kv, learner.id, { smsReminders: true });
    const texts = () =>
      twilio.messages.filter((m) => m.body.startsWith("TapTime:"));

    const startMs = Date.parse(booking.start);
    clock.set(new Date(startMs - 24 * HOUR));
    await Promise.all([
      processDueWork(kv),
      processDueWork(kv),
      processDueWork(kv),
    ]);
    await twilio.waitForMessages(2);
    expect(await reminders(kv)).toHaveLength(2);
    clock.set(new Date(startMs - HOUR));
    await processDueWork(kv);
    await processDueWork(kv);
    await twilio.waitForMessages(3);
    // Time for any duplicate to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(texts().map((m) => m.to)).toEqual(["+14155552671", "+14155552671"]);
    expect(texts().map((m) => m.body)).toEqual([
      reminderText(
        booking,
        "remind_24h",
        "Bea Booked",
        booking.learnerTimeZone,
        "https://taptime.example",
      ),
      reminderText(
        booking,
        "remind_1h",
        "Bea Booked",
        booking.learnerTimeZone,
        "https://taptime.example",
      ),
    ]);
  } finally {
    await twilio.close();
  }
});

Deno.test("a reminder text is short, on the reader's clock, and links to the booking", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  const text = reminderText(
    { ...booking, offeringTitle: "A".repeat(80) },
    "remind_1h",
    "Bea Booked",
    "America/New_York",
    "https://taptime.example",
  );
  // 09:00 UTC on 6 March 2030 is 04:00 in New York.
  expect(booking.start).toBe("2030-03-06T09:00:00.000Z");
  expect(text).toBe(
    `TapTime: "${
      "A".repeat(39)
    }…" with Bea Booked starts in 1 hour, Wed 6 Mar, 04:00 (America/New_York). https://taptime.example/bookings/${booking.id}`,
  );
  expect(text.length).toBeLessThan(200);
  expect(
    reminderText(
      booking,
      "remind_24h",
      "Lea",
      "Europe/Berlin",
      "https://t.example",
    ),
  )
    .toContain("is tomorrow, Wed 6 Mar, 10:00 (Europe/Berlin)");
});
