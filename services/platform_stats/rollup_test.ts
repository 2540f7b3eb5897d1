import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { fundLearner } from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { platformStats } from "./gather.ts";
import { isClosedDay, readMoneyRollUps } from "./store.ts";

Deno.test("a closed day's money is summed once and kept; today's stays live", async () => {
  await using kv = await openTestKv();
  using clock = useFakeClock(new Date("2030-06-03T10:00:00Z"));
  await fundLearner(kv, "learner-1", 5000);
  const period = { from: "2030-06-03", to: "2030-06-04" };

  // Today: summed from the ledger each time, not kept.
  expect((await platformStats(kv, period)).money.totals[0].moneyInMinor)
    .toBe(5000);
  await fundLearner(kv, "learner-1", 1000);
  expect((await platformStats(kv, period)).money.totals[0].moneyInMinor)
    .toBe(6000);
  expect((await readMoneyRollUps(kv, period.from, period.to)).size).toBe(0);

  // Within the hour after midnight the day is not closed yet.
  clock.set(new Date("2030-06-04T00:30:00Z"));
  await platformStats(kv, period);
  expect((await readMoneyRollUps(kv, period.from, period.to)).size).toBe(0);

  clock.set(new Date("2030-06-04T02:00:00Z"));
  await fundLearner(kv, "learner-2", 700);
  const stats = await platformStats(kv, period);
  expect(stats.money.days.map((d) => [d.date, d.moneyInMinor])).toEqual([
    ["2030-06-03", 6000],
    ["2030-06-04", 700],
  ]);
  const kept = await readMoneyRollUps(kv, period.from, period.to);
  expect([...kept.keys()]).toEqual(["2030-06-03"]);
  expect(kept.get("2030-06-03")![0]).toMatchObject({
    currency: "USD",
    moneyInMinor: 6000,
  });

  // Read from the roll-up from now on: the same figures.
  expect(await platformStats(kv, period)).toEqual(stats);
});

Deno.test("a day closes an hour after its end", () => {
  const end = Date.parse("2030-06-04T00:00:00Z");
  expect(isClosedDay("2030-06-03", end + 59 * 60_000)).toBe(false);
  expect(isClosedDay("2030-06-03", end + 60 * 60_000)).toBe(true);
});
