import { expect } from "expect";
import {
  activePeople,
  computeStats,
  moneyTotals,
  share,
  topRows,
} from "./compute.ts";
import type { StatsBooking, StatsInput } from "./model.ts";

const ABSENT = "The expert did not join.";

let counter = 0;
function booking(fields: Partial<StatsBooking>): StatsBooking {
  counter++;
  return {
    id: `b${counter}`,
    learnerId: "l1",
    expertId: "e1",
    status: "confirmed",
    start: "2026-11-10T10:00:00.000Z",
    createdAt: "2026-11-02T09:00:00.000Z",
    priceMinor: 6000,
    currency: "USD",
    cancellation: null,
    ...fields,
  };
}

function input(fields: Partial<StatsInput>): StatsInput {
  return {
    period: { from: "2026-11-01", to: "2026-11-07" },
    users: [],
    bookings: [],
    signIns: [],
    money: [],
    experts: {},
    expertAbsentReason: ABSENT,
    ...fields,
  };
}

Deno.test("sign-ups count per UTC day and role, only inside the period", () => {
  const stats = computeStats(input({
    users: [
      { id: "a", role: "learner", createdAt: "2026-11-01T00:00:00.000Z" },
      { id: "b", role: "learner", createdAt: "2026-11-01T23:59:59.999Z" },
      { id: "c", role: "expert", createdAt: "2026-11-07T12:00:00.000Z" },
      { id: "d", role: "admin", createdAt: "2026-11-03T12:00:00.000Z" },
      // Outside: the day before, and the day after the last.
      { id: "e", role: "learner", createdAt: "2026-10-31T23:59:59.999Z" },
      { id: "f", role: "expert", createdAt: "2026-11-08T00:00:00.000Z" },
    ],
  }));
  expect(stats.days.length).toBe(7);
  expect(stats.days[0]).toMatchObject({
    date: "2026-11-01",
    signups: { learner: 2, expert: 0, admin: 0 },
  });
  expect(stats.days[6].signups).toEqual({ learner: 0, expert: 1, admin: 0 });
  expect(stats.totals.signups).toEqual({ learner: 2, expert: 1, admin: 1 });
});

Deno.test("bookings count the day they were made; outcomes the day the session starts", () => {
  const stats = computeStats(input({
    bookings: [
      // Made in the period, held after it.
      booking({ createdAt: "2026-11-02T09:00:00.000Z" }),
      // Made before, held in it: completed.
      booking({
        createdAt: "2026-10-20T09:00:00.000Z",
        start: "2026-11-03T10:00:00.000Z",
        status: "completed",
      }),
      booking({
        createdAt: "2026-11-03T08:00:00.000Z",
        start: "2026-11-03T10:00:00.000Z",
        status: "no_show",
      }),
      booking({
        createdAt: "2026-11-03T08:00:00.000Z",
        start: "2026-11-04T10:00:00.000Z",
        status: "cancelled",
        cancellation: { reason: ABSENT },
      }),
      booking({
        createdAt: "2026-11-03T08:00:00.000Z",
        start: "2026-11-05T10:00:00.000Z",
        status: "disputed",
      }),
      // Still to happen: not in the rates' base.
      booking({
        createdAt: "2026-11-03T08:00:00.000Z",
        start: "2026-11-07T23:00:00.000Z",
        status: "confirmed",
      }),
    ],
  }));
  expect(stats.days.map((d) => d.bookingsMade)).toEqual([0, 1, 4, 0, 0, 0, 0]);
  expect(stats.days.map((d) => d.sessionsStarted)).toEqual([
    0,
    0,
    2,
    1,
    1,
    0,
    1,
  ]);
  expect(stats.totals).toMatchObject({
    bookingsMade: 5,
    sessionsStarted: 5,
    decided: 4,
    completed: 1,
    noShow: 1,
    cancelled: 1,
    expertAbsent: 1,
    disputed: 1,
  });
  expect(stats.rates).toEqual({
    completion: 0.25,
    cancellation: 0.25,
    noShow: 0.25,
  });
});

Deno.test("rates are null, not zero, when no session was decided", () => {
  const stats = computeStats(input({}));
  expect(stats.rates).toEqual({
    completion: null,
    cancellation: null,
    noShow: null,
  });
  expect(share(1, 0)).toBe(null);
  expect(share(1, 4)).toBe(0.25);
});

