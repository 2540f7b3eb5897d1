/**
 * Browse by availability over the JSON API: `available=7d` and
 * `sort=soonest` read the next free times the background job keeps, and
 * each hit says when the expert is next free. Every answer is checked
 * against the OpenAPI document.
 */
import { expect } from "expect";
import { bookableExpert } from "@/tests/support/bookings.ts";
import { getNextFree } from "@/services/experts/mod.ts";
import { createCheckedAuthApp } from "./support.ts";

/** Waits until the worker has stored a computed next free time for each expert. */
async function computed(kv: Deno.Kv, ...expertIds: string[]): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (const id of expertIds) {
    while ((await getNextFree(kv, id))?.checkedAt == null) {
      if (Date.now() > deadline) throw new Error(`${id} was never computed`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

Deno.test("GET /api/experts?available=7d&sort=soonest lists who is free soonest, with their next free time", async () => {
  await using app = await createCheckedAuthApp();
  const open = await bookableExpert(app.kv, {
    profile: { name: "Olive Open" },
  });
  const paused = await bookableExpert(app.kv, {
    profile: { name: "Paul Paused" },
    availability: { paused: true },
  });
  await computed(app.kv, open.expertId, paused.expertId);
  const visitor = app.client();

  const soonest = await visitor.api("GET", "/api/experts?sort=soonest");
  expect(soonest.status).toBe(200);
  const [first, second] = soonest.body.experts;
  expect([first.name, second.name]).toEqual(["Olive Open", "Paul Paused"]);
  expect(Date.parse(first.nextAvailableAt)).toBeGreaterThan(
    Date.now() - 60 * 60_000,
  );
  expect(Date.parse(first.nextAvailableAt)).toBeLessThan(
    Date.now() + 60 * 60_000,
  );
  expect(second.nextAvailableAt).toBeNull();

  const week = await visitor.api("GET", "/api/experts?available=7d");
  expect(week.status).toBe(200);
  expect(week.body.total).toBe(1);
  expect(week.body.experts.map((e: { name: string }) => e.name)).toEqual([
    "Olive Open",
  ]);

  const bad = await visitor.api("GET", "/api/experts?available=soon");
  expect(bad.status).toBe(400);
  expect(Object.keys(bad.body.details)).toEqual(["available"]);
});
