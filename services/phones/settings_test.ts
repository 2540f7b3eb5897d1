/** Text reminders on and off, and removing a number. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { listSmsOutbox } from "@/services/platform/sms.ts";
import {
  getPhoneState,
  removePhone,
  requestPhoneCode,
  setSmsReminders,
  smsReminderNumber,
  verifyPhoneCode,
} from "./mod.ts";

const META = { ip: "192.0.2.7", userAgent: "test", baseUrl: "http://x" };
const USER = {
  id: "01USERPHONE0000000000000003",
  timeZone: "America/New_York",
};

async function verify(kv: Deno.Kv, number: string) {
  await requestPhoneCode(kv, USER, { number }, META);
  const [text] = await listSmsOutbox(kv);
  await verifyPhoneCode(kv, USER.id, { code: text.body.slice(0, 6) }, META);
}

Deno.test("text reminders need a verified number; off always works", async () => {
  using kv = await openTestKv();
  expect(await setSmsReminders(kv, USER.id, { smsReminders: false }))
    .toMatchObject({ number: null, smsReminders: false });
  await expect(setSmsReminders(kv, USER.id, { smsReminders: true })).rejects
    .toMatchObject({ code: "phone_not_verified", status: 409 });
  // A number waiting for its code is not enough.
  await requestPhoneCode(kv, USER, { number: "(415) 555-2671" }, META);
  await expect(setSmsReminders(kv, USER.id, { smsReminders: true })).rejects
    .toMatchObject({ code: "phone_not_verified" });
  expect(await smsReminderNumber(kv, USER.id)).toBe(null);

  const [text] = await listSmsOutbox(kv);
  await verifyPhoneCode(kv, USER.id, { code: text.body.slice(0, 6) }, META);
  expect(await smsReminderNumber(kv, USER.id)).toBe(null);
  expect(await setSmsReminders(kv, USER.id, { smsReminders: true }))
    .toMatchObject({ number: "+14155552671", smsReminders: true });
  expect(await smsReminderNumber(kv, USER.id)).toBe("+14155552671");
  await setSmsReminders(kv, USER.id, { smsReminders: false });
  expect(await smsReminderNumber(kv, USER.id)).toBe(null);
});

Deno.test("a new number keeps the reminders choice once verified; removing stops them", async () => {
  using kv = await openTestKv();
  await verify(kv, "+14155552671");
  await setSmsReminders(kv, USER.id, { smsReminders: true });
  // Until the new number is verified, the old one stays in use.
  await requestPhoneCode(kv, USER, { number: "+12015550123" }, META);
  expect(await smsReminderNumber(kv, USER.id)).toBe("+14155552671");
  const [text] = await listSmsOutbox(kv);
  await verifyPhoneCode(kv, USER.id, { code: text.body.slice(0, 6) }, META);
  expect(await smsReminderNumber(kv, USER.id)).toBe("+12015550123");

  expect(await removePhone(kv, USER.id, META)).toEqual({
    number: null,
    verifiedAt: null,
    smsReminders: false,
    pending: null,
  });
  expect(await smsReminderNumber(kv, USER.id)).toBe(null);
  expect((await getPhoneState(kv, USER.id)).number).toBe(null);
  // Removing nothing is fine, and logs nothing.
  await removePhone(kv, USER.id, META);
  const { events } = await listSecurityEvents(kv, { userId: USER.id });
  expect(events.filter((event) => event.type === "phone_removed"))
    .toHaveLength(1);
});
