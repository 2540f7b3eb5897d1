/** The expert's figures computed from plain records. */
import { expect } from "expect";
import { seededRandom } from "@/services/platform/random.ts";
import type { EarningMovement, SessionRecord } from "./model.ts";
import {
  earningsByMonth,
  hoursOf,
  lastMonths,
  monthFinder,
  monthOf,
  monthStart,
  ratingByMonth,
  repeatStudentRate,
  sessionsByMonth,
  studentSummaries,
  viewsToBookings,
} from "./stats.ts";

const NOW = new Date("2026-03-10T12:00:00Z");
const ZONE = "Europe/Berlin";

function session(fields: Partial<SessionRecord>): SessionRecord {
  return {
    id: crypto.randomUUID(),
    learnerId: "ada",
    offeringTitle: "One hour",
    start: "2026-03-02T10:00:00Z",
    end: "2026-03-02T11:00:00Z",
    durationMinutes: 60,
    status: "completed",
    createdAt: "2026-02-20T10:00:00Z",
    priceMinor: 6000,
    currency: "USD",
    expertEarningsMinor: 4800,
    ...fields,
  };
}

function movement(fields: Partial<EarningMovement>): EarningMovement {
  return {
    entryId: crypto.randomUUID(),
    at: "2026-03-02T11:30:00Z",
    currency: "USD",
    amountMinor: 4800,
    grossMinor: 6000,
    commissionMinor: 1200,
    bookingId: "b1",
    kind: "session",
    ...fields,
  };
}

Deno.test("months are calendar months in the expert's zone, oldest first", () => {
  expect(monthOf("2026-01-31T23:30:00Z", ZONE)).toBe("2026-02");
  expect(monthOf("2026-01-31T23:30:00Z", "UTC")).toBe("2026-01");
  const months = lastMonths(NOW, ZONE);
  expect(months.length).toBe(12);
  expect(months[0]).toBe("2025-04");
  expect(months.at(-1)).toBe("2026-03");
  expect(monthStart("2026-03", ZONE).toISOString()).toBe(
    "2026-02-28T23:00:00.000Z",
  );
  expect(monthStart("2025-12", "UTC", 1).toISOString()).toBe(
    "2026-01-01T00:00:00.000Z",
  );
});

Deno.test("earnings are summed per currency and month, net of commission and take-backs", () => {
  const months = lastMonths(NOW, ZONE, 3);
  const result = earningsByMonth(
    [
      movement({}),
      movement({ at: "2026-03-05T10:00:00Z", amountMinor: 2400 }),
      movement({
        at: "2026-03-06T10:00:00Z",
        amountMinor: -1000,
        kind: "refund",
      }),
      movement({
        at: "2026-01-15T10:00:00Z",
        currency: "EUR",
        amountMinor: 900,
      }),
      // Before the months shown: left out.
      movement({ at: "2025-06-15T10:00:00Z", amountMinor: 99_999 }),
    ],
    months,
    ZONE,
  );
  expect(result).toEqual([
    {
      currency: "EUR",
      months: [
        { month: "2026-01", amountMinor: 900 },
        { month: "2026-02", amountMinor: 0 },
        { month: "2026-03", amountMinor: 0 },
      ],
      totalMinor: 900,
    },
    {
      currency: "USD",
      months: [
        { month: "2026-01", amountMinor: 0 },
        { month: "2026-02", amountMinor: 0 },
        { month: "2026-03", amountMinor: 6200 },
      ],
      totalMinor: 6200,
    },
  ]);
});

Deno.test("sessions and hours count completed sessions only", () => {
  const months = lastMonths(NOW, ZONE, 2);
  expect(sessionsByMonth(
    [
      session({}),
      session({ durationMinutes: 30 }),
      session({ status: "cancelled" }),
      session({ status: "no_show" }),
      session({ status: "confirmed" }),
      session({ start: "2026-02-10T10:00:00Z", durationMinutes: 45 }),
    ],
    months,
    ZONE,
  )).toEqual([
    { month: "2026-02", sessions: 1, minutes: 45 },
    { month: "2026-03", sessions: 2, minutes: 90 },
  ]);
  expect(hoursOf(90)).toBe(1.5);
  expect(hoursOf(50)).toBe(0.8);
});

