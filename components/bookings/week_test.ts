import { expect } from "expect";
import {
  dayLabel,
  requestedMonday,
  todayIn,
  weekId,
  weekLabel,
  weekOf,
} from "./week.ts";

const date = (text: string) => Temporal.PlainDate.from(text);
const TODAY = date("2026-12-02"); // a Wednesday in week 49

Deno.test("a request names its week by ISO week or by any date in it, else this week", () => {
  const monday = (params: { week?: string; start?: string }) => {
    const { monday, understood } = requestedMonday(params, TODAY);
    return [monday.toString(), understood];
  };
  expect(monday({})).toEqual(["2026-11-30", true]);
  expect(monday({ week: "2026-W49" })).toEqual(["2026-11-30", true]);
  expect(monday({ week: "2026w01" })).toEqual(["2025-12-29", true]);
  expect(monday({ week: "2020-W53" })).toEqual(["2020-12-28", true]);
  expect(monday({ week: "2026-W53" })).toEqual(["2026-12-28", true]);
  expect(monday({ start: "2027-01-03" })).toEqual(["2026-12-28", true]);
  expect(monday({ start: "2026-12-07" })).toEqual(["2026-12-07", true]);
  // Unreadable: this week, and the page says so.
  for (
    const params of [
      { week: "2026-W54" },
      { week: "2025-W53" }, // 2025 has 52 weeks
      { week: "next" },
      { start: "2026-02-30" },
      { start: "tomorrow" },
    ]
  ) {
    expect([params, monday(params)]).toEqual([params, ["2026-11-30", false]]);
  }
});

Deno.test("a week runs from the viewer's Monday midnight to the next, across a DST change", () => {
  const berlin = weekOf(date("2026-10-19"), "Europe/Berlin");
  expect(berlin.id).toBe("2026-W43");
  expect(new Date(berlin.startMs).toISOString()).toBe(
    "2026-10-18T22:00:00.000Z",
  );
  // Clocks go back on Sunday 25 October: a week of 169 hours.
  expect((berlin.endMs - berlin.startMs) / 3_600_000).toBe(169);
  expect(berlin.dates).toEqual([
    "2026-10-19",
    "2026-10-20",
    "2026-10-21",
    "2026-10-22",
    "2026-10-23",
    "2026-10-24",
    "2026-10-25",
  ]);
  expect([berlin.previous, berlin.next]).toEqual(["2026-W42", "2026-W44"]);
  const kiritimati = weekOf(date("2026-11-30"), "Pacific/Kiritimati");
  expect(new Date(kiritimati.startMs).toISOString()).toBe(
    "2026-11-29T10:00:00.000Z",
  );
});

Deno.test("weeks and days read in plain words; today is the viewer's", () => {
  expect(weekLabel(weekOf(date("2026-11-30"), "UTC"))).toBe(
    "30 Nov – 6 Dec 2026",
  );
  expect(dayLabel("2026-11-30")).toBe("Monday 30 November");
  expect(weekId(date("2027-01-01"))).toBe("2026-W53");
  const instant = Date.parse("2026-12-01T23:30:00Z");
  expect(todayIn(instant, "UTC").toString()).toBe("2026-12-01");
  expect(todayIn(instant, "Europe/Paris").toString()).toBe("2026-12-02");
  expect(todayIn(instant, "America/New_York").toString()).toBe("2026-12-01");
});
