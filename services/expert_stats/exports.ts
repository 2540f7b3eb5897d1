/**
 * The expert's CSV exports: their sessions, and the movements of their
 * earnings, between two dates on their own clock (both included). Amounts
 * are written in the currency's major unit ("51.00") beside the currency,
 * so a spreadsheet adds them up as they are.
 */
import { z } from "zod";
import { getUser } from "@/services/auth/mod.ts";
import { toCsv } from "@/services/platform/csv.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { minorUnitExponent } from "@/services/platform/money.ts";
import type { EarningMovement, SessionRecord } from "./model.ts";
import { loadEarningMovements, loadSessions } from "./load.ts";
import { lastMonths } from "./stats.ts";

/** The longest period one export covers. */
export const MAX_EXPORT_DAYS = 3 * 366;

const dateSchema = z.iso.date("Use a date like 2026-03-31.");

export const exportQuerySchema = z.object({
  from: dateSchema.optional().describe(
    "First day (YYYY-MM-DD, the expert's time zone); default the first day of the month eleven months ago.",
  ),
  to: dateSchema.optional().describe("Last day, included; default today."),
});

/** A period of whole days on the expert's clock. */
export interface ExportPeriod {
  /** YYYY-MM-DD, both included. */
  fromDate: string;
  toDate: string;
  /** The instants it spans: `[from, to)`. */
  from: Date;
  to: Date;
}

/** The period the query names, or the last twelve months up to today. */
export function exportPeriod(
  query: { from?: string; to?: string },
  timeZone: string,
  now: Date,
): ExportPeriod {
  const parsed = exportQuerySchema.safeParse(query);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime())
    .toZonedDateTimeISO(timeZone).toPlainDate();
  const fromDate = parsed.data.from ??
    `${lastMonths(now, timeZone)[0]}-01`;
  const toDate = parsed.data.to ?? today.toString();
  const first = Temporal.PlainDate.from(fromDate);
  const last = Temporal.PlainDate.from(toDate);
  if (Temporal.PlainDate.compare(first, last) > 0) {
    throw new ValidationError("The period ends before it starts.", {
      to: ["Choose a last day on or after the first day."],
    });
  }
  if (first.until(last).days >= MAX_EXPORT_DAYS) {
    throw new ValidationError("The period is too long.", {
      to: [`Choose at most ${MAX_EXPORT_DAYS} days; export longer in parts.`],
    });
  }
  const startOf = (date: Temporal.PlainDate) =>
    new Date(date.toZonedDateTime({ timeZone }).epochMilliseconds);
  return {
    fromDate,
    toDate,
    from: startOf(first),
    to: startOf(last.add({ days: 1 })),
  };
}

/** "51.00" for 5100 USD minor units; "-25.50" for a take-back. */
export function majorAmount(amountMinor: number, currency: string): string {
  const digits = minorUnitExponent(currency);
  return (amountMinor / 10 ** digits).toFixed(digits);
}

/** The local date and time of `iso` on `timeZone`'s clock: "2026-03-02 11:00". */
function localTime(iso: string, timeZone: string): string {
  const zoned = Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone);
  return `${zoned.toPlainDate()} ${
    zoned.toPlainTime().toString({ smallestUnit: "minute" })
  }`;
}

async function learnerNames(
  kv: Deno.Kv,
  ids: Iterable<string>,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    names.set(id, (await getUser(kv, id))?.name ?? "a former member");
  }
  return names;
}

/** The expert's sessions that start in the period, every status, by start. */
export async function sessionsCsv(
  kv: Deno.Kv,
  expertId: string,
  period: ExportPeriod,
  timeZone: string,
): Promise<string> {
  const sessions = await loadSessions(kv, expertId, period.from, period.to);
  const names = await learnerNames(kv, sessions.map((s) => s.learnerId));
  return toCsv<SessionRecord>(sessions, [
    { header: "booking_id", value: (s) => s.id },
    { header: "start_local", value: (s) => localTime(s.start, timeZone) },
    { header: "start_utc", value: (s) => s.start },
    { header: "duration_minutes", value: (s) => s.durationMinutes },
    { header: "session", value: (s) => s.offeringTitle },
    { header: "learner", value: (s) => names.get(s.learnerId) },
    { header: "status", value: (s) => s.status },
    { header: "currency", value: (s) => s.currency },
    { header: "price", value: (s) => majorAmount(s.priceMinor, s.currency) },
    {
      header: "earned",
      value: (s) =>
        s.expertEarningsMinor === null
          ? ""
          : majorAmount(s.expertEarningsMinor, s.currency),
    },
  ]);
}

/**
 * Each movement of the expert's earnings in the period, oldest first: a
 * completed session's price, the commission and what the expert kept, or
 * money given back after a reported problem (negative).
 */
export async function earningsCsv(
  kv: Deno.Kv,
  expertId: string,
  period: ExportPeriod,
  timeZone: string,
): Promise<string> {
  const movements = await loadEarningMovements(
    kv,
    expertId,
    period.from,
    period.to,
  );
  return toCsv<EarningMovement>(movements, [
    { header: "entry_id", value: (m) => m.entryId },
    { header: "date_local", value: (m) => localTime(m.at, timeZone) },
    { header: "date_utc", value: (m) => m.at },
    {
      header: "type",
      value: (m) =>
        m.kind === "session" ? "session earnings" : "given back after a report",
    },
    { header: "booking_id", value: (m) => m.bookingId },
    { header: "currency", value: (m) => m.currency },
    { header: "price", value: (m) => majorAmount(m.grossMinor, m.currency) },
    {
      header: "commission",
      value: (m) => majorAmount(m.commissionMinor, m.currency),
    },
    { header: "earned", value: (m) => majorAmount(m.amountMinor, m.currency) },
  ]);
}

/** The file name of an export: `taptime-sessions-2026-01-01-to-2026-03-31.csv`. */
export function exportFileName(
  what: "sessions" | "earnings",
  period: ExportPeriod,
): string {
  return `taptime-${what}-${period.fromDate}-to-${period.toDate}.csv`;
}
