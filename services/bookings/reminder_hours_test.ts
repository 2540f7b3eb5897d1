/**
 * The reminder hours come from the platform settings and are copied onto
 * each booking when the learner books: a change applies to bookings made
 * afterwards, booked sessions keep theirs (also a hold converted after the
 * change, and a session moved after it), older bookings without a copy
 * use the hours kept beside them, and the text reminder switch stops texts
 * but not emails.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { listSmsOutbox } from "@/services/platform/sms.ts";
import { updateSettings } from "@/services/settings/mod.ts";
import {
  requestPhoneCode,
  setSmsReminders,
  verifyPhoneCode,
} from "@/services/phones/mod.ts";
import { daysAhead } from "@/tests/support/bookings.ts";
import { startTestRuntime } from "@/tests/support/runtime.ts";
import { until } from "@/tests/support/browser_flows.ts";
import { createSimulatedProvider } from "@/services/payments/mod.ts";
import {
  BASE_URL,
  createLearner,
  META as MONEY_META,
} from "@/tests/support/money.ts";
import { bookableExpert, fundLearner } from "@/tests/support/bookings.ts";
import {
  type Booking,
  bookSession,
  processDueWork,
  rescheduleBooking,
  settleHold,
} from "./mod.ts";
import { bookingKey } from "./store.ts";
import { bookedPair, NOW, payCheckout } from "./testing.ts";

const HOUR = 3_600_000;
const META = { ip: "192.0.2.1", userAgent: "test", baseUrl: "" };

async function reminderSteps(kv: Deno.Kv, bookingId: string) {
  const steps: [number, unknown][] = [];
  for await (const entry of kv.list({ prefix: ["booking_due"] })) {
    if (entry.key[2] === bookingId && entry.value !== "complete") {
      steps.push([entry.key[1] as number, entry.value]);
    }
  }
  return steps;
}

Deno.test("changed reminder hours apply to bookings made afterwards; booked sessions keep theirs", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const before = await bookedPair(kv);
  await updateSettings(kv, "admin1", { reminderHoursBefore: [2, 12] }, META);
  const after = await bookedPair(kv, daysAhead(NOW, 3, 14));
  expect(before.reminderHoursBefore).toEqual([24, 1]);
  expect(after.reminderHoursBefore).toEqual([12, 2]);
  const startMs = Date.parse(after.start);
  expect(await reminderSteps(kv, after.id)).toEqual([
    [startMs - 12 * HOUR, "remind_12h"],
    [startMs - 2 * HOUR, "remind_2h"],
  ]);
  const beforeStart = Date.parse(before.start);
  expect(await reminderSteps(kv, before.id)).toEqual([
    [beforeStart - 24 * HOUR, "remind_24h"],
    [beforeStart - HOUR, "remind_1h"],
  ]);

  clock.set(new Date(startMs - 12 * HOUR));
  await processDueWork(kv);
  const subjects = (await listOutbox(kv)).map((m) => m.subject)
    .filter((s) => s.startsWith("In 12 hours"));
  expect(subjects).toHaveLength(2);
});

Deno.test("with text reminders switched off, reminders go by email only", async () => {
  using clock = useFakeClock(NOW);
  await using runtime = await startTestRuntime();
  const { kv } = runtime;
  const booking = await bookedPair(kv);
  const learner = { id: booking.learnerId, timeZone: booking.learnerTimeZone };
  await requestPhoneCode(kv, learner, { number: "+1 415 555 2671" }, META);
  const code = (await listSmsOutbox(kv))[0].body.slice(0, 6);
  await verifyPhoneCode(kv, learner.id, { code }, META);
  await setSmsReminders(kv, learner.id, { smsReminders: true });
  await updateSettings(kv, "admin1", { smsReminders: false }, META);
  const textsBefore = (await listSmsOutbox(kv)).length;

  clock.set(new Date(Date.parse(booking.start) - 24 * HOUR));
  await processDueWork(kv);
  expect(
    (await listOutbox(kv)).filter((m) => m.subject.startsWith("Tomorrow")),
  ).toHaveLength(2);
  expect((await listSmsOutbox(kv)).length).toBe(textsBefore);

  await updateSettings(kv, "admin1", { smsReminders: true }, META);
  clock.set(new Date(Date.parse(booking.start) - HOUR));
  await processDueWork(kv);
  await until(
    async () => (await listSmsOutbox(kv)).length === textsBefore + 1,
    {
      what: "the hour-before text",
    },
  );
});

Deno.test("a hold converted after the reminder hours changed keeps the hours the learner booked under", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { offering } = await bookableExpert(kv);
  const account = await createLearner(kv, "holder@example.com");
  await fundLearner(kv, account.id, 4500);
  const learner = { ...account, timeZone: "Europe/London" };
  const start = daysAhead(NOW, 2, 9);
  const outcome = await bookSession(
    kv,
    learner,
    { offeringId: offering.id, start, hold: true },
    {
      payments: createSimulatedProvider(kv),
      baseUrl: BASE_URL,
      meta: MONEY_META,
    },
  );
  if (!("hold" in outcome)) throw new Error("expected a hold");
  expect(outcome.hold.reminderHoursBefore).toEqual([24, 1]);

  // The admin changes the hours while the learner is at checkout; this
  // process has read the new ones since.
  await updateSettings(kv, "admin1", { reminderHoursBefore: [2, 12] }, META);
  await payCheckout(kv, outcome.checkoutUrl);
  // Converted in the background, as the settle job does.
  const settled = await settleHold(kv, outcome.hold.id);
  if (settled.status !== "converted") throw new Error("not converted");
  expect(settled.booking.reminderHoursBefore).toEqual([24, 1]);
  const startMs = Date.parse(start);
  expect(await reminderSteps(kv, outcome.hold.id)).toEqual([
    [startMs - 24 * HOUR, "remind_24h"],
    [startMs - HOUR, "remind_1h"],
  ]);
});

Deno.test("a session moved after the reminder hours changed keeps the hours it was booked with", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  await updateSettings(kv, "admin1", { reminderHoursBefore: [2, 12] }, META);
  const newStart = daysAhead(NOW, 4, 9);
  const moved = await rescheduleBooking(kv, booking.learnerId, booking.id, {
    start: newStart,
  });
  expect(moved.reminderHoursBefore).toEqual([24, 1]);
  const startMs = Date.parse(newStart);
  expect(await reminderSteps(kv, booking.id)).toEqual([
    [startMs - 24 * HOUR, "remind_24h"],
    [startMs - HOUR, "remind_1h"],
  ]);
});

/** Turns `booking` into one made before bookings kept their hours. */
async function asOlderBooking(
  kv: Deno.Kv,
  booking: Booking,
  keptHours: number[] | null,
) {
  const { reminderHoursBefore: _hours, ...older } = booking;
  const op = kv.atomic().set(bookingKey(booking.id), older);
  if (keptHours) op.set(["booking_reminder_hours", booking.id], keptHours);
  await op.commit();
}

