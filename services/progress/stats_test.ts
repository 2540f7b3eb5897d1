/**
 * The learning numbers: months on the learner's clock, hours per category,
 * and the streak rule (consecutive Monday-to-Sunday weeks, this week not
 * breaking it until it is over).
 */
import { expect } from "expect";
import { learningStats, roundHours, type SessionFact } from "./stats.ts";

const session = (
  start: string,
  durationMinutes = 60,
  categoryId: string | null = "piano",
): SessionFact => ({ start, durationMinutes, categoryId });

// A Wednesday.
const now = new Date("2026-11-25T12:00:00Z");

Deno.test("hours per month cover the last twelve months, oldest first", () => {
  const stats = learningStats([
    session("2026-11-02T10:00:00Z", 90),
    session("2026-11-20T10:00:00Z", 30),
    session("2026-01-15T10:00:00Z", 45),
    // Before the window: counted nowhere.
    session("2025-11-30T10:00:00Z", 60),
  ], { now, timeZone: "UTC" });
  expect(stats.months.length).toBe(12);
  expect(stats.months[0]).toEqual({ month: "2025-12", hours: 0 });
  expect(stats.months[1]).toEqual({ month: "2026-01", hours: 0.8 });
  expect(stats.months[11]).toEqual({ month: "2026-11", hours: 2 });
  expect(stats.sessionsCompleted).toBe(3);
  expect(stats.hoursCompleted).toBe(2.8);
});

Deno.test("months are the learner's: a late-evening session counts on their date", () => {
  // 31 Oct 23:30 in New York is 1 Nov in UTC.
  const stats = learningStats([session("2026-11-01T03:30:00Z")], {
    now,
    timeZone: "America/New_York",
  });
  expect(stats.months.find((m) => m.month === "2026-10")?.hours).toBe(1);
  expect(stats.months.find((m) => m.month === "2026-11")?.hours).toBe(0);
});

Deno.test("hours per category, most first, unknown categories kept", () => {
  const stats = learningStats([
    session("2026-10-01T10:00:00Z", 60, "piano"),
    session("2026-10-02T10:00:00Z", 120, "spanish"),
    session("2026-10-03T10:00:00Z", 30, null),
    session("2026-10-04T10:00:00Z", 60, "piano"),
  ], { now, timeZone: "UTC" });
  expect(stats.categories).toEqual([
    { categoryId: "piano", hours: 2, sessions: 2 },
    { categoryId: "spanish", hours: 2, sessions: 1 },
    { categoryId: null, hours: 0.5, sessions: 1 },
  ]);
});

Deno.test("the streak counts consecutive weeks back from this week", () => {
  const stats = learningStats([
    session("2026-11-23T10:00:00Z"), // this week (Monday)
    session("2026-11-18T10:00:00Z"), // last week
    session("2026-11-16T10:00:00Z"), // last week again
    session("2026-11-12T10:00:00Z"), // the week before
    // a gap week, then three weeks in a row
    session("2026-10-28T10:00:00Z"),
    session("2026-10-21T10:00:00Z"),
    session("2026-10-14T10:00:00Z"),
    session("2026-10-07T10:00:00Z"),
  ], { now, timeZone: "UTC" });
  expect(stats.streak).toEqual({ current: 3, longest: 4, thisWeek: true });
});

Deno.test("a week under way does not break the streak; a missed week does", () => {
  const lastWeek = learningStats([
    session("2026-11-18T10:00:00Z"),
    session("2026-11-11T10:00:00Z"),
  ], { now, timeZone: "UTC" });
  expect(lastWeek.streak).toEqual({ current: 2, longest: 2, thisWeek: false });
  const missed = learningStats([session("2026-11-11T10:00:00Z")], {
    now,
    timeZone: "UTC",
  });
  expect(missed.streak).toEqual({ current: 0, longest: 1, thisWeek: false });
});

Deno.test("weeks run Monday to Sunday on the learner's clock", () => {
  // Sunday 22 Nov 23:30 in Los Angeles is Monday 23 Nov in UTC: last week there.
  const stats = learningStats([session("2026-11-23T07:30:00Z")], {
    now,
    timeZone: "America/Los_Angeles",
  });
  expect(stats.streak).toEqual({ current: 1, longest: 1, thisWeek: false });
});

Deno.test("no sessions: twelve empty months and no streak", () => {
  const stats = learningStats([], { now, timeZone: "Europe/Paris" });
  expect(stats.months.every((month) => month.hours === 0)).toBe(true);
  expect(stats.categories).toEqual([]);
  expect(stats.streak).toEqual({ current: 0, longest: 0, thisWeek: false });
  expect(roundHours(25)).toBe(0.4);
});
