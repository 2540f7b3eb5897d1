/**
 * The expert's figures, computed from records: earnings per month and
 * currency, sessions and hours per month, the rating trend, the share of
 * students who come back, how profile views turn into bookings, and each
 * student's history. Pure functions of their input (months are calendar
 * months in the expert's time zone, the last one the month of `now`), so
 * every rule is tested without a database.
 */
import type {
  CurrencyEarnings,
  DailyCount,
  EarningMovement,
  MonthConversion,
  MonthKey,
  MonthRating,
  MonthSessions,
  RatingCounters,
  RatingRecord,
  RepeatRate,
  SessionRecord,
  StudentSummary,
} from "./model.ts";

/** How many months the home shows. */
export const MONTHS_SHOWN = 12;

/** The month `iso` falls in, in `timeZone`. */
export function monthOf(iso: string, timeZone: string): MonthKey {
  const zoned = Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone);
  return `${zoned.year}-${String(zoned.month).padStart(2, "0")}`;
}

/** The `count` months up to and including the one of `now`, oldest first. */
export function lastMonths(
  now: Date,
  timeZone: string,
  count = MONTHS_SHOWN,
): MonthKey[] {
  const current = monthOf(now.toISOString(), timeZone);
  // Counted by hand: a Temporal object per month costs more than the rest.
  const year = Number(current.slice(0, 4));
  const month = Number(current.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + month - (count - 1 - i);
    return `${String(Math.floor(index / 12)).padStart(4, "0")}-${
      String(index % 12 + 1).padStart(2, "0")
    }`;
  });
}

/**
 * `monthOf` for instants within `months` (consecutive, oldest first), and
 * null outside them: one zone conversion per month instead of one per
 * record, for the figures that place hundreds of records.
 */
export function monthFinder(
  months: readonly MonthKey[],
  timeZone: string,
): (iso: string) => MonthKey | null {
  const { bounds, end } = monthBounds(months, timeZone);
  return (iso) => {
    const at = Date.parse(iso);
    if (!(at >= bounds[0] && at < end)) return null;
    let index = bounds.length - 1;
    while (bounds[index] > at) index--;
    return months[index];
  };
}

// A zone conversion costs tens of microseconds, and a page places records
// in the same months several times: the bounds are kept per months and zone.
const boundsKept = new Map<string, { bounds: number[]; end: number }>();

/** When each of `months` begins in `timeZone`, and when the last one ends. */
function monthBounds(
  months: readonly MonthKey[],
  timeZone: string,
): { bounds: number[]; end: number } {
  const key = `${months[0]} ${months.length} ${timeZone}`;
  let found = boundsKept.get(key);
  if (!found) {
    found = {
      bounds: months.map((month) => monthStart(month, timeZone).getTime()),
      end: monthStart(months.at(-1)!, timeZone, 1).getTime(),
    };
    if (boundsKept.size >= 1_000) boundsKept.clear();
    boundsKept.set(key, found);
  }
  return found;
}

/** The instant `month` begins in `timeZone` (and, with `offset`, later months). */
export function monthStart(
  month: MonthKey,
  timeZone: string,
  offset = 0,
): Date {
  const plain = Temporal.PlainYearMonth.from(month).add({ months: offset })
    .toPlainDate({ day: 1 });
  return new Date(
    plain.toZonedDateTime({ timeZone }).epochMilliseconds,
  );
}

function counter(months: readonly MonthKey[]): Map<MonthKey, number> {
  return new Map(months.map((month) => [month, 0]));
}

/**
 * What the expert earned per month and currency: the sum of their earning
 * movements (pay after commission, less anything a dispute took back).
 * Currencies with no movement in the months are left out.
 */
export function earningsByMonth(
  movements: readonly EarningMovement[],
  months: readonly MonthKey[],
  timeZone: string,
): CurrencyEarnings[] {
  const byCurrency = new Map<string, Map<MonthKey, number>>();
  const monthOfInstant = monthFinder(months, timeZone);
  for (const movement of movements) {
    const month = monthOfInstant(movement.at);
    if (month === null) continue;
    let sums = byCurrency.get(movement.currency);
    if (!sums) byCurrency.set(movement.currency, sums = counter(months));
    sums.set(month, sums.get(month)! + movement.amountMinor);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, sums]) => {
      const list = months.map((month) => ({
        month,
        amountMinor: sums.get(month)!,
      }));
      return {
        currency,
        months: list,
        totalMinor: list.reduce((total, m) => total + m.amountMinor, 0),
      };
    });
}

/** Completed sessions and their minutes per month of their start. */
export function sessionsByMonth(
  sessions: readonly SessionRecord[],
  months: readonly MonthKey[],
  timeZone: string,
): MonthSessions[] {
  const counts = counter(months);
  const minutes = counter(months);
  const monthOfInstant = monthFinder(months, timeZone);
  for (const session of sessions) {
    if (session.status !== "completed") continue;
    const month = monthOfInstant(session.start);
    if (month === null) continue;
    counts.set(month, counts.get(month)! + 1);
    minutes.set(month, minutes.get(month)! + session.durationMinutes);
  }
  return months.map((month) => ({
    month,
    sessions: counts.get(month)!,
    minutes: minutes.get(month)!,
  }));
}

