/**
 * The schedule's week view over HTTP: sessions land in the day column of
 * the viewer's clock — a session at 23:30 UTC on a Sunday is on Monday for
 * an expert in Paris, so in the next week — each links to its page, and
 * the week can be named by ISO week or by a date, with links to the weeks
 * around it.
 */
import { expect } from "expect";
import { bookSession } from "@/services/bookings/mod.ts";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";
import { bookableExpert, fundedLearner } from "@/tests/support/bookings.ts";
import { weekId } from "@/components/bookings/week.ts";
import { page } from "./page_helpers.ts";

/** Each day column's HTML, by its date. */
function columns(html: string): Record<string, string> {
  const parts = html.split(/(?=<li data-date=")/).slice(1);
  return Object.fromEntries(
    parts.map((part) => [/^<li data-date="([^"]+)"/.exec(part)![1], part]),
  );
}

Deno.test("the week view puts each session in the viewer's day column across a time zone boundary", async () => {
  await using app = await createAuthTestApp();
  const expert = await signUp(app, "expert"); // Europe/Paris
  const { offering } = await bookableExpert(app.kv, { id: expert.user!.id });
  const learner = await fundedLearner(app.kv, 1_000_00);

  // A Sunday at least ten days ahead, in UTC.
  let sunday = Temporal.Now.plainDateISO("UTC").add({ days: 10 });
  while (sunday.dayOfWeek !== 7) sunday = sunday.add({ days: 1 });
  const monday = sunday.add({ days: 1 });
  const wednesday = monday.add({ days: 2 });
  const book = async (start: string) => {
    const outcome = await bookSession(app.kv, learner, {
      offeringId: offering.id,
      expertId: offering.expertId,
      start,
    });
    if (!("booking" in outcome)) throw new Error("booking failed");
    return outcome.booking.id;
  };
  const late = await book(`${sunday}T23:30:00Z`); // Monday 00:30 in Paris
  const midweek = await book(`${wednesday}T10:00:00Z`);

  const week = weekId(monday);
  const shown = await page(expert, `/bookings?view=week&week=${week}`);
  expect(shown.status).toBe(200);
  expect(shown.text).toMatch(/aria-current="page"[^>]*>Week<\/a>/);
  const days = columns(shown.text);
  expect(Object.keys(days)).toEqual(
    Array.from({ length: 7 }, (_, i) => monday.add({ days: i }).toString()),
  );
  expect(days[monday.toString()]).toContain(`href="/bookings/${late}"`);
  expect(days[monday.toString()]).toMatch(/00:30–01:30/);
  expect(days[wednesday.toString()]).toContain(`href="/bookings/${midweek}"`);
  expect(days[wednesday.toString()]).toMatch(/11:00–12:00|12:00–13:00/);
  for (const [date, html] of Object.entries(days)) {
    if (date !== monday.toString() && date !== wednesday.toString()) {
      expect([date, html.includes("/bookings/01")]).toEqual([date, false]);
    }
  }
  // Links to the weeks around it.
  const previous = weekId(monday.subtract({ weeks: 1 }));
  const next = weekId(monday.add({ weeks: 1 }));
  expect(shown.text).toContain(
    `href="/bookings?view=week&amp;week=${previous}"`,
  );
  expect(shown.text).toContain(`href="/bookings?view=week&amp;week=${next}"`);

  // The week before (which holds the UTC Sunday) does not show it.
  const before = await page(expert, `/bookings?view=week&week=${previous}`);
  expect(before.text).not.toContain(`/bookings/${late}`);

  // A date names its week; so does the same week for the learner's side.
  const byDate = await page(expert, `/bookings?view=week&start=${wednesday}`);
  expect(columns(byDate.text)[monday.toString()]).toContain(late);

  // An unreadable week shows this week and says so.
  const odd = await page(expert, "/bookings?view=week&week=someday");
  expect(odd.status).toBe(200);
  expect(odd.text).toContain("That week could not be read");
  expect(odd.text).toContain('aria-current="date"');
});
