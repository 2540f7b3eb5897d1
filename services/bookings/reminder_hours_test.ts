/**
 * The reminder hours come from the platform settings: a change applies to
 * bookings made afterwards, booked sessions keep theirs, and the text
 * reminder switch stops texts but not emails.
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
import { processDueWork } from "./mod.ts";
import { bookedPair, NOW } from "./testing.ts";

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