/** Each month's review count and average stars (to two decimals). */
function monthRatings(
  months: readonly MonthKey[],
  counts: ReadonlyMap<MonthKey, number>,
  stars: ReadonlyMap<MonthKey, number>,
): MonthRating[] {
  return months.map((month) => {
    const count = counts.get(month)!;
    return {
      month,
      count,
      average: count === 0
        ? null
        : Math.round((stars.get(month)! / count) * 100) / 100,
    };
  });
}

/** The average stars of each month's reviews (by when they were written). */
export function ratingByMonth(
  reviews: readonly RatingRecord[],
  months: readonly MonthKey[],
  timeZone: string,
): MonthRating[] {
  const stars = counter(months);
  const counts = counter(months);
  const monthOfInstant = monthFinder(months, timeZone);
  for (const review of reviews) {
    const month = monthOfInstant(review.createdAt);
    if (month === null) continue;
    stars.set(month, stars.get(month)! + review.rating);
    counts.set(month, counts.get(month)! + 1);
  }
  return monthRatings(months, counts, stars);
}

/**
 * `ratingByMonth` from the monthly counters instead of every review: each
 * UTC month's counts stand for the same month in `timeZone`, and the
 * reviews written near a UTC month's start whose month in `timeZone` is
 * another move to it. The counters must cover the UTC months named like
 * `months`, and the edges reach a day past both ends.
 */
export function ratingByMonthFromCounters(
  counters: RatingCounters,
  months: readonly MonthKey[],
  timeZone: string,
): MonthRating[] {
  const stars = counter(months);
  const counts = counter(months);
  const add = (month: MonthKey | null, count: number, sum: number) => {
    if (month === null || !counts.has(month)) return;
    counts.set(month, counts.get(month)! + count);
    stars.set(month, stars.get(month)! + sum);
  };
  for (const { month, count, stars } of counters.months) {
    add(month, count, stars);
  }
  // Outside `months` both give null, and a null month counts nowhere.
  const utcMonthOf = monthFinder(months, "UTC");
  const localMonthOf = monthFinder(months, timeZone);
  for (const edge of counters.edges) {
    const utc = utcMonthOf(edge.createdAt);
    const local = localMonthOf(edge.createdAt);
    if (utc === local) continue;
    add(utc, -1, -edge.rating);
    add(local, 1, edge.rating);
  }
  return monthRatings(months, counts, stars);
}

/**
 * Of the learners with at least one completed session, how many have two
 * or more: the share of students who came back.
 */
export function repeatStudentRate(
  sessions: readonly SessionRecord[],
): RepeatRate {
  const completed = new Map<string, number>();
  for (const session of sessions) {
    if (session.status !== "completed") continue;
    completed.set(
      session.learnerId,
      (completed.get(session.learnerId) ?? 0) + 1,
    );
  }
  const students = completed.size;
  const repeat = [...completed.values()].filter((n) => n >= 2).length;
  return { students, repeat, rate: students === 0 ? null : repeat / students };
}

/**
 * Profile views and bookings made per month, and the share of views that
 * became a booking. Views come as UTC days, so bookings are counted by the
 * UTC month they were made in too.
 */
export function viewsToBookings(
  views: readonly DailyCount[],
  sessions: readonly SessionRecord[],
  months: readonly MonthKey[],
): MonthConversion[] {
  const viewCounts = counter(months);
  const bookingCounts = counter(months);
  for (const day of views) {
    const month = day.day.slice(0, 7);
    if (viewCounts.has(month)) {
      viewCounts.set(month, viewCounts.get(month)! + day.count);
    }
  }
  for (const session of sessions) {
    const month = session.createdAt.slice(0, 7);
    if (bookingCounts.has(month)) {
      bookingCounts.set(month, bookingCounts.get(month)! + 1);
    }
  }
  return months.map((month) => {
    const viewed = viewCounts.get(month)!;
    const booked = bookingCounts.get(month)!;
    return {
      month,
      views: viewed,
      bookings: booked,
      rate: viewed === 0 ? null : booked / viewed,
    };
  });
}

/**
 * Each learner who booked the expert, with their completed sessions and
 * hours, the latest completed and the next confirmed session; those seen
 * most recently first.
 */
export function studentSummaries(
  sessions: readonly SessionRecord[],
  now: Date,
): StudentSummary[] {
  const byLearner = new Map<string, StudentSummary>();
  const nowMs = now.getTime();
  for (const session of sessions) {
    let student = byLearner.get(session.learnerId);
    if (!student) {
      student = {
        learnerId: session.learnerId,
        sessions: 0,
        minutes: 0,
        lastSession: null,
        nextSession: null,
        bookings: 0,
      };
      byLearner.set(session.learnerId, student);
    }
    student.bookings++;
    if (session.status === "completed") {
      student.sessions++;
      student.minutes += session.durationMinutes;
      if (!student.lastSession || session.start > student.lastSession) {
        student.lastSession = session.start;
      }
    }
    if (
      session.status === "confirmed" && Date.parse(session.end) > nowMs &&
      (!student.nextSession || session.start < student.nextSession)
    ) student.nextSession = session.start;
  }
  const recency = (s: StudentSummary) => s.nextSession ?? s.lastSession ?? "";
  return [...byLearner.values()].sort((a, b) =>
    (b.lastSession ?? "").localeCompare(a.lastSession ?? "") ||
    recency(b).localeCompare(recency(a)) ||
    a.learnerId.localeCompare(b.learnerId)
  );
}

/** Minutes as hours with at most one decimal: 90 → 1.5. */
export function hoursOf(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}