Deno.test("active people: signed in, or party to a booking made or held in the period", () => {
  const stats = computeStats(input({
    signIns: [
      { userId: "l9", role: "learner", at: "2026-11-02T10:00:00.000Z" },
      { userId: "l9", role: "learner", at: "2026-11-03T10:00:00.000Z" },
      { userId: "a1", role: "admin", at: "2026-11-03T10:00:00.000Z" },
      // Before the period: not active for this sign-in.
      { userId: "l8", role: "learner", at: "2026-10-30T10:00:00.000Z" },
    ],
    bookings: [
      booking({ learnerId: "l1", expertId: "e1" }),
      booking({
        learnerId: "l2",
        expertId: "e2",
        createdAt: "2026-10-01T00:00:00.000Z",
        start: "2026-11-06T10:00:00.000Z",
      }),
      // Neither made nor held in the period.
      booking({
        learnerId: "l3",
        expertId: "e3",
        createdAt: "2026-10-01T00:00:00.000Z",
        start: "2026-10-05T10:00:00.000Z",
      }),
    ],
  }));
  expect(stats.active).toEqual({ learners: 3, experts: 2 });
});

Deno.test("top lists rank by bookings made and not cancelled, per main category", () => {
  const experts: StatsInput["experts"] = {
    e1: { name: "Ada", category: { id: "code", name: "Programming" } },
    e2: { name: "Ben", category: { id: "code", name: "Programming" } },
    e3: { name: "Cy", category: { id: "lang", name: "Languages" } },
    e4: { name: "Di", category: null },
  };
  const made = (expertId: string, fields: Partial<StatsBooking> = {}) =>
    booking({ expertId, createdAt: "2026-11-02T09:00:00.000Z", ...fields });
  const stats = computeStats(input({
    experts,
    bookings: [
      made("e3"),
      made("e3", { status: "completed", currency: "EUR", priceMinor: 4000 }),
      made("e3", { status: "cancelled" }),
      made("e3", { status: "cancelled" }),
      made("e1"),
      made("e2", { status: "completed" }),
      made("e4"),
    ],
  }));
  expect(stats.topExperts.map((r) => [r.name, r.bookings, r.completed]))
    .toEqual([["Cy", 2, 1], ["Ben", 1, 1], ["Ada", 1, 0], ["Di", 1, 0]]);
  expect(stats.topExperts[0].amounts).toEqual([
    { currency: "EUR", grossMinor: 4000 },
    { currency: "USD", grossMinor: 6000 },
  ]);
  // A tie in bookings and completed goes by name.
  expect(stats.topCategories.map((r) => [r.id, r.bookings])).toEqual([
    ["lang", 2],
    ["code", 2],
  ]);
});

Deno.test("top lists keep the ten first", () => {
  const bookings = Array.from(
    { length: 12 },
    (_, i) => booking({ expertId: `e${String(i).padStart(2, "0")}` }),
  );
  const rows = topRows(bookings, (b) => ({ id: b.expertId, name: b.expertId }));
  expect(rows.length).toBe(10);
  expect(rows[0].name).toBe("e00");
});

Deno.test("money keeps the period's days and sums them per currency", () => {
  const day = (date: string, currency: string, amount: number) => ({
    date,
    currency,
    moneyInMinor: amount,
    commissionMinor: amount / 10,
    refundsMinor: 0,
  });
  const stats = computeStats(input({
    money: [
      day("2026-10-31", "USD", 999),
      day("2026-11-01", "USD", 1000),
      day("2026-11-02", "USD", 2000),
      day("2026-11-02", "EUR", 500),
    ],
  }));
  expect(stats.money.days.length).toBe(3);
  expect(stats.money.totals).toEqual([
    {
      currency: "EUR",
      moneyInMinor: 500,
      commissionMinor: 50,
      refundsMinor: 0,
    },
    {
      currency: "USD",
      moneyInMinor: 3000,
      commissionMinor: 300,
      refundsMinor: 0,
    },
  ]);
  expect(moneyTotals([])).toEqual([]);
});

Deno.test("each active person says why: a sign-in, a booking, or both", () => {
  const people = activePeople(input({
    signIns: [
      { userId: "l1", role: "learner", at: "2026-11-02T10:00:00.000Z" },
      { userId: "e9", role: "expert", at: "2026-11-02T10:00:00.000Z" },
    ],
    bookings: [booking({ learnerId: "l1", expertId: "e1" })],
  }));
  expect(people).toEqual([
    { userId: "l1", role: "learner", signedIn: true, booked: true },
    { userId: "e9", role: "expert", signedIn: true, booked: false },
    { userId: "e1", role: "expert", signedIn: false, booked: true },
  ]);
});
