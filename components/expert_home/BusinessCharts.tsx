/**
 * The expert's last twelve months as charts: earnings per currency,
 * sessions and hours, the rating trend, repeat students and how profile
 * views turn into bookings. Each figure says what it counts, so the
 * numbers mean the same to everyone who reads them.
 */
import { monthLabels } from "@/web/format.ts";
import type { ComponentChildren } from "preact";
import {
  BarChart,
  type ChartPoint,
  LineChart,
} from "@/components/charts/Chart.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { axisMoney, money } from "@/web/money_forms.ts";
import { minorUnitExponent } from "@/services/platform/money.ts";
import {
  type ExpertOverview,
  hoursOf,
  type MonthKey,
} from "@/services/expert_stats/mod.ts";

/**
 * Holds a chart so its visually hidden table, which is absolutely placed
 * and as wide as its longest heading, cannot widen a phone's page.
 */
function ChartBox({ children }: { children: ComponentChildren }) {
  return <div class="relative min-w-0 overflow-hidden">{children}</div>;
}

function point(month: MonthKey, value: number): ChartPoint {
  const { short, long } = monthLabels(month);
  return { label: short, value, description: long };
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** Earnings per month, one chart per currency earned in. */
export function EarningsCharts({ overview }: { overview: ExpertOverview }) {
  return (
    <Card id="earnings" title="Earnings, last 12 months">
      <p class="text-sm text-slate-700">
        What reached your earnings each month: the price of each completed
        session less TapTime's commission, less anything given back after a
        reported problem. Withdrawals don't change it. Details and withdrawals
        are on{" "}
        <a href="/expert/earnings" class="text-brand-800 underline">
          your earnings page
        </a>.
      </p>
      {overview.earnings.length === 0
        ? <p>No earnings in the last 12 months yet.</p>
        : overview.earnings.map((series) => {
          const unit = 10 ** minorUnitExponent(series.currency);
          return (
            <div key={series.currency} class="space-y-2">
              <p
                class="text-slate-900"
                data-testid={`earnings-total-${series.currency}`}
              >
                <span class="font-semibold">
                  {money(series.totalMinor, series.currency)}
                </span>{" "}
                earned in {series.currency} in 12 months
              </p>
              <ChartBox>
                <BarChart
                  title={`Earnings per month in ${series.currency}`}
                  points={series.months.map((m) =>
                    point(m.month, m.amountMinor / unit)
                  )}
                  format={(major) =>
                    axisMoney(Math.round(major * unit), series.currency)}
                  labelHeading="Month"
                  valueHeading="Earned"
                />
              </ChartBox>
            </div>
          );
        })}
    </Card>
  );
}

/** Completed sessions and hours taught per month. */
export function SessionCharts({ overview }: { overview: ExpertOverview }) {
  const sessions = overview.sessions.reduce((n, m) => n + m.sessions, 0);
  const minutes = overview.sessions.reduce((n, m) => n + m.minutes, 0);
  return (
    <Card id="sessions" title="Sessions and hours">
      <p data-testid="sessions-total">
        <span class="font-semibold">{sessions}</span> completed{" "}
        {sessions === 1 ? "session" : "sessions"},{" "}
        <span class="font-semibold">{hoursOf(minutes)}</span>{" "}
        hours in 12 months. A session counts once it is completed (held, with
        both of you there); cancelled and missed ones don't.
      </p>
      <div class="space-y-6">
        <ChartBox>
          <BarChart
            title="Completed sessions per month"
            points={overview.sessions.map((m) => point(m.month, m.sessions))}
            counts
            labelHeading="Month"
            valueHeading="Sessions"
          />
        </ChartBox>
        <ChartBox>
          <BarChart
            title="Hours taught per month"
            points={overview.sessions.map((m) =>
              point(m.month, hoursOf(m.minutes))
            )}
            format={(hours) => `${hours} h`}
            labelHeading="Month"
            valueHeading="Hours"
          />
        </ChartBox>
      </div>
    </Card>
  );
}

/** The average of each month's reviews, and the share of students who return. */
export function RatingAndRepeat({ overview }: { overview: ExpertOverview }) {
  const rated = overview.ratings.filter((m) => m.average !== null);
  const { repeat } = overview;
  return (
    <Card id="rating" title="Rating and returning students">
      <ChartBox>
        <LineChart
          title="Average rating per month"
          points={rated.map((m) => ({
            ...point(m.month, m.average!),
            description: `${monthLabels(m.month).long} (${m.count} ${
              m.count === 1 ? "review" : "reviews"
            })`,
          }))}
          format={(stars) => `${stars} ★`}
          labelHeading="Month"
          valueHeading="Average stars"
          empty="No reviews in the last 12 months yet."
        />
      </ChartBox>
      <p class="text-sm text-slate-700">
        The average of the stars in the reviews written each month; hidden
        reviews don't count, as on your profile.
      </p>
      <p data-testid="repeat-rate">
        <span class="text-2xl font-semibold text-slate-900">
          {repeat.rate === null ? "–" : percent(repeat.rate)}
        </span>{" "}
        returning students: {repeat.students === 0
          ? "no completed sessions in the last 12 months yet."
          : `${repeat.repeat} of the ${repeat.students} ${
            repeat.students === 1 ? "learner" : "learners"
          } who completed a session with you in the last 12 months completed two or more.`}
      </p>
    </Card>
  );
}

/** Profile views per month and the share that became bookings. */
export function ViewsToBookings({ overview }: { overview: ExpertOverview }) {
  const views = overview.conversion.reduce((n, m) => n + m.views, 0);
  const bookings = overview.conversion.reduce((n, m) => n + m.bookings, 0);
  return (
    <Card id="views" title="Profile views and bookings">
      <p data-testid="conversion">
        <span class="font-semibold">{views}</span> profile{" "}
        {views === 1 ? "view" : "views"} and{" "}
        <span class="font-semibold">{bookings}</span>{" "}
        {bookings === 1 ? "booking" : "bookings"} made in 12 months
        {views > 0 && (
          <>
            : <span class="font-semibold">{percent(bookings / views)}</span>
            {" "}
            of views became a booking
          </>
        )}.
      </p>
      <p class="text-sm text-slate-700">
        Views are counted only for visitors who allowed analytics, so the share
        is an estimate; a booking counts in the month it was made, whatever
        became of it.
      </p>
      <div class="space-y-6">
        <ChartBox>
          <BarChart
            title="Profile views per month"
            counts
            points={overview.conversion.map((m) => point(m.month, m.views))}
            labelHeading="Month"
            valueHeading="Views"
          />
        </ChartBox>
        <ChartBox>
          <BarChart
            title="Views that became bookings, per month"
            points={overview.conversion.map((m) =>
              point(
                m.month,
                m.rate === null ? 0 : Math.round(m.rate * 1000) / 10,
              )
            )}
            format={(share) => `${share}%`}
            labelHeading="Month"
            valueHeading="Bookings per 100 views"
          />
        </ChartBox>
      </div>
    </Card>
  );
}
