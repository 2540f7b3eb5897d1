/**
 * What an expert's availability is: weekly hours per weekday, date
 * overrides, buffers, notice, horizon, a daily limit and a pause switch, all
 * in the expert's own IANA time zone. The zod schemas here are the one
 * statement of the rules (the API, the page and the store all parse with
 * them); the types are inferred from them.
 *
 * Times of day are "HH:MM" on a 24-hour clock and describe the expert's
 * wall clock:
 * - a period is `[start, end)`: 09:00–12:00 ends when the clock shows 12:00;
 * - `end` may be "24:00", the end of the day (00:00–24:00 is the whole day);
 * - an `end` earlier than `start` crosses midnight: 22:00–02:00 runs from
 *   22:00 to 02:00 the next morning. A period belongs to the date it starts
 *   on, so a day-off override for Dec 24 removes the periods starting on the
 *   24th, while the night of the 23rd still runs into its early hours;
 * - start and end may not be equal (use 00:00–24:00 for a whole day).
 *
 * Weekly periods may not overlap, neither on one day nor where a period
 * crossing midnight runs into the next day's (Sunday's runs into Monday's).
 * The periods of one override date may not overlap each other; where an
 * override's late period runs into the next day's hours the two are simply
 * joined, as touching periods always are.
 *
 * @example
 * ```ts
 * availabilityInputSchema.parse({
 *   timeZone: "Europe/Berlin",
 *   weekly: { mon: [{ start: "09:00", end: "12:00" }] },
 *   overrides: [{ date: "2026-12-24", intervals: [] }],
 * });
 * ```
 */
import { z } from "zod";
import { timeZoneSchema } from "@/services/platform/model.ts";

export const WEEKDAYS = [
  "mon",
  "tue",
  "wed",
  "thu",
  "fri",
  "sat",
  "sun",
] as const;
export type Weekday = typeof WEEKDAYS[number];

const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

export const MINUTES_PER_DAY = 1440;
/** More periods than this in one day is a typo, not a schedule. */
export const MAX_INTERVALS_PER_DAY = 8;
/**
 * Overrides kept at once. With MAX_INTERVALS_PER_DAY each, the whole record
 * is about 58 KiB, inside Deno KV's 64 KiB value limit (a store test writes
 * the largest one).
 */
export const MAX_OVERRIDES = 200;
export const MAX_BUFFER_MINUTES = 240;
/** Thirty days: a longer notice is a pause. */
export const MAX_NOTICE_MINUTES = 30 * MINUTES_PER_DAY;
export const MAX_HORIZON_DAYS = 365;
export const MAX_DAILY_LIMIT = 48;

/** The values a field takes when a write leaves it out. */
export const AVAILABILITY_DEFAULTS = {
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  /** Four hours, so nobody is booked while asleep or on the way. */
  minNoticeMinutes: 240,
  horizonDays: 60,
  dailyLimit: null,
  paused: false,
} as const;

/** The message of every ValidationError about availability. */
export const INVALID_AVAILABILITY = "The availability is invalid.";

const TIME_MESSAGE =
  'Write times as HH:MM on a 24-hour clock, such as "09:00" or "17:30".';
const TIME_PATTERN = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** A wall-clock time "HH:MM"; "24:00" is the end of the day. */
export const timeOfDaySchema = z.string(TIME_MESSAGE).regex(
  TIME_PATTERN,
  TIME_MESSAGE,
);

/** Minutes after midnight of a valid "HH:MM" ("24:00" is 1440). */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * True for a period whose times parse and differ. zod still runs a list's
 * checks when an item failed, so the overlap checks skip the others (their
 * own messages already say what is wrong).
 */
function isWellFormed(interval: { start: unknown; end: unknown }): boolean {
  return typeof interval.start === "string" &&
    typeof interval.end === "string" && TIME_PATTERN.test(interval.start) &&
    TIME_PATTERN.test(interval.end) && interval.start !== "24:00" &&
    interval.start !== interval.end;
}

/** A period of one day's hours, in the expert's wall-clock time. */
export const intervalSchema = z.strictObject({
  start: timeOfDaySchema,
  end: timeOfDaySchema,
}, 'Give each period as { "start": "09:00", "end": "12:00" }.')
  .superRefine((interval, context) => {
    const times = [interval.start, interval.end];
    if (!times.every((time) => TIME_PATTERN.test(time))) return;
    if (interval.start === "24:00") {
      context.addIssue({
        code: "custom",
        path: ["start"],
        message: "A period cannot start at 24:00; start it at 00:00 instead.",
      });
    } else if (interval.start === interval.end) {
      context.addIssue({
        code: "custom",
        path: ["end"],
        message:
          `${interval.start}–${interval.end} is empty: the end must differ from the start (00:00–24:00 is the whole day).`,
      });
    }
  });
