/**
 * The statistics as CSV, one report per statistic or list, for any period
 * (/admin/reports/<name>.csv?from=&to=). Amounts are in major units with
 * their currency in a column of its own, so a spreadsheet can add them up;
 * rates are fractions (0.25), as a spreadsheet formats percentages.
 */
import { type CsvColumn, toCsv } from "@/services/platform/csv.ts";
import { minorUnitExponent } from "@/services/platform/money.ts";
import type { ActivePerson, PlatformStats, StatsDay, TopRow } from "./model.ts";
import { durationText, type MonitoredSession } from "./sessions.ts";

/** The reports there are, by the name in their address. */
export const REPORT_NAMES = [
  "summary",
  "daily",
  "money",
  "top-categories",
  "top-experts",
  "active-users",
  "attendance",
] as const;
export type ReportName = typeof REPORT_NAMES[number];

export const REPORT_TITLES: Record<ReportName, string> = {
  summary: "Headline figures",
  daily: "Sign-ups, bookings and sessions per day",
  money: "Money in, commission and refunds per day",
  "top-categories": "Top categories",
  "top-experts": "Top experts",
  "active-users": "Active learners and experts",
  attendance: "Attendance per booking",
};

export function isReportName(name: string): name is ReportName {
  return (REPORT_NAMES as readonly string[]).includes(name);
}

/** `amountMinor` as a plain decimal in major units: 1234 USD → "12.34". */
export function majorAmount(amountMinor: number, currency: string): string {
  const exponent = minorUnitExponent(currency);
  return (amountMinor / 10 ** exponent).toFixed(exponent);
}

const rateCell = (rate: number | null) => rate === null ? "" : rate.toFixed(4);

/** One metric per row: the period's headline figures. */
export function summaryCsv(stats: PlatformStats): string {
  const { totals, rates, active } = stats;
  const rows: [string, string | number][] = [
    ["period_from", stats.from],
    ["period_to", stats.to],
    ["signups_learner", totals.signups.learner],
    ["signups_expert", totals.signups.expert],
    ["signups_admin", totals.signups.admin],
    ["active_learners", active.learners],
    ["active_experts", active.experts],
    ["bookings_made", totals.bookingsMade],
    ["sessions_started", totals.sessionsStarted],
    ["sessions_decided", totals.decided],
    ["completed", totals.completed],
    ["cancelled", totals.cancelled],
    ["expert_absent", totals.expertAbsent],
    ["no_show", totals.noShow],
    ["disputed", totals.disputed],
    ["completion_rate", rateCell(rates.completion)],
    ["cancellation_rate", rateCell(rates.cancellation)],
    ["no_show_rate", rateCell(rates.noShow)],
    ...stats.money.totals.flatMap((
      row,
    ): [string, string][] => [
      [`money_in_${row.currency}`, majorAmount(row.moneyInMinor, row.currency)],
      [
        `commission_${row.currency}`,
        majorAmount(row.commissionMinor, row.currency),
      ],
      [`refunds_${row.currency}`, majorAmount(row.refundsMinor, row.currency)],
    ]),
  ];
  return toCsv(rows, [
    { header: "metric", value: (row) => row[0] },
    { header: "value", value: (row) => row[1] },
  ]);
}

/** One row per day of the period. */
export function dailyCsv(stats: PlatformStats): string {
  const columns: CsvColumn<StatsDay>[] = [
    { header: "date", value: (d) => d.date },
    { header: "signups_learner", value: (d) => d.signups.learner },
    { header: "signups_expert", value: (d) => d.signups.expert },
    { header: "signups_admin", value: (d) => d.signups.admin },
    { header: "bookings_made", value: (d) => d.bookingsMade },
    { header: "sessions_started", value: (d) => d.sessionsStarted },
    { header: "completed", value: (d) => d.completed },
    { header: "cancelled", value: (d) => d.cancelled },
    { header: "no_show", value: (d) => d.noShow },
  ];
  return toCsv(stats.days, columns);
}

/** One row per day and currency that had money movements. */
export function moneyCsv(stats: PlatformStats): string {
  return toCsv(stats.money.days, [
    { header: "date", value: (d) => d.date },
    { header: "currency", value: (d) => d.currency },
    {
      header: "money_in",
      value: (d) => majorAmount(d.moneyInMinor, d.currency),
    },
    {
      header: "commission",
      value: (d) => majorAmount(d.commissionMinor, d.currency),
    },
    {
      header: "refunds",
      value: (d) => majorAmount(d.refundsMinor, d.currency),
    },
  ]);
}

/** A top list, ranked, with a gross column per currency that appears. */
export function topCsv(rows: readonly TopRow[]): string {
  const currencies = [
    ...new Set(rows.flatMap((row) => row.amounts.map((a) => a.currency))),
  ].sort();
  const ranked = rows.map((row, i) => ({ rank: i + 1, row }));
  return toCsv(ranked, [
    { header: "rank", value: (r) => r.rank },
    { header: "id", value: (r) => r.row.id },
    { header: "name", value: (r) => r.row.name },
    { header: "bookings", value: (r) => r.row.bookings },
    { header: "completed", value: (r) => r.row.completed },
    ...currencies.map((currency): CsvColumn<typeof ranked[number]> => ({
      header: `gross_${currency}`,
      value: (r) => {
        const amount = r.row.amounts.find((a) => a.currency === currency);
        return majorAmount(amount?.grossMinor ?? 0, currency);
      },
    })),
  ]);
}

/** One row per active learner or expert, with why they count. */
export function activeCsv(
  people: readonly (ActivePerson & { name: string; email: string })[],
): string {
  const yesNo = (value: boolean) => value ? "yes" : "no";
  return toCsv([...people], [
    { header: "user_id", value: (p) => p.userId },
    { header: "name", value: (p) => p.name },
    { header: "email", value: (p) => p.email },
    { header: "role", value: (p) => p.role },
    { header: "signed_in", value: (p) => yesNo(p.signedIn) },
    { header: "booking_or_session", value: (p) => yesNo(p.booked) },
  ]);
}

/** One row per booking: each party's time in the call and the outcome. */
export function attendanceCsv(sessions: readonly MonitoredSession[]): string {
  const party = (s: MonitoredSession, side: "learner" | "expert") =>
    s.attendance.participants.find((p) => p.party === side);
  const partyColumns = (
    side: "learner" | "expert",
  ): CsvColumn<MonitoredSession>[] => [
    { header: `${side}_id`, value: (s) => party(s, side)?.userId },
    {
      header: `${side}_joined_at`,
      value: (s) => party(s, side)?.firstJoinedAt,
    },
    { header: `${side}_left_at`, value: (s) => party(s, side)?.lastLeftAt },
    {
      header: `${side}_seconds`,
      value: (s) => party(s, side)?.durationSeconds ?? 0,
    },
    {
      header: `${side}_time`,
      value: (s) => durationText(party(s, side)?.durationSeconds ?? 0),
    },
  ];
  return toCsv([...sessions], [
    { header: "booking_id", value: (s) => s.booking.id },
    { header: "start", value: (s) => s.booking.start },
    { header: "end", value: (s) => s.booking.end },
    { header: "offering", value: (s) => s.booking.offeringTitle },
    ...partyColumns("learner"),
    ...partyColumns("expert"),
    { header: "status", value: (s) => s.booking.status },
    {
      header: "attendance",
      value: (s) => s.attendance.outcome?.verdict ?? "",
    },
  ]);
}
