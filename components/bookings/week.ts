/**
 * Weeks on the viewer's clock for the schedule's week view: which week a
 * request names (`?week=2026-W49`, an ISO week, or `?start=2026-12-01`, the
 * week holding that date; otherwise this week), its seven dates, and the
 * UTC instants where it starts and ends. Weeks run Monday to Sunday (ISO);
 * days are the viewer's calendar days, so a session at 23:30 UTC lands on
 * the next day for a viewer east of Greenwich. Midnight is found with
 * Temporal, so a week holding a daylight-saving change is 167 or 169
 * hours long, as it is on the viewer's clock.
 */

/** One week as the page shows it. */
export interface Week {
  /** "2026-W49". */
  id: string;
  /** Its Monday to Sunday, "2026-11-30" … "2026-12-06". */
  dates: string[];
  /** Its first and next week's first midnight on the viewer's clock (epoch ms). */
  startMs: number;
  endMs: number;
  /** The weeks before and after, for the navigation. */
  previous: string;
  next: string;
}

/** The ISO week id of `date`, e.g. "2026-W49". */
export function weekId(date: Temporal.PlainDate): string {
  const week = date.weekOfYear ?? 1;
  const year = date.yearOfWeek ?? date.year;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday of the ISO week `year`-W`week`, or null when it has no such week. */
function mondayOfWeek(year: number, week: number): Temporal.PlainDate | null {
  if (week < 1 || week > 53) return null;
  // 4 January is in week 1 by definition.
  const jan4 = new Temporal.PlainDate(year, 1, 4);
  const monday = jan4.subtract({ days: jan4.dayOfWeek - 1 })
    .add({ weeks: week - 1 });
  return weekId(monday) === `${year}-W${String(week).padStart(2, "0")}`
    ? monday
    : null;
}

/** The Monday of the week holding `date`. */
function mondayOf(date: Temporal.PlainDate): Temporal.PlainDate {
  return date.subtract({ days: date.dayOfWeek - 1 });
}

/** Today's date in `zone` at `nowMs`. */
export function todayIn(nowMs: number, zone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(nowMs)
    .toZonedDateTimeISO(zone).toPlainDate();
}

/**
 * The Monday a request names: `week` ("2026-W49") first, then `start`
 * (any date of the week), else the week of today. `understood` is false
 * when a value was given but could not be read (the page says so and
 * shows this week).
 */
export function requestedMonday(
  params: { week?: string | null; start?: string | null },
  today: Temporal.PlainDate,
): { monday: Temporal.PlainDate; understood: boolean } {
  const week = params.week?.trim();
  if (week) {
    const match = /^(\d{4})-?W(\d{1,2})$/i.exec(week);
    const monday = match && mondayOfWeek(Number(match[1]), Number(match[2]));
    if (monday) return { monday, understood: true };
    return { monday: mondayOf(today), understood: false };
  }
  const start = params.start?.trim();
  if (start) {
    try {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) throw new RangeError(start);
      return {
        monday: mondayOf(
          Temporal.PlainDate.from(start, { overflow: "reject" }),
        ),
        understood: true,
      };
    } catch {
      return { monday: mondayOf(today), understood: false };
    }
  }
  return { monday: mondayOf(today), understood: true };
}

/** The week starting on `monday`, on `zone`'s clock. */
export function weekOf(monday: Temporal.PlainDate, zone: string): Week {
  const midnight = (date: Temporal.PlainDate) =>
    date.toZonedDateTime({ timeZone: zone }).epochMilliseconds;
  const dates = Array.from(
    { length: 7 },
    (_, i) => monday.add({ days: i }).toString(),
  );
  return {
    id: weekId(monday),
    dates,
    startMs: midnight(monday),
    endMs: midnight(monday.add({ weeks: 1 })),
    previous: weekId(monday.subtract({ weeks: 1 })),
    next: weekId(monday.add({ weeks: 1 })),
  };
}

const dayFormat = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});
const weekdayFormat = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  timeZone: "UTC",
});
const shortFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

/** A plain date as noon UTC, for formatting without a zone shifting it. */
const noonUtc = (date: string) => new Date(`${date}T12:00:00Z`);

/** "Monday 30 November". */
export function dayLabel(date: string): string {
  return dayFormat.format(noonUtc(date));
}

/** ["Mon", "30 Nov"]: a day in a narrow column. */
export function shortDayLabel(date: string): [string, string] {
  return [
    weekdayFormat.format(noonUtc(date)),
    shortFormat.format(noonUtc(date)),
  ];
}

/** "30 Nov – 6 Dec 2026". */
export function weekLabel(week: Week): string {
  const first = week.dates[0];
  const last = week.dates[6];
  return `${shortFormat.format(noonUtc(first))} – ${
    shortFormat.format(noonUtc(last))
  } ${last.slice(0, 4)}`;
}
