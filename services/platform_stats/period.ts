/**
 * Turning what an admin asked for (a preset or two dates) into a period of
 * whole UTC days, with a message for each way the dates can be wrong, and
 * the day arithmetic the statistics share.
 */
import { ValidationError } from "@/services/platform/errors.ts";
import {
  DEFAULT_PRESET,
  MAX_PERIOD_DAYS,
  type Period,
  type PeriodPreset,
  periodQuerySchema,
} from "./model.ts";

export const DAY_MS = 86_400_000;

/** The UTC day of an instant, e.g. "2026-12-01". */
export function dayOf(instant: string | Date): string {
  return (typeof instant === "string" ? new Date(instant) : instant)
    .toISOString().slice(0, 10);
}

/** The day `days` after `day` (negative: before). */
export function addDays(day: string, days: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Every day from `from` to `to`, both included. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Epoch ms of the start of `from` and of the day after `to`. */
export function boundsOf(period: Pick<Period, "from" | "to">): {
  startMs: number;
  endMs: number;
} {
  return {
    startMs: Date.parse(`${period.from}T00:00:00Z`),
    endMs: Date.parse(`${period.to}T00:00:00Z`) + DAY_MS,
  };
}

/** A test of whether an ISO instant falls within `period`. */
export function within(
  period: Pick<Period, "from" | "to">,
): (instant: string) => boolean {
  const { startMs, endMs } = boundsOf(period);
  return (instant) => {
    const ms = Date.parse(instant);
    return ms >= startMs && ms < endMs;
  };
}

/** The period of the `days` days that end with `today`. */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  return { from: addDays(today, 1 - preset), to: today, preset };
}

/** The period fields of a query string; empty ones count as not given. */
export function periodQueryOf(
  params: URLSearchParams,
): { days?: string; from?: string; to?: string } {
  const get = (name: string) => params.get(name)?.trim() || undefined;
  return { days: get("days"), from: get("from"), to: get("to") };
}

/**
 * The period a query asks for: chosen dates when either date is given (both
 * must be, the first on or before the last, neither after today, at most
 * MAX_PERIOD_DAYS long), else the preset (30 days by default). Throws a
 * ValidationError whose field errors say what to change.
 */
export function resolvePeriod(
  query: { days?: string; from?: string; to?: string },
  today: string,
): Period {
  const parsed = periodQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw ValidationError.fromZod(parsed.error, "The period is invalid.");
  }
  const { days, from, to } = parsed.data;
  if (!from && !to) {
    return presetPeriod(
      days ? Number(days) as PeriodPreset : DEFAULT_PRESET,
      today,
    );
  }
  const errors: Record<string, string[]> = {};
  if (!from) errors.from = ["Give the first day of the period too."];
  if (!to) errors.to = ["Give the last day of the period too."];
  if (from && from > today) errors.from = ["Choose a day up to today."];
  if (to && to > today) errors.to = ["Choose a day up to today."];
  if (from && to && !errors.from && !errors.to) {
    if (from > to) {
      errors.to = ["The last day must be on or after the first day."];
    } else if (
      (Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_PERIOD_DAYS
    ) {
      errors.to = [`Choose at most ${MAX_PERIOD_DAYS} days.`];
    }
  }
  if (Object.keys(errors).length > 0) {
    throw new ValidationError("The period is invalid.", errors);
  }
  return { from: from!, to: to!, preset: null };
}
