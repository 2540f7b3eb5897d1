import { expect } from "expect";
import {
  dayLabels,
  describeTimeZone,
  formatClock,
  formatDate,
  formatDateTime,
  formatInstant,
  initials,
  languageName,
  monthLabels,
  plural,
} from "./format.ts";

Deno.test("initials use the first letters of the first and last names", () => {
  expect(initials("Ana María Silva")).toBe("AS");
  expect(initials("Prince")).toBe("P");
  expect(initials("  émile   zola ")).toBe("ÉZ");
  expect(initials("<b> Mallory")).toBe("BM");
  expect(initials("")).toBe("?");
});

Deno.test("formatting helpers", () => {
  expect(languageName("es")).toBe("Spanish");
  expect(languageName("not a code")).toBe("not a code");
  expect(formatDate("2025-03-04T23:30:00Z")).toBe("March 4, 2025");
  expect(plural(1, "review")).toBe("1 review");
  expect(plural(1200, "review")).toBe("1,200 reviews");
  expect(describeTimeZone("UTC")).toBe("UTC (UTC)");
  expect(describeTimeZone("Not/AZone")).toBe("Not/AZone");
});

Deno.test("month and day labels for charts: short for the axis, long for the table", () => {
  expect(monthLabels("2026-03")).toEqual({ short: "Mar", long: "March 2026" });
  expect(dayLabels("2026-03-09")).toEqual({
    short: "9 Mar",
    long: "Mon, 9 March 2026",
  });
  // Three letters for September too, like every other month.
  expect(monthLabels("2026-09").short).toBe("Sep");
  expect(dayLabels("2026-09-09").short).toBe("9 Sep");
});

Deno.test("dates and times in a zone, with each formatter made once per zone", () => {
  const iso = "2026-03-29T00:30:00Z"; // Europe/Paris moves to summer time at 01:00 UTC
  expect(formatDateTime(iso, "Europe/Paris")).toBe("29 Mar 2026, 01:30");
  expect(formatDateTime(iso, "America/New_York", "en-US")).toBe(
    "Mar 28, 2026, 8:30 PM",
  );
  expect(formatDateTime("2026-03-29T01:30:00Z", "Europe/Paris")).toBe(
    "29 Mar 2026, 03:30",
  );
  expect(formatClock(iso, "Asia/Kolkata")).toBe("06:00");
  expect(formatClock(iso, "UTC")).toBe("00:30");
  expect(formatInstant(iso)).toBe("29 Mar 2026, 00:30 UTC");
  expect(formatDateTime("not a date", "UTC")).toBe("not a date");
});
