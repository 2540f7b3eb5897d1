import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { clockProvider } from "@/services/platform/clock.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import { checkExpertStart, expertSlots } from "./expert_slots.ts";
import { availabilityKey, saveAvailability } from "./store.ts";

async function kvAt(now: string) {
  const kv = await openTestKv();
  bindProviders(kv, [provide(clockProvider, { now: () => new Date(now) })]);
  return kv;
}

const kolkataMornings = {
  timeZone: "Asia/Kolkata",
  weekly: { mon: [{ start: "09:00", end: "11:00" }] },
  minNoticeMinutes: 60,
};

Deno.test("expert slots: the API's { timeZone, slots } from the stored rules and the database clock", async () => {
  using kv = await kvAt("2026-03-02T03:00:00Z"); // 08:30 in Kolkata
  await saveAvailability(kv, "expert-1", kolkataMornings);
  const listed = await expertSlots(kv, "expert-1", {
    durationMinutes: 60,
    gridMinutes: 30,
    from: "2026-03-02T00:00:00Z",
    to: "2026-03-03T00:00:00Z",
    busy: [{ start: "2026-03-02T05:00:00Z", end: "2026-03-02T05:30:00Z" }],
  });
  // 09:30 local is the first start an hour's notice allows; 10:00 would
  // run into the busy half hour at 10:30.
  expect(listed).toEqual({
    timeZone: "Asia/Kolkata",
    slots: [{
      start: "2026-03-02T04:00:00.000Z",
      end: "2026-03-02T05:00:00.000Z",
    }],
  });
});

Deno.test("expert slots: an expert who never saved is paused, so nothing is listed", async () => {
  using kv = await kvAt("2026-03-02T03:00:00Z");
  const listed = await expertSlots(kv, "nobody", {
    durationMinutes: 60,
    from: "2026-03-02T00:00:00Z",
    to: "2026-03-09T00:00:00Z",
  });
  expect(listed).toEqual({ timeZone: "UTC", slots: [] });
  const checked = await checkExpertStart(kv, "nobody", {
    durationMinutes: 60,
    start: "2026-03-02T09:00:00Z",
  });
  expect(checked).toMatchObject({
    ok: false,
    reason: "paused",
    availabilityVersionstamp: null,
  });
});

Deno.test("expert slots: a start is checked with the availability version it rests on", async () => {
  using kv = await kvAt("2026-03-02T03:00:00Z");
  const saved = await saveAvailability(kv, "expert-1", kolkataMornings);
  const ok = await checkExpertStart(kv, "expert-1", {
    durationMinutes: 60,
    start: "2026-03-02T04:30:00Z",
  });
  expect(ok).toEqual({
    ok: true,
    slot: {
      start: "2026-03-02T04:30:00.000Z",
      end: "2026-03-02T05:30:00.000Z",
    },
    availabilityVersionstamp: saved.versionstamp,
  });
  // The version lets a booking's commit fail if the hours changed since.
  await saveAvailability(kv, "expert-1", { ...kolkataMornings, paused: true });
  const commit = await kv.atomic().check({
    key: availabilityKey("expert-1"),
    versionstamp: ok.availabilityVersionstamp,
  }).set(["booking-test"], 1).commit();
  expect(commit.ok).toBe(false);
  expect(
    await checkExpertStart(kv, "expert-1", {
      durationMinutes: 60,
      start: "2026-03-02T03:30:00Z",
    }),
  ).toMatchObject({ ok: false, reason: "paused" });
});