export type Interval = z.infer<typeof intervalSchema>;

/**
 * A period as minutes from the start of the day it belongs to: `end` is
 * above 1440 when it crosses midnight, and at most 1440 otherwise.
 */
export function intervalMinutes(
  interval: Interval,
): { start: number; end: number } {
  const start = minutesOf(interval.start);
  const end = minutesOf(interval.end);
  return { start, end: end <= start ? end + MINUTES_PER_DAY : end };
}

function label(interval: Interval, day?: string, nextDay?: string): string {
  const crosses = minutesOf(interval.end) <= minutesOf(interval.start);
  const prefix = day === undefined ? "" : `${day} `;
  const suffix = crosses ? ` (ending ${nextDay ?? "the next day"})` : "";
  return `${prefix}${interval.start}–${interval.end}${suffix}`;
}

interface Placed {
  start: number;
  end: number;
  path: (string | number)[];
  text: string;
}

/**
 * Overlapping pairs among `items`, each pair once, earlier start first.
 * `period` wraps the axis (a week) so Sunday night meets Monday morning.
 */
function overlaps(items: Placed[], period?: number): [Placed, Placed][] {
  const pieces = items.flatMap((item) =>
    period !== undefined && item.end > period
      ? [item, { ...item, start: 0, end: item.end - period }]
      : [item]
  ).sort((a, b) => a.start - b.start);
  const found: [Placed, Placed][] = [];
  const seen = new Set<string>();
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      if (pieces[j].start >= pieces[i].end) break;
      const key = [pieces[i].path.join("."), pieces[j].path.join(".")].sort()
        .join("|");
      if (seen.has(key)) continue;
      seen.add(key);
      found.push([pieces[i], pieces[j]]);
    }
  }
  return found;
}

const dayListSchema = (what: string) =>
  z.array(intervalSchema, `Give ${what} as a list of periods.`).max(
    MAX_INTERVALS_PER_DAY,
    `Use at most ${MAX_INTERVALS_PER_DAY} periods a day.`,
  );

/** A list of periods sorted by start, for a stable stored form. */
function sorted(intervals: Interval[]): Interval[] {
  return [...intervals].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
}

const weeklyShape = Object.fromEntries(
  WEEKDAYS.map((day) => [day, dayListSchema(WEEKDAY_NAMES[day]).default([])]),
) as Record<Weekday, z.ZodDefault<ReturnType<typeof dayListSchema>>>;

/** Weekly hours: the periods of each weekday; a day left out has none. */
export const weeklySchema = z.strictObject(weeklyShape, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? `Use the weekday keys ${WEEKDAYS.join(", ")}.`
      : 'Give weekly hours as { "mon": [{ "start": "09:00", "end": "17:00" }], … }.',
}).superRefine((weekly, context) => {
  const placed: Placed[] = WEEKDAYS.flatMap((day, index) =>
    weekly[day].flatMap((interval, position) => {
      if (!isWellFormed(interval)) return [];
      const { start, end } = intervalMinutes(interval);
      const next = WEEKDAY_NAMES[WEEKDAYS[(index + 1) % 7]];
      return [{
        start: index * MINUTES_PER_DAY + start,
        end: index * MINUTES_PER_DAY + end,
        path: [day, position],
        text: label(interval, WEEKDAY_NAMES[day], next),
      }];
    })
  );
  for (const [first, second] of overlaps(placed, 7 * MINUTES_PER_DAY)) {
    context.addIssue({
      code: "custom",
      path: second.path,
      message:
        `${first.text} overlaps ${second.text}. Periods must not overlap; join them into one.`,
    });
  }
}).transform((weekly) =>
  Object.fromEntries(
    WEEKDAYS.map((day) => [day, sorted(weekly[day])]),
  ) as Record<Weekday, Interval[]>
);
export type Weekly = z.output<typeof weeklySchema>;

const DATE_MESSAGE = 'Write dates as YYYY-MM-DD, such as "2026-12-24".';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date "YYYY-MM-DD" that exists (no February 30). */
export const localDateSchema = z.string(DATE_MESSAGE).regex(
  DATE_PATTERN,
  DATE_MESSAGE,
).refine((date) => {
  // A malformed date has its message already.
  if (!DATE_PATTERN.test(date)) return true;
  try {
    Temporal.PlainDate.from(date, { overflow: "reject" });
    return true;
  } catch {
    return false;
  }
}, { error: (issue) => `${issue.input} is not a date on the calendar.` });