Deno.test("an older booking without its own hours goes by those kept beside it, else the settings", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const kept = await bookedPair(kv);
  await asOlderBooking(kv, kept, [24, 1]);
  const oldest = await bookedPair(kv, daysAhead(NOW, 3, 14));
  await asOlderBooking(kv, oldest, null);
  await updateSettings(kv, "admin1", { reminderHoursBefore: [2, 12] }, META);

  // Moved, each takes its own copy: the hours it was booked with, or for
  // one from before they were kept at all, the settings'.
  const keptMoved = await rescheduleBooking(kv, kept.learnerId, kept.id, {
    start: daysAhead(NOW, 5, 9),
  });
  expect(keptMoved.reminderHoursBefore).toEqual([24, 1]);
  expect((await kv.get(["booking_reminder_hours", kept.id])).value).toBeNull();
  const oldestMoved = await rescheduleBooking(
    kv,
    oldest.learnerId,
    oldest.id,
    { start: daysAhead(NOW, 6, 14) },
  );
  expect(oldestMoved.reminderHoursBefore).toEqual([12, 2]);
  const oldestStart = Date.parse(oldestMoved.start);
  expect(await reminderSteps(kv, oldest.id)).toEqual([
    [oldestStart - 12 * HOUR, "remind_12h"],
    [oldestStart - 2 * HOUR, "remind_2h"],
  ]);

  // Its reminders go out at those hours.
  clock.set(new Date(oldestStart - 12 * HOUR));
  await processDueWork(kv);
  expect(
    (await listOutbox(kv)).filter((m) => m.subject.startsWith("In 12 hours")),
  ).toHaveLength(2);
});
