/**
 * The statistics of a period, worked out from the records in one pass each:
 * pure, so every definition (see ./model.ts) has its own test and the page,
 * the API, the CSV reports and the weekly email all agree.
 */
import {
  type ActivePerson,
  type MoneyDay,
  type MoneyTotal,
  type PlatformStats,
  type StatsBooking,
  type StatsDay,
  type StatsInput,
  TOP_LIMIT,
  type TopRow,
} from "./model.ts";
import { dayOf, daysOf, within } from "./period.ts";

/** `part / whole`, or null when there is no whole. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function emptyDay(date: string): StatsDay {
  return {
    date,
    signups: { learner: 0, expert: 0, admin: 0 },
    bookingsMade: 0,
    sessionsStarted: 0,
    completed: 0,
    cancelled: 0,
    noShow: 0,
  };
}

export function computeStats(input: StatsInput): PlatformStats {
  const { period } = input;
  const inPeriod = within(period);
  const days = new Map(
    daysOf(period.from, period.to).map((date) => [date, emptyDay(date)]),
  );
  const dayFor = (iso: string) => days.get(dayOf(iso))!;

  for (const user of input.users) {
    if (inPeriod(user.createdAt)) dayFor(user.createdAt).signups[user.role]++;
  }

  const active = activePeople(input);
  let disputed = 0;
  let expertAbsent = 0;
  const made: StatsBooking[] = [];
  for (const booking of input.bookings) {
    const madeIn = inPeriod(booking.createdAt);
    const heldIn = inPeriod(booking.start);
    if (madeIn) {
      dayFor(booking.createdAt).bookingsMade++;
      if (booking.status !== "cancelled") made.push(booking);
    }
    if (!heldIn) continue;
    const day = dayFor(booking.start);
    day.sessionsStarted++;
    switch (booking.status) {
      case "completed":
        day.completed++;
        break;
      case "cancelled":
        day.cancelled++;
        if (booking.cancellation?.reason === input.expertAbsentReason) {
          expertAbsent++;
        }
        break;
      case "no_show":
        day.noShow++;
        break;
      case "disputed":
        disputed++;
        break;
    }
  }

  const dayRows = [...days.values()];
  const sum = (pick: (day: StatsDay) => number) =>
    dayRows.reduce((total, day) => total + pick(day), 0);
  const completed = sum((d) => d.completed);
  const cancelled = sum((d) => d.cancelled);
  const noShow = sum((d) => d.noShow);
  const decided = completed + cancelled + noShow + disputed;
  const moneyDays = input.money.filter((row) =>
    row.date >= period.from && row.date <= period.to
  );

  return {
    from: period.from,
    to: period.to,
    days: dayRows,
    totals: {
      signups: {
        learner: sum((d) => d.signups.learner),
        expert: sum((d) => d.signups.expert),
        admin: sum((d) => d.signups.admin),
      },
      bookingsMade: sum((d) => d.bookingsMade),
      sessionsStarted: sum((d) => d.sessionsStarted),
      decided,
      completed,
      cancelled,
      expertAbsent,
      noShow,
      disputed,
    },
    active: {
      learners: active.filter((p) => p.role === "learner").length,
      experts: active.filter((p) => p.role === "expert").length,
    },
    rates: {
      completion: share(completed, decided),
      cancellation: share(cancelled, decided),
      noShow: share(noShow, decided),
    },
    money: { days: moneyDays, totals: moneyTotals(moneyDays) },
    topCategories: topRows(made, (booking) => {
      const category = input.experts[booking.expertId]?.category;
      return category ? { id: category.id, name: category.name } : null;
    }),
    topExperts: topRows(made, (booking) => ({
      id: booking.expertId,
      name: input.experts[booking.expertId]?.name ?? "Former expert",
    })),
  };
}

/**
 * The learners and experts active in the period, and why: a sign-in in
 * it, or a booking made in it or a session held in it (as either party).
 * Learners first, each group in order of first appearance.
 */
export function activePeople(input: StatsInput): ActivePerson[] {
  const inPeriod = within(input.period);
  const people = new Map<string, ActivePerson>();
  const mark = (
    userId: string,
    role: ActivePerson["role"],
    why: "signedIn" | "booked",
  ) => {
    const person = people.get(userId) ??
      { userId, role, signedIn: false, booked: false };
    person[why] = true;
    people.set(userId, person);
  };
  for (const signIn of input.signIns) {
    if (signIn.role === "admin" || !inPeriod(signIn.at)) continue;
    mark(signIn.userId, signIn.role, "signedIn");
  }
  for (const booking of input.bookings) {
    if (!inPeriod(booking.createdAt) && !inPeriod(booking.start)) continue;
    mark(booking.learnerId, "learner", "booked");
    mark(booking.expertId, "expert", "booked");
  }
  const all = [...people.values()];
  return [
    ...all.filter((p) => p.role === "learner"),
    ...all.filter((p) => p.role === "expert"),
  ];
}

/** The period's money per currency, summed over its days. */
export function moneyTotals(days: readonly MoneyDay[]): MoneyTotal[] {
  const totals = new Map<string, MoneyTotal>();
  for (const day of days) {
    const total = totals.get(day.currency) ?? {
      currency: day.currency,
      moneyInMinor: 0,
      commissionMinor: 0,
      refundsMinor: 0,
    };
    total.moneyInMinor += day.moneyInMinor;
    total.commissionMinor += day.commissionMinor;
    total.refundsMinor += day.refundsMinor;
    totals.set(day.currency, total);
  }
  return [...totals.values()].sort((a, b) =>
    a.currency.localeCompare(b.currency)
  );
}

/**
 * The TOP_LIMIT groups with the most bookings (then most completed, then
 * by name), each with what learners paid per currency.
 */
export function topRows(
  bookings: readonly StatsBooking[],
  groupOf: (booking: StatsBooking) => { id: string; name: string } | null,
): TopRow[] {
  const rows = new Map<string, TopRow>();
  for (const booking of bookings) {
    const group = groupOf(booking);
    if (!group) continue;
    let row = rows.get(group.id);
    if (!row) {
      row = { ...group, bookings: 0, completed: 0, amounts: [] };
      rows.set(group.id, row);
    }
    row.bookings++;
    if (booking.status === "completed") row.completed++;
    let amount = row.amounts.find((a) => a.currency === booking.currency);
    if (!amount) {
      amount = { currency: booking.currency, grossMinor: 0 };
      row.amounts.push(amount);
      row.amounts.sort((a, b) => a.currency.localeCompare(b.currency));
    }
    amount.grossMinor += booking.priceMinor;
  }
  return [...rows.values()]
    .sort((a, b) =>
      b.bookings - a.bookings || b.completed - a.completed ||
      a.name.localeCompare(b.name)
    )
    .slice(0, TOP_LIMIT);
}