/** Different hours on one date: `intervals: []` is a day off. */
export const overrideSchema = z.strictObject({
  date: localDateSchema,
  intervals: dayListSchema("the date's hours"),
}, 'Give each override as { "date": "2026-12-24", "intervals": [] }.')
  .superRefine((override, context) => {
    const placed = override.intervals.flatMap((interval, position) =>
      isWellFormed(interval)
        ? [{
          ...intervalMinutes(interval),
          path: ["intervals", position],
          text: label(interval),
        }]
        : []
    );
    for (const [first, second] of overlaps(placed)) {
      context.addIssue({
        code: "custom",
        path: second.path,
        message:
          `On ${override.date}, ${first.text} overlaps ${second.text}. Periods must not overlap; join them into one.`,
      });
    }
  }).transform((override) => ({
    date: override.date,
    intervals: sorted(override.intervals),
  }));
export type Override = z.output<typeof overrideSchema>;

export const overridesSchema = z.array(
  overrideSchema,
  "Give overrides as a list.",
).max(
  MAX_OVERRIDES,
  `Keep at most ${MAX_OVERRIDES} date overrides; past dates are dropped when saving.`,
).superRefine((overrides, context) => {
  const first = new Map<string, number>();
  overrides.forEach((override, index) => {
    if (first.has(override.date)) {
      context.addIssue({
        code: "custom",
        path: [index, "date"],
        message:
          `${override.date} is listed twice; give each date once with all its periods.`,
      });
    } else first.set(override.date, index);
  });
}).transform((overrides) =>
  [...overrides].sort((a, b) => a.date < b.date ? -1 : 1)
);

const wholeMinutes = (what: string, max: number) => {
  const message = `${what}: use a whole number of minutes from 0 to ${max}.`;
  return z.number(message).int(message).min(0, message).max(max, message);
};

const DAILY_LIMIT_MESSAGE =
  `Daily limit: use a whole number of sessions from 1 to ${MAX_DAILY_LIMIT}, or leave it empty for no limit.`;
const HORIZON_MESSAGE =
  `Booking horizon: use a whole number of days from 1 to ${MAX_HORIZON_DAYS}.`;

/**
 * Availability as written through the API or the page. Everything but the
 * zone and the weekly hours may be left out (see AVAILABILITY_DEFAULTS);
 * what `getAvailability` returns is accepted back unchanged.
 */
export const availabilityInputSchema = z.strictObject({
  timeZone: timeZoneSchema,
  weekly: weeklySchema,
  overrides: overridesSchema.default([]),
  bufferBeforeMinutes: wholeMinutes("Buffer before", MAX_BUFFER_MINUTES)
    .default(AVAILABILITY_DEFAULTS.bufferBeforeMinutes),
  bufferAfterMinutes: wholeMinutes("Buffer after", MAX_BUFFER_MINUTES)
    .default(AVAILABILITY_DEFAULTS.bufferAfterMinutes),
  minNoticeMinutes: wholeMinutes("Minimum notice", MAX_NOTICE_MINUTES)
    .default(AVAILABILITY_DEFAULTS.minNoticeMinutes),
  horizonDays: z.number(HORIZON_MESSAGE).int(HORIZON_MESSAGE).min(
    1,
    HORIZON_MESSAGE,
  ).max(MAX_HORIZON_DAYS, HORIZON_MESSAGE).default(
    AVAILABILITY_DEFAULTS.horizonDays,
  ),
  dailyLimit: z.number(DAILY_LIMIT_MESSAGE).int(DAILY_LIMIT_MESSAGE).min(
    1,
    DAILY_LIMIT_MESSAGE,
  ).max(MAX_DAILY_LIMIT, DAILY_LIMIT_MESSAGE).nullable().default(
    AVAILABILITY_DEFAULTS.dailyLimit,
  ),
  paused: z.boolean("Paused: use true or false.").default(
    AVAILABILITY_DEFAULTS.paused,
  ),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? `Unknown field ${
        issue.keys.map((key) => `"${key}"`).join(", ")
      }; see the availability fields in the API documentation.`
      : "Send availability as a JSON object.",
});

export type AvailabilityInput = z.input<typeof availabilityInputSchema>;
/** Availability as stored and read: every field present, lists sorted. */
export type Availability = z.output<typeof availabilityInputSchema>;

const INSTANT_MESSAGE =
  'Give a time as an ISO 8601 instant with a zone offset, such as "2026-03-29T07:00:00Z".';

/** An instant as sent in a query or body, normalised to UTC ISO form. */
export const instantSchema = z.string(INSTANT_MESSAGE).max(64, INSTANT_MESSAGE)
  .transform((text, context) => {
    try {
      return new Date(Temporal.Instant.from(text).epochMilliseconds)
        .toISOString();
    } catch {
      context.addIssue({ code: "custom", message: INSTANT_MESSAGE });
      return z.NEVER;
    }
  });
