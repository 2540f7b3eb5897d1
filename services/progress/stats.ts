/**
 * The numbers of a learner's learning, computed from their completed
 * sessions: hours per calendar month over the last twelve months (on the
 * learner's clock), hours per category, the count and total of sessions,
 * and the streak. Pure (sessions and "now" in, numbers out), so the rules
 * have their own tests and the page only draws them.
 *
 * The streak is the number of consecutive calendar weeks (Monday to
 * Sunday, on the learner's clock) with at least one completed session,
 * counted back from this week. A week still under way does not break it:
 * until Sunday is over, the streak counts back from last week.
 */

/** One completed session, as far as the numbers need it. */
export interface SessionFact {
  /** UTC ISO instant the session started. */
  start: string;
  durationMinutes: number;
  /** The category the session counts under; null when unknown. */
  categoryId: string | null;
}

export interface MonthHours {
  /** "2026-03" on the learner's clock. */
  month: string;
  hours: number;
}

export interface CategoryHours {
  categoryId: string | null;
  hours: number;
  sessions: number;
}

export interface Streak {
  /** Consecutive weeks with a session, up to this week (or last week). */
  current: number;
  /** The longest such run within the sessions given. */
  longest: number;
  /** True when this week already has a session. */
  thisWeek: boolean;
}

export interface LearningStats {
  /** The last `months` calendar months, oldest first, this month last. */
  months: MonthHours[];
  /** Most hours first; ties by more sessions. */
  categories: CategoryHours[];
  sessionsCompleted: number;
  hoursCompleted: number;
  streak: Streak;
}

/** How many months the hours chart covers. */
export const STATS_MONTHS = 12;

/** Hours with one decimal, as the charts and totals show them. */
export function roundHours(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}

function localDate(iso: string, timeZone: string): Temporal.PlainDate {
  return Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone)
    .toPlainDate();
}

/** The Monday of the week `date` is in. */
function mondayOf(date: Temporal.PlainDate): Temporal.PlainDate {
  return date.subtract({ days: date.dayOfWeek - 1 });
}

/** The first day of the earliest month the stats cover. */
export function statsWindowStart(
  now: Date,
  timeZone: string,
  months = STATS_MONTHS,
): Temporal.PlainDate {
  return localDate(now.toISOString(), timeZone).toPlainYearMonth()
    .subtract({ months: months - 1 }).toPlainDate({ day: 1 });
}

/**
 * The stats of `sessions` (completed ones) as of `now` in `timeZone`.
 * Sessions before the window's first month count nowhere; sessions after
 * `now` (there should be none) are ignored too.
 */
export function learningStats(
  sessions: readonly SessionFact[],
  { now, timeZone, months = STATS_MONTHS }: {
    now: Date;
    timeZone: string;
    months?: number;
  },
): LearningStats {
  const first = statsWindowStart(now, timeZone, months);
  const today = localDate(now.toISOString(), timeZone);
  const monthMinutes = new Map<string, number>();
  const monthKeys: string[] = [];
  // Counted by hand: a Temporal object per month costs more than the rest.
  for (let i = 0; i < months; i++) {
    const index = first.month - 1 + i;
    const year = first.year + Math.floor(index / 12);
    const key = `${String(year).padStart(4, "0")}-${
      String(index % 12 + 1).padStart(2, "0")
    }`;
    monthKeys.push(key);
    monthMinutes.set(key, 0);
  }
  const categories = new Map<
    string | null,
    { minutes: number; sessions: number }
  >();
  const weeks = new Set<string>();
  let minutes = 0;
  let count = 0;
  for (const session of sessions) {
    if (Date.parse(session.start) > now.getTime()) continue;
    const date = localDate(session.start, timeZone);
    if (Temporal.PlainDate.compare(date, first) < 0) continue;
    const month = date.toPlainYearMonth().toString();
    monthMinutes.set(
      month,
      (monthMinutes.get(month) ?? 0) + session.durationMinutes,
    );
    const category = categories.get(session.categoryId) ??
      { minutes: 0, sessions: 0 };
    category.minutes += session.durationMinutes;
    category.sessions += 1;
    categories.set(session.categoryId, category);
    weeks.add(mondayOf(date).toString());
    minutes += session.durationMinutes;
    count += 1;
  }
  return {
    months: monthKeys.map((month) => ({
      month,
      hours: roundHours(monthMinutes.get(month) ?? 0),
    })),
    categories: [...categories.entries()]
      .map(([categoryId, { minutes, sessions }]) => ({
        categoryId,
        hours: roundHours(minutes),
        sessions,
      }))
      .sort((a, b) => b.hours - a.hours || b.sessions - a.sessions),
    sessionsCompleted: count,
    hoursCompleted: roundHours(minutes),
    streak: streakOf(weeks, mondayOf(today)),
  };
}

/** The streak from the set of weeks (their Mondays) that had a session. */
function streakOf(weeks: Set<string>, thisMonday: Temporal.PlainDate): Streak {
  const thisWeek = weeks.has(thisMonday.toString());
  let current = 0;
  let monday = thisWeek ? thisMonday : thisMonday.subtract({ weeks: 1 });
  while (weeks.has(monday.toString())) {
    current += 1;
    monday = monday.subtract({ weeks: 1 });
  }
  let longest = 0;
  let run = 0;
  let previous: Temporal.PlainDate | null = null;
  for (const week of [...weeks].sort()) {
    const date = Temporal.PlainDate.from(week);
    run = previous && previous.add({ weeks: 1 }).equals(date) ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = date;
  }
  return { current, longest, thisWeek };
}
