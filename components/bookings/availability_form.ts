/**
 * The availability page's form as flat fields, and back: an expert's hours
 * become rows of inputs (`mon.0.start`, `ov.2.date`, …) with a few blank
 * rows to add to, and a posted form becomes the availability input the
 * service validates. A message the service gives for a period or an
 * override is placed beside the row it came from.
 *
 * Override rows with the same date are one override with several periods;
 * a date with no times is a day off.
 */
import {
  type Availability,
  type AvailabilityInput,
  MAX_INTERVALS_PER_DAY,
  type Weekday,
  WEEKDAYS,
} from "@/services/availability/mod.ts";

/** Blank rows offered after the ones in use. */
const SPARE_DAY_ROWS = 1;
const SPARE_OVERRIDE_ROWS = 3;
const MAX_OVERRIDE_ROWS = 60;

export const NUMBER_FIELDS = [
  "bufferBeforeMinutes",
  "bufferAfterMinutes",
  "minNoticeMinutes",
  "horizonDays",
  "dailyLimit",
] as const;

export interface AvailabilityForm {
  values: Record<string, string>;
  /** Rows shown per weekday. */
  dayRows: Record<Weekday, number>;
  overrideRows: number;
  /** Messages by field or row name (`mon.1`, `ov.0`, `timeZone`). */
  errors: Record<string, string>;
}

/** The form showing `availability`, with spare rows. */
export function formOf(availability: Availability): AvailabilityForm {
  const values: Record<string, string> = {
    timeZone: availability.timeZone,
    paused: availability.paused ? "on" : "",
    bufferBeforeMinutes: String(availability.bufferBeforeMinutes),
    bufferAfterMinutes: String(availability.bufferAfterMinutes),
    minNoticeMinutes: String(availability.minNoticeMinutes),
    horizonDays: String(availability.horizonDays),
    dailyLimit: availability.dailyLimit === null
      ? ""
      : String(availability.dailyLimit),
  };
  const dayRows = {} as Record<Weekday, number>;
  for (const day of WEEKDAYS) {
    const periods = availability.weekly[day] ?? [];
    periods.forEach((period, index) => {
      values[`${day}.${index}.start`] = period.start;
      values[`${day}.${index}.end`] = period.end;
    });
    dayRows[day] = Math.min(
      MAX_INTERVALS_PER_DAY,
      periods.length + SPARE_DAY_ROWS,
    );
  }
  let row = 0;
  for (const override of availability.overrides) {
    const periods = override.intervals.length
      ? override.intervals
      : [{ start: "", end: "" }];
    for (const period of periods) {
      values[`ov.${row}.date`] = override.date;
      values[`ov.${row}.start`] = period.start;
      values[`ov.${row}.end`] = period.end;
      row++;
    }
  }
  return {
    values,
    dayRows,
    overrideRows: Math.min(MAX_OVERRIDE_ROWS, row + SPARE_OVERRIDE_ROWS),
    errors: {},
  };
}

/** How many rows of `prefix` the posted form held (by their field names). */
function rowsPosted(form: FormData, prefix: string, max: number): number {
  let count = 0;
  for (const name of form.keys()) {
    const match = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(name);
    if (match) count = Math.max(count, Number(match[1]) + 1);
  }
  return Math.min(count, max);
}

/** A posted form as the availability input, and where each part came from. */
export function readAvailabilityForm(form: FormData): {
  input: AvailabilityInput;
  form: AvailabilityForm;
  /** Error path (`weekly.mon.1`) → row name (`mon.3`). */
  rowOf: Map<string, string>;
} {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") values[name] = value.trim();
  }
  const text = (name: string) => values[name] ?? "";
  const rowOf = new Map<string, string>();
  const dayRows = {} as Record<Weekday, number>;
  const weekly = {} as Record<Weekday, { start: string; end: string }[]>;
  for (const day of WEEKDAYS) {
    const rows = rowsPosted(form, day, MAX_INTERVALS_PER_DAY + 4);
    dayRows[day] = Math.max(1, rows);
    weekly[day] = [];
    for (let row = 0; row < rows; row++) {
      const start = text(`${day}.${row}.start`);
      const end = text(`${day}.${row}.end`);
      if (!start && !end) continue;
      rowOf.set(`weekly.${day}.${weekly[day].length}`, `${day}.${row}`);
      weekly[day].push({ start, end });
    }
  }
  const overrideRows = rowsPosted(form, "ov", MAX_OVERRIDE_ROWS);
  const byDate = new Map<string, { start: string; end: string }[]>();
  const firstRow = new Map<string, number>();
  for (let row = 0; row < overrideRows; row++) {
    const date = text(`ov.${row}.date`);
    const start = text(`ov.${row}.start`);
    const end = text(`ov.${row}.end`);
    if (!date && !start && !end) continue;
    if (!byDate.has(date)) {
      byDate.set(date, []);
      firstRow.set(date, row);
      rowOf.set(`overrides.${byDate.size - 1}`, `ov.${row}`);
    }
    const index = [...byDate.keys()].indexOf(date);
    if (start || end) {
      const periods = byDate.get(date)!;
      rowOf.set(`overrides.${index}.intervals.${periods.length}`, `ov.${row}`);
      periods.push({ start, end });
    }
  }
  const number = (name: string) =>
    text(name) === "" ? undefined : Number(text(name));
  const input: AvailabilityInput = {
    timeZone: text("timeZone"),
    weekly,
    overrides: [...byDate].map(([date, intervals]) => ({ date, intervals })),
    bufferBeforeMinutes: number("bufferBeforeMinutes"),
    bufferAfterMinutes: number("bufferAfterMinutes"),
    minNoticeMinutes: number("minNoticeMinutes"),
    horizonDays: number("horizonDays"),
    dailyLimit: number("dailyLimit") ?? null,
    paused: text("paused") !== "",
  };
  return {
    input,
    form: {
      values,
      dayRows,
      overrideRows: Math.max(overrideRows, 1),
      errors: {},
    },
    rowOf,
  };
}

/**
 * The service's messages (keyed by input path) keyed by what the form
 * shows: a field, a row (`mon.3`, `ov.1`), a day or the overrides list.
 */
export function placeErrors(
  fieldErrors: Record<string, string[]>,
  rowOf: Map<string, string>,
): Record<string, string> {
  const placed: Record<string, string> = {};
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const parts = path.split(".");
    let target: string;
    if (parts[0] === "weekly" && parts.length >= 3) {
      target = rowOf.get(parts.slice(0, 3).join(".")) ?? parts[1];
    } else if (parts[0] === "weekly") {
      target = parts[1] ?? "weekly";
    } else if (parts[0] === "overrides" && parts.length >= 4) {
      target = rowOf.get(parts.slice(0, 4).join(".")) ??
        rowOf.get(parts.slice(0, 2).join(".")) ?? "overrides";
    } else if (parts[0] === "overrides" && parts.length >= 2) {
      target = rowOf.get(parts.slice(0, 2).join(".")) ?? "overrides";
    } else {
      target = parts[0] === "_root" ? "form" : parts[0];
    }
    placed[target] ??= messages[0];
  }
  return placed;
}
