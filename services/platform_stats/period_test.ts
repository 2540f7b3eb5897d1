import { expect } from "expect";
import { ValidationError } from "@/services/platform/errors.ts";
import { addDays, daysOf, resolvePeriod } from "./period.ts";

const TODAY = "2026-11-29";

function fieldErrors(query: Parameters<typeof resolvePeriod>[0]) {
  try {
    resolvePeriod(query, TODAY);
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error("no error");
}

Deno.test("a preset period ends today and has that many days", () => {
  expect(resolvePeriod({ days: "7" }, TODAY)).toEqual({
    from: "2026-11-23",
    to: TODAY,
    preset: 7,
  });
  expect(daysOf(resolvePeriod({ days: "90" }, TODAY).from, TODAY).length)
    .toBe(90);
  // 30 days unless asked otherwise.
  expect(resolvePeriod({}, TODAY).from).toBe(addDays(TODAY, -29));
});

Deno.test("chosen dates win over a preset and keep both ends", () => {
  expect(
    resolvePeriod({ days: "7", from: "2026-01-01", to: "2026-01-31" }, TODAY),
  )
    .toEqual({ from: "2026-01-01", to: "2026-01-31", preset: null });
  expect(resolvePeriod({ from: TODAY, to: TODAY }, TODAY).from).toBe(TODAY);
});

Deno.test("each wrong period says what to change", () => {
  expect(fieldErrors({ days: "14" })).toEqual({
    days: ["Choose 7, 30 or 90 days."],
  });
  expect(fieldErrors({ from: "2026-13-01", to: TODAY }).from).toEqual([
    "Use a date like 2026-12-01.",
  ]);
  expect(fieldErrors({ from: "2026-11-01" })).toEqual({
    to: ["Give the last day of the period too."],
  });
  expect(fieldErrors({ to: "2026-11-01" })).toEqual({
    from: ["Give the first day of the period too."],
  });
  expect(fieldErrors({ from: "2026-11-10", to: "2026-11-01" })).toEqual({
    to: ["The last day must be on or after the first day."],
  });
  expect(fieldErrors({ from: "2026-11-01", to: "2026-12-01" })).toEqual({
    to: ["Choose a day up to today."],
  });
  expect(fieldErrors({ from: "2024-01-01", to: "2025-01-01" })).toEqual({
    to: ["Choose at most 366 days."],
  });
  // A leap year's 366 days fit.
  expect(resolvePeriod({ from: "2024-01-01", to: "2024-12-31" }, TODAY).to)
    .toBe("2024-12-31");
});

Deno.test("day arithmetic crosses months and years in UTC", () => {
  expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  expect(daysOf("2026-10-24", "2026-10-27")).toEqual([
    "2026-10-24",
    "2026-10-25",
    "2026-10-26",
    "2026-10-27",
  ]);
});
