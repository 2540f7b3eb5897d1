/**
 * The platform statistics of a period: headline figures, the daily charts
 * (server-rendered SVG with a table for screen readers), money per
 * currency, the top lists, what each figure counts, and the CSV reports.
 */
import { dayLabels } from "@/web/format.ts";
import { BarChart, type ChartPoint } from "@/components/charts/Chart.tsx";
import {
  AMOUNT_CELL,
  CELL,
  Facts,
  ScrollTable,
} from "@/components/money/Table.tsx";
import {
  type PlatformStats,
  REPORT_NAMES,
  REPORT_TITLES,
  type TopRow,
} from "@/services/platform_stats/mod.ts";
import { axisMoney, money } from "@/web/money_forms.ts";

/** "25%", or a dash when there was nothing to count. */
export function percent(rate: number | null): string {
  return rate === null ? "–" : `${Math.round(rate * 1000) / 10}%`;
}

function perDay(
  stats: PlatformStats,
  value: (day: PlatformStats["days"][number]) => number,
): ChartPoint[] {
  return stats.days.map((day) => ({
    label: dayLabels(day.date).short,
    description: dayLabels(day.date).long,
    value: value(day),
  }));
}

/** The headline figures as a grid of numbers with their names. */
export function Headline({ stats }: { stats: PlatformStats }) {
  const { totals, active, rates } = stats;
  const figures: [string, string][] = [
    ["Learner sign-ups", String(totals.signups.learner)],
    ["Expert sign-ups", String(totals.signups.expert)],
    ["Active learners", String(active.learners)],
    ["Active experts", String(active.experts)],
    ["Bookings made", String(totals.bookingsMade)],
    ["Sessions in the period", String(totals.sessionsStarted)],
    ["Completion rate", percent(rates.completion)],
    ["Cancellation rate", percent(rates.cancellation)],
    ["No-show rate", percent(rates.noShow)],
  ];
  return (
    <dl class="grid grid-cols-2 gap-3 sm:grid-cols-3">
      {figures.map(([label, value]) => (
        <div key={label} class="rounded-lg bg-slate-50 p-3">
          <dt class="text-sm text-slate-700">{label}</dt>
          <dd class="text-2xl font-bold text-slate-900 tabular-nums">
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** How the sessions of the period ended, with counts behind the rates. */
export function Outcomes({ stats }: { stats: PlatformStats }) {
  const { totals } = stats;
  return (
    <Facts
      items={[
        ["Sessions with a known outcome", totals.decided],
        ["Completed", totals.completed],
        ["Cancelled", totals.cancelled],
        ["… of which the expert never joined", totals.expertAbsent],
        ["Learner did not come (no-show)", totals.noShow],
        ["Disputed", totals.disputed],
        [
          "Still to happen or settle",
          totals.sessionsStarted - totals.decided,
        ],
      ]}
    />
  );
}

/** The daily charts: sign-ups by role, bookings made, sessions held. */
export function DailyCharts({ stats }: { stats: PlatformStats }) {
  return (
    <div class="space-y-8">
      <BarChart
        title="Learner sign-ups per day"
        points={perDay(stats, (d) => d.signups.learner)}
        counts
        labelHeading="Day"
        valueHeading="Learners who signed up"
      />
      <BarChart
        title="Expert sign-ups per day"
        points={perDay(stats, (d) => d.signups.expert)}
        counts
        labelHeading="Day"
        valueHeading="Experts who signed up"
      />
      <BarChart
        title="Bookings made per day"
        points={perDay(stats, (d) => d.bookingsMade)}
        counts
        labelHeading="Day"
        valueHeading="Bookings made"
      />
      <BarChart
        title="Sessions per day"
        points={perDay(stats, (d) => d.sessionsStarted)}
        counts
        labelHeading="Day"
        valueHeading="Sessions starting"
      />
      <BarChart
        title="Completed sessions per day"
        points={perDay(stats, (d) => d.completed)}
        counts
        labelHeading="Day"
        valueHeading="Sessions completed"
      />
    </div>
  );
}

/** Money per currency: totals, and money in per day as a chart. */
export function MoneySection({ stats }: { stats: PlatformStats }) {
  const { totals } = stats.money;
  if (totals.length === 0) {
    return (
      <p>No money came in, and no commission or refunds, in this period.</p>
    );
  }
  return (
    <div class="space-y-6">
      <ScrollTable
        caption="Money per currency"
        head={["Currency", "Money in (top-ups)", "Commission", "Refunds"]}
        amountColumns={[1, 2, 3]}
        minWidth="28rem"
      >
        {totals.map((row) => (
          <tr key={row.currency}>
            <th scope="row" class={CELL}>{row.currency}</th>
            <td class={AMOUNT_CELL}>
              {money(row.moneyInMinor, row.currency)}
            </td>
            <td class={AMOUNT_CELL}>
              {money(row.commissionMinor, row.currency)}
            </td>
            <td class={AMOUNT_CELL}>
              {money(row.refundsMinor, row.currency)}
            </td>
          </tr>
        ))}
      </ScrollTable>
      {totals.map(({ currency }) => {
        const byDay = new Map(
          stats.money.days.filter((d) => d.currency === currency).map((
            d,
          ) => [d.date, d.moneyInMinor]),
        );
        return (
          <BarChart
            key={currency}
            title={`Money in per day (${currency})`}
            points={perDay(stats, (d) => byDay.get(d.date) ?? 0)}
            format={(minor) => axisMoney(minor, currency)}
            labelHeading="Day"
            valueHeading={`Top-ups paid (${currency})`}
          />
        );
      })}
    </div>
  );
}

/** A top list: rank, name, bookings, completed and what was paid. */
export function TopTable(
  { caption, nameHeading, rows }: {
    caption: string;
    nameHeading: string;
    rows: readonly TopRow[];
  },
) {
  if (rows.length === 0) {
    return <p>No bookings were made in this period.</p>;
  }
  return (
    <ScrollTable
      caption={caption}
      head={["#", nameHeading, "Bookings", "Completed", "Paid by learners"]}
      amountColumns={[2, 3, 4]}
      minWidth="30rem"
    >
      {rows.map((row, i) => (
        <tr key={row.id}>
          <td class={CELL}>{i + 1}</td>
          <th scope="row" class={`${CELL} font-medium`}>{row.name}</th>
          <td class={AMOUNT_CELL}>{row.bookings}</td>
          <td class={AMOUNT_CELL}>{row.completed}</td>
          <td class={AMOUNT_CELL}>
            {row.amounts.map((a) => money(a.grossMinor, a.currency)).join(
              ", ",
            )}
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

/** What each figure counts, in words. */
export function Definitions() {
  return (
    <dl class="space-y-2 text-sm text-slate-800">
      <div>
        <dt class="inline font-semibold">Active:</dt>{" "}
        <dd class="inline">
          signed in during the period, or the learner or expert of a booking
          made in it or of a session held in it.
        </dd>
      </div>
      <div>
        <dt class="inline font-semibold">Bookings made:</dt>{" "}
        <dd class="inline">counted on the day they were booked.</dd>
      </div>
      <div>
        <dt class="inline font-semibold">Sessions and rates:</dt>{" "}
        <dd class="inline">
          counted on the day the session starts; the rates are shares of the
          sessions whose outcome is known (not those still to happen).
        </dd>
      </div>
      <div>
        <dt class="inline font-semibold">Money:</dt>{" "}
        <dd class="inline">
          from the ledger, as the finance summary counts it: paid top-ups, the
          platform's commission on released sessions, and refunds.
        </dd>
      </div>
      <div>
        <dt class="inline font-semibold">Top lists:</dt>{" "}
        <dd class="inline">
          bookings made in the period and not cancelled; a booking counts under
          its expert's main (first) category.
        </dd>
      </div>
    </dl>
  );
}

/** Links to every report for the period shown. */
export function ReportLinks(
  { period }: { period: { from: string; to: string } },
) {
  const query = new URLSearchParams({ from: period.from, to: period.to });
  return (
    <ul class="list-disc space-y-1 pl-5">
      {REPORT_NAMES.map((name) => (
        <li key={name}>
          <a
            href={`/admin/reports/${name}.csv?${query}`}
            class="font-medium text-brand-800 underline"
            download
          >
            {REPORT_TITLES[name]} (CSV)
          </a>
        </li>
      ))}
    </ul>
  );
}