Deno.test("the rating trend averages each month's reviews", () => {
  const months = lastMonths(NOW, ZONE, 2);
  expect(ratingByMonth(
    [
      { createdAt: "2026-03-01T10:00:00Z", rating: 5 },
      { createdAt: "2026-03-02T10:00:00Z", rating: 4 },
      { createdAt: "2026-03-03T10:00:00Z", rating: 4 },
    ],
    months,
    ZONE,
  )).toEqual([
    { month: "2026-02", average: null, count: 0 },
    { month: "2026-03", average: 4.33, count: 3 },
  ]);
});

Deno.test("the repeat-student rate is the share of students with two or more completed sessions", () => {
  expect(repeatStudentRate([])).toEqual({ students: 0, repeat: 0, rate: null });
  expect(repeatStudentRate([
    session({ learnerId: "ada" }),
    session({ learnerId: "ada" }),
    session({ learnerId: "bob" }),
    session({ learnerId: "bob", status: "cancelled" }),
    session({ learnerId: "cy", status: "confirmed" }),
  ])).toEqual({ students: 2, repeat: 1, rate: 0.5 });
});

Deno.test("views turn into bookings per month", () => {
  const months = ["2026-02", "2026-03"];
  expect(viewsToBookings(
    [
      { day: "2026-02-01", count: 10 },
      { day: "2026-03-01", count: 30 },
      { day: "2026-03-02", count: 10 },
      { day: "2025-12-02", count: 99 },
    ],
    [
      session({ createdAt: "2026-03-04T10:00:00Z" }),
      session({ createdAt: "2026-03-05T10:00:00Z", status: "cancelled" }),
    ],
    months,
  )).toEqual([
    { month: "2026-02", views: 10, bookings: 0, rate: 0 },
    { month: "2026-03", views: 40, bookings: 2, rate: 0.05 },
  ]);
  expect(viewsToBookings([], [], ["2026-03"])[0].rate).toBeNull();
});

Deno.test("each student's sessions, hours, last and next session", () => {
  const students = studentSummaries([
    session({ learnerId: "ada", start: "2026-03-01T10:00:00Z" }),
    session({ learnerId: "ada", start: "2026-03-03T10:00:00Z" }),
    session({
      learnerId: "ada",
      status: "confirmed",
      start: "2026-03-20T10:00:00Z",
      end: "2026-03-20T11:00:00Z",
    }),
    session({
      learnerId: "bob",
      start: "2026-01-05T10:00:00Z",
      durationMinutes: 30,
    }),
    session({ learnerId: "cy", status: "cancelled" }),
  ], NOW);
  expect(students).toEqual([
    {
      learnerId: "ada",
      sessions: 2,
      minutes: 120,
      lastSession: "2026-03-03T10:00:00Z",
      nextSession: "2026-03-20T10:00:00Z",
      bookings: 3,
    },
    {
      learnerId: "bob",
      sessions: 1,
      minutes: 30,
      lastSession: "2026-01-05T10:00:00Z",
      nextSession: null,
      bookings: 1,
    },
    {
      learnerId: "cy",
      sessions: 0,
      minutes: 0,
      lastSession: null,
      nextSession: null,
      bookings: 1,
    },
  ]);
});

Deno.test("months are found from their bounds exactly as from each instant's zone, DST and year ends included", () => {
  const random = seededRandom(7);
  for (
    const zone of [
      "UTC",
      "Europe/Paris",
      "America/New_York",
      "Australia/Lord_Howe",
      "Pacific/Kiritimati",
      "America/St_Johns",
    ]
  ) {
    for (const now of ["2026-01-01T03:00:00Z", "2026-11-29T20:00:00Z"]) {
      const months = lastMonths(new Date(now), zone);
      // The months go back by hand as Temporal would.
      expect(months).toEqual(
        Array.from(
          { length: 12 },
          (_, i) =>
            Temporal.PlainYearMonth.from(months[11])
              .subtract({ months: 11 - i }).toString(),
        ),
      );
      const find = monthFinder(months, zone);
      const from = Date.parse(now) - 400 * 86_400_000;
      for (let i = 0; i < 500; i++) {
        const iso = new Date(from + random() * 440 * 86_400_000).toISOString();
        const month = monthOf(iso, zone);
        expect(find(iso)).toBe(months.includes(month) ? month : null);
      }
      // The very first and last instants of the window.
      const start = monthStart(months[0], zone);
      const end = monthStart(months[11], zone, 1);
      expect(find(start.toISOString())).toBe(months[0]);
      expect(find(new Date(end.getTime() - 1).toISOString())).toBe(months[11]);
      expect(find(end.toISOString())).toBe(null);
    }
  }
});
