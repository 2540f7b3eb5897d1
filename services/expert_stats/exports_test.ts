/** The expert's CSV exports: the period rules and the rows. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { completedBookingOf } from "@/tests/support/reviews.ts";
import { newId } from "@/services/platform/kv.ts";
import { parseCsv } from "@/services/platform/csv.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import {
  earningsCsv,
  exportPeriod,
  majorAmount,
  sessionsCsv,
} from "./exports.ts";

const NOW = new Date("2026-03-10T12:00:00Z");

Deno.test("a period is whole days on the expert's clock, both included", () => {
  const period = exportPeriod(
    { from: "2026-03-01", to: "2026-03-31" },
    "Europe/Berlin",
    NOW,
  );
  expect(period.from.toISOString()).toBe("2026-02-28T23:00:00.000Z");
  expect(period.to.toISOString()).toBe("2026-03-31T22:00:00.000Z");
  expect(exportPeriod({}, "UTC", NOW)).toMatchObject({
    fromDate: "2025-04-01",
    toDate: "2026-03-10",
  });
  for (
    const query of [
      { from: "2026-13-01" },
      { from: "yesterday" },
      { from: "2026-03-02", to: "2026-03-01" },
      { from: "2010-01-01", to: "2026-01-01" },
    ]
  ) {
    expect(() => exportPeriod(query, "UTC", NOW)).toThrow(ValidationError);
  }
});

Deno.test("amounts are written in major units", () => {
  expect(majorAmount(5100, "USD")).toBe("51.00");
  expect(majorAmount(-2550, "EUR")).toBe("-25.50");
  expect(majorAmount(0, "USD")).toBe("0.00");
});

Deno.test("the sessions and earnings exports hold the expert's records", async () => {
  await using kv = await openTestKv();
  const expert = { id: newId(), role: "expert", timeZone: "UTC" };
  const booking = await completedBookingOf(kv, expert);
  const period = exportPeriod({}, "UTC", new Date());

  const sessions = parseCsv(await sessionsCsv(kv, expert.id, period, "UTC"));
  expect(sessions[0]).toEqual([
    "booking_id",
    "start_local",
    "start_utc",
    "duration_minutes",
    "session",
    "learner",
    "status",
    "currency",
    "price",
    "earned",
  ]);
  expect(sessions.length).toBe(2);
  expect(sessions[1][0]).toBe(booking.id);
  expect(sessions[1][6]).toBe("completed");
  expect(sessions[1][8]).toBe("60.00");
  expect(sessions[1][9]).toBe(majorAmount(booking.expertEarningsMinor!, "USD"));

  const earnings = parseCsv(await earningsCsv(kv, expert.id, period, "UTC"));
  expect(earnings.length).toBe(2);
  const [row] = earnings.slice(1);
  const column = (name: string) => row[earnings[0].indexOf(name)];
  expect(column("booking_id")).toBe(booking.id);
  expect(column("price")).toBe("60.00");
  expect(Number(column("price"))).toBe(
    Number(column("commission")) + Number(column("earned")),
  );

  // Another period holds nothing.
  const before = exportPeriod(
    { from: "2020-01-01", to: "2020-12-31" },
    "UTC",
    new Date(),
  );
  expect(parseCsv(await earningsCsv(kv, expert.id, before, "UTC")).length)
    .toBe(1);
  expect(parseCsv(await sessionsCsv(kv, expert.id, before, "UTC")).length)
    .toBe(1);
});
