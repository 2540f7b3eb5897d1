/**
 * The expert's availability page over HTTP: the form shows the saved
 * hours, bad input comes back with the typed values and a message beside
 * the row or field, and good input is saved.
 */
import { expect } from "expect";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";
import { getAvailability } from "@/services/availability/mod.ts";
import { page, postForm } from "./page_helpers.ts";

const GOOD = {
  timeZone: "Europe/Berlin",
  "mon.0.start": "09:00",
  "mon.0.end": "12:00",
  "mon.1.start": "14:00",
  "mon.1.end": "18:00",
  "tue.0.start": "22:00",
  "tue.0.end": "02:00",
  "ov.0.date": "2099-12-24",
  "ov.0.start": "",
  "ov.0.end": "",
  "ov.1.date": "2099-12-27",
  "ov.1.start": "10:00",
  "ov.1.end": "11:00",
  bufferBeforeMinutes: "10",
  bufferAfterMinutes: "15",
  minNoticeMinutes: "120",
  horizonDays: "30",
  dailyLimit: "4",
  paused: "on",
};

Deno.test("an expert saves their hours on the availability page", async () => {
  await using app = await createAuthTestApp();
  const expert = await signUp(app, "expert");
  const shown = await page(expert, "/expert/availability");
  expect(shown.status).toBe(200);
  expect(shown.text).toContain("Weekly hours");
  expect(shown.text).toContain('href="/expert/availability"');

  const saved = await postForm(expert, "/expert/availability", GOOD);
  expect(saved.status).toBe(303);
  expect(saved.headers.get("location")).toBe("/expert/availability?saved=1");
  const stored = await getAvailability(app.kv, expert.user!.id);
  expect(stored).toMatchObject({
    timeZone: "Europe/Berlin",
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 15,
    minNoticeMinutes: 120,
    horizonDays: 30,
    dailyLimit: 4,
    paused: true,
    overrides: [
      { date: "2099-12-24", intervals: [] },
      { date: "2099-12-27", intervals: [{ start: "10:00", end: "11:00" }] },
    ],
  });
  expect(stored.weekly.mon).toEqual([
    { start: "09:00", end: "12:00" },
    { start: "14:00", end: "18:00" },
  ]);
  expect(stored.weekly.tue).toEqual([{ start: "22:00", end: "02:00" }]);

  const again = await page(expert, "/expert/availability?saved=1");
  expect(again.text).toContain("Saved.");
  expect(again.text).toContain('value="14:00"');
  expect(again.text).toContain('value="2099-12-27"');
});

Deno.test("bad hours come back with the input kept and a message beside each row", async () => {
  await using app = await createAuthTestApp();
  const expert = await signUp(app, "expert");
  const before = await getAvailability(app.kv, expert.user!.id);
  const response = await postForm(expert, "/expert/availability", {
    ...GOOD,
    "mon.1.start": "11:00",
    "wed.0.start": "9am",
    "wed.0.end": "17:00",
    bufferBeforeMinutes: "lots",
    timeZone: "Mars/Olympus",
  });
  expect(response.status).toBe(400);
  const html = await response.text();
  // Beside the second Monday row, the third field, the zone.
  expect(html).toMatch(/id="mon-1-error"[^>]*>[\s\S]*?overlaps/);
  expect(html).toMatch(/id="wed-0-error"[^>]*>[\s\S]*?24-hour clock/);
  expect(html).toMatch(/id="bufferBeforeMinutes-error"/);
  expect(html).toMatch(/id="timeZone-error"/);
  // What was typed is still there.
  expect(html).toContain('value="9am"');
  expect(html).toContain('value="11:00"');
  expect(await getAvailability(app.kv, expert.user!.id)).toEqual(before);
});

Deno.test("only experts have an availability page", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  expect((await page(learner, "/expert/availability")).status).toBe(403);
});
