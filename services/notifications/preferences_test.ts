/**
 * Per-kind channels: the defaults, changing some kinds, texts only for
 * reminders and only with a verified number (the phone record's switch),
 * and the booking emails, reminders and texts that follow the choices.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { account } from "@/tests/support/messaging.ts";
import {
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import { bookSession, processDueWork } from "@/services/bookings/mod.ts";
import {
  getPhoneState,
  requestPhoneCode,
  setSmsReminders,
  verifyPhoneCode,
} from "@/services/phones/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { newId } from "@/services/platform/kv.ts";
import { startJobWorker } from "@/services/platform/jobs.ts";
import { listSmsOutbox, smsDeliveryJob } from "@/services/platform/sms.ts";
import {
  getPreferences,
  listNotifications,
  setPreferences,
  wantsEmail,
} from "./mod.ts";

const META = { ip: "192.0.2.7", userAgent: "test", baseUrl: "http://x" };

async function verifyPhone(
  kv: Deno.Kv,
  user: { id: string; timeZone: string },
) {
  await requestPhoneCode(kv, user, { number: "+14155552671" }, META);
  const [text] = await listSmsOutbox(kv, { to: "+14155552671" });
  await verifyPhoneCode(kv, user.id, { code: text.body.slice(0, 6) }, META);
}

Deno.test("defaults: everything in the app; email for bookings, messages, decisions and withdrawals; texts for reminders only, off", async () => {
  await using kv = await openTestKv();
  const user = await account(kv, "learner");
  const { preferences, smsAvailable } = await getPreferences(kv, user.id);
  expect(smsAvailable).toBe(false);
  expect(preferences).toEqual({
    booking_confirmed: { inApp: true, email: true, sms: null },
    booking_rescheduled: { inApp: true, email: true, sms: null },
    booking_cancelled: { inApp: true, email: true, sms: null },
    booking_reminder: { inApp: true, email: true, sms: false },
    new_message: { inApp: true, email: true, sms: null },
    application_decision: { inApp: true, email: true, sms: null },
    withdrawal_update: { inApp: true, email: true, sms: null },
    review_received: { inApp: true, email: false, sms: null },
  });
});

Deno.test("changing some kinds keeps the rest; texts are refused where never sent, and need a verified number", async () => {
  await using kv = await openTestKv();
  const user = await account(kv, "learner");
  await setPreferences(kv, user.id, {
    new_message: { email: false },
    review_received: { inApp: false, email: true },
  });
  const { preferences } = await setPreferences(kv, user.id, {
    new_message: { inApp: false },
  });
  expect(preferences.new_message).toEqual({
    inApp: false,
    email: false,
    sms: null,
  });
  expect(preferences.review_received).toEqual({
    inApp: false,
    email: true,
    sms: null,
  });
  expect(preferences.booking_confirmed.email).toBe(true);

  await expect(
    setPreferences(kv, user.id, { booking_cancelled: { sms: true } }),
  ).rejects.toThrow(ValidationError);
  await expect(
    setPreferences(kv, user.id, { no_such_kind: { email: true } } as never),
  ).rejects.toThrow(ValidationError);
  await expect(
    setPreferences(kv, user.id, { booking_reminder: { sms: true } }),
  ).rejects.toMatchObject({ code: "phone_not_verified", status: 409 });
  // What GET answers can be sent back as is.
  const state = await getPreferences(kv, user.id);
  expect(await setPreferences(kv, user.id, state.preferences)).toEqual(state);
});

Deno.test("reminder texts are the phone's switch: one source of truth, seen from both sides", async () => {
  await using kv = await openTestKv();
  const user = await account(kv, "learner");
  await verifyPhone(kv, user);
  expect((await getPreferences(kv, user.id)).smsAvailable).toBe(true);
  await setPreferences(kv, user.id, { booking_reminder: { sms: true } });
  expect((await getPhoneState(kv, user.id)).smsReminders).toBe(true);
  await setSmsReminders(kv, user.id, { smsReminders: false });
  expect((await getPreferences(kv, user.id)).preferences.booking_reminder.sms)
    .toBe(false);
});

Deno.test("booking emails and reminders follow each person's choices; in the app both are told", async () => {
  const kv = await openTestKv();
  // Texts go out through their delivery job.
  const worker = startJobWorker(kv, [smsDeliveryJob]);
  using clock = useFakeClock(new Date());
  try {
    await bookAndRemind(kv, clock);
  } finally {
    kv.close();
    await worker;
  }
});

async function bookAndRemind(
  kv: Deno.Kv,
  clock: ReturnType<typeof useFakeClock>,
) {
  const learner = await account(kv, "learner");
  const expert = await account(kv, "expert", newId());
  const { offering } = await bookableExpert(kv, { id: expert.id });
  await fundLearner(kv, learner.id, offering.priceMinor);
  await verifyPhone(kv, learner);
  await setPreferences(kv, learner.id, {
    booking_confirmed: { email: false },
    booking_reminder: { email: false, sms: true },
  });
  expect(await wantsEmail(kv, learner.id, "booking_confirmed")).toBe(false);
  const start = daysAhead(new Date(), 3);
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    expertId: expert.id,
    start,
  });
  expect("booking" in outcome).toBe(true);
  const booked = (await listOutbox(kv)).filter((m) =>
    m.subject.startsWith("Booked")
  );
  expect(booked.map((m) => m.to)).toEqual([expert.email]);
  for (const user of [learner, expert]) {
    const [item] = (await listNotifications(kv, user.id)).items;
    expect(item).toMatchObject({
      type: "booking_confirmed",
      title: "Booked: One-hour session",
      readAt: null,
    });
    expect(item.link).toMatch(/^\/bookings\/\w+$/);
  }

  clock.set(new Date(Date.parse(start) - 3_600_000 + 1_000));
  await processDueWork(kv);
  const reminders = (await listOutbox(kv)).filter((m) =>
    m.subject.startsWith("In 1 hour")
  );
  expect(reminders.map((m) => m.to)).toEqual([expert.email]);
  let texts: { to: string }[] = [];
  for (let tries = 0; tries < 100 && texts.length === 0; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    texts = (await listSmsOutbox(kv)).filter((m) =>
      m.body.includes("starts in 1 hour")
    );
  }
  expect(texts.map((m) => m.to)).toEqual(["+14155552671"]);
  expect((await listNotifications(kv, learner.id)).items[0]).toMatchObject({
    type: "booking_reminder",
    title: "In 1 hour: One-hour session",
  });
}
