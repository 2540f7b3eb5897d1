import { expect } from "expect";
import { parseCsv } from "@/services/platform/csv.ts";
import { majorAmount, moneyCsv, topCsv } from "./reports.ts";
import { computeStats } from "./compute.ts";
import { lastWeek } from "./weekly_summary.ts";

Deno.test("amounts are plain decimals in major units, by the currency's exponent", () => {
  expect(majorAmount(123456, "USD")).toBe("1234.56");
  expect(majorAmount(5, "EUR")).toBe("0.05");
  expect(majorAmount(-250, "USD")).toBe("-2.50");
});

Deno.test("a top list has one gross column per currency, zero where none was paid", () => {
  const rows = parseCsv(topCsv([
    {
      id: "e1",
      name: "=Ada",
      bookings: 3,
      completed: 2,
      amounts: [{ currency: "USD", grossMinor: 12000 }],
    },
    {
      id: "e2",
      name: "Ben, Jr.",
      bookings: 1,
      completed: 0,
      amounts: [{ currency: "EUR", grossMinor: 4000 }],
    },
  ]));
  expect(rows).toEqual([
    ["rank", "id", "name", "bookings", "completed", "gross_EUR", "gross_USD"],
    // A name a spreadsheet would run as a formula stays text.
    ["1", "e1", "'=Ada", "3", "2", "0.00", "120.00"],
    ["2", "e2", "Ben, Jr.", "1", "0", "40.00", "0.00"],
  ]);
});

Deno.test("the money report has a row per day and currency that moved", () => {
  const stats = computeStats({
    period: { from: "2026-11-01", to: "2026-11-02" },
    users: [],
    bookings: [],
    signIns: [],
    money: [{
      date: "2026-11-02",
      currency: "USD",
      moneyInMinor: 10000,
      commissionMinor: 900,
      refundsMinor: 500,
    }],
    experts: {},
    expertAbsentReason: "",
  });
  expect(parseCsv(moneyCsv(stats))).toEqual([
    ["date", "currency", "money_in", "commission", "refunds"],
    ["2026-11-02", "USD", "100.00", "9.00", "5.00"],
  ]);
});

Deno.test("last week runs Monday to Sunday before today's week", () => {
  // 2030-06-10 is a Monday; so is 2030-06-03.
  expect(lastWeek("2030-06-10")).toEqual({
    from: "2030-06-03",
    to: "2030-06-09",
  });
  expect(lastWeek("2030-06-16")).toEqual({
    from: "2030-06-03",
    to: "2030-06-09",
  });
  expect(lastWeek("2030-06-17")).toEqual({
    from: "2030-06-10",
    to: "2030-06-16",
  });
});
