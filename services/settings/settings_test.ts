import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { DEFAULT_SETTINGS, getSettings, updateSettings } from "./mod.ts";

const META = { ip: "127.0.0.1", userAgent: "test" };

Deno.test("settings start at their defaults; a change is stored and audited", async () => {
  using kv = await openTestKv();
  expect(await getSettings(kv)).toEqual(DEFAULT_SETTINGS);
  const next = await updateSettings(
    kv,
    "admin1",
    { commissionPercent: 12.5 },
    META,
  );
  expect(next.commissionPercent).toBe(12.5);
  expect((await getSettings(kv)).commissionPercent).toBe(12.5);
  const { events } = await listSecurityEvents(kv, { type: "settings_changed" });
  expect(events.length).toBe(1);
  expect(events[0].actorId).toBe("admin1");
  expect(events[0].details).toEqual({ commissionPercent: "15 → 12.5" });
});

Deno.test("bad settings are refused with the field named, and change nothing", async () => {
  using kv = await openTestKv();
  for (
    const patch of [
      { commissionPercent: -1 },
      { commissionPercent: 80 },
      { topUpsPerHour: 1.5 },
      { customTopUpMin: 500, customTopUpMax: 100 },
      { unknownSetting: 1 },
    ]
  ) {
    await expect(
      updateSettings(kv, "admin1", patch as never, META),
    ).rejects.toBeInstanceOf(ValidationError);
  }
  expect(await getSettings(kv)).toEqual(DEFAULT_SETTINGS);
  expect((await listSecurityEvents(kv, { type: "settings_changed" })).events)
    .toEqual([]);
});

Deno.test("an unchanged value records nothing", async () => {
  using kv = await openTestKv();
  await updateSettings(kv, "admin1", { commissionPercent: 15 }, META);
  expect((await listSecurityEvents(kv, { type: "settings_changed" })).events)
    .toEqual([]);
});
