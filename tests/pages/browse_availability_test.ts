/**
 * HTTP tests for browsing by availability (/experts): the "Available in
 * the next 7 days" checkbox and the "Soonest available" sort, as a plain
 * GET form without JavaScript, over next free times the worker computed.
 *
 * Run after `deno task build` (the app links the built CSS and island JS).
 */
import { expect } from "expect";
import { createTestApp, type TestApp } from "@/tests/support/helpers.ts";
import { bookableExpert } from "@/tests/support/bookings.ts";
import { getNextFree } from "@/services/experts/mod.ts";

const SITE = "http://localhost:8000";

async function getHtml(app: TestApp, path: string): Promise<string> {
  const response = await app.fetch(new Request(SITE + path));
  expect(response.status).toBe(200);
  return await response.text();
}

/** Two experts: one open around the clock, one paused; both computed. */
async function twoExperts(app: TestApp) {
  const open = await bookableExpert(app.kv, {
    profile: { name: "Olive Open" },
  });
  const paused = await bookableExpert(app.kv, {
    profile: { name: "Paul Paused", rating: { average: 5, count: 500 } },
    availability: { paused: true },
  });
  const deadline = Date.now() + 5_000;
  for (const { expertId } of [open, paused]) {
    while ((await getNextFree(app.kv, expertId))?.checkedAt == null) {
      if (Date.now() > deadline) throw new Error("never computed");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const order = (html: string, ...names: string[]) =>
  names.map((name) => html.indexOf(name));

Deno.test("browse filters to experts free in the next 7 days and sorts the soonest first", async () => {
  await using app = await createTestApp({ seed: false });
  await twoExperts(app);

  // The form offers both, unset.
  const plain = await getHtml(app, "/experts");
  expect(plain).toMatch(
    /<input id="filter-available" type="checkbox" name="available" value="7d"(?! checked)/,
  );
  expect(plain).toContain('<option value="soonest">Soonest available</option>');
  // By popularity the paused expert (more reviews) comes first.
  const [paul, olive] = order(plain, "Paul Paused", "Olive Open");
  expect(paul).toBeLessThan(olive);

  // Sorted by free time: the open expert first, the one with none last.
  const soonest = await getHtml(app, "/experts?sort=soonest");
  const [oliveFirst, paulLast] = order(soonest, "Olive Open", "Paul Paused");
  expect(oliveFirst).toBeGreaterThan(-1);
  expect(oliveFirst).toBeLessThan(paulLast);
  expect(soonest).toMatch(/<option value="soonest" selected/);
  expect(soonest).toContain("Free times are checked every few minutes");

  // The checkbox (what the no-JS form submits) keeps only who is free soon.
  const week = await getHtml(app, "/experts?available=7d&sort=");
  expect(week).toContain("Olive Open");
  expect(week).not.toContain("Paul Paused");
  expect(week).toContain("1 expert matching your filters.");
  expect(week).toMatch(/name="available" value="7d" checked/);
  expect(week).toContain("1 on"); // counted as an active filter
});

Deno.test("an unknown availability window is ignored with a notice", async () => {
  await using app = await createTestApp({ seed: false });
  await twoExperts(app);
  const html = await getHtml(app, "/experts?available=someday");
  expect(html).toContain("Some filters were left out");
  expect(html).toContain("availability filter");
  expect(html).toContain("Olive Open");
  expect(html).toContain("Paul Paused");
});
