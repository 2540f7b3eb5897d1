/**
 * Product analytics for admins: the site-wide funnel (profile views,
 * bookings started, paid, completed, reviewed) and the most viewed pages
 * over a period, with page views per day. Views come from the consented
 * first-party log, so they count only visitors who allowed statistics;
 * bookings and reviews are counted from their own records.
 */
import type { ComponentChildren } from "preact";
import { define } from "@/web/define.ts";
import { dayLabels } from "@/web/format.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { BarChart } from "@/components/charts/Chart.tsx";
import { Button } from "@/components/Button.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import { now } from "@/services/platform/clock.ts";
import {
  conversionPercent,
  type DailyCount,
  dailyCounts,
  type Funnel,
  FUNNEL_STEPS,
  siteFunnel,
  topPages,
} from "@/services/analytics/mod.ts";

interface AnalyticsData {
  from: string;
  to: string;
  error: string | null;
  funnel: Funnel;
  pageViews: DailyCount[];
  pages: { path: string; count: number }[];
}

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;
/** The longest period the page charts day by day. */
const MAX_DAYS = 366;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The period asked for (a missing end is today, a missing start 30 days
 * before the end), or the last 30 days with a reason it was not used.
 */
export function periodOf(
  url: URL,
  today: Date,
): { from: string; to: string; error: string | null } {
  /** The first day of the 30 days that end on `last`. */
  const startOf30 = (last: string) =>
    new Date(Date.parse(last) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString()
      .slice(0, 10);
  const end = today.toISOString().slice(0, 10);
  const fallback = startOf30(end);
  const valid = (day: string) =>
    DATE.test(day) && !Number.isNaN(Date.parse(day));
  // Either date may be left out: the period ends today, or is 30 days long.
  const to = url.searchParams.get("to") || end;
  const from = url.searchParams.get("from") || (valid(to) ? startOf30(to) : "");
  if (!valid(from) || !valid(to)) {
    return {
      from: fallback,
      to: end,
      error: "Give dates as YYYY-MM-DD; showing the last 30 days.",
    };
  }
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days < 1 || days > MAX_DAYS) {
    return {
      from: fallback,
      to: end,
      error:
        `Choose a start on or before the end, at most ${MAX_DAYS} days apart; showing the last 30 days.`,
    };
  }
  return { from, to, error: null };
}

/**
 * Holds a chart: the chart's screen-reader table is visually hidden but,
 * as a table, keeps its full width; this box keeps that width from
 * widening the page on a phone.
 */
function ChartBox({ children }: { children: ComponentChildren }) {
  return <div class="relative overflow-hidden">{children}</div>;
}

/** Counts are whole: gridlines between whole numbers go unlabelled. */
const countLabel = (value: number) =>
  Number.isInteger(value) ? String(value) : "";

export const handler = define.handlers<AnalyticsData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const period = periodOf(ctx.url, now());
    const from = new Date(`${period.from}T00:00:00.000Z`);
    const to = new Date(`${period.to}T23:59:59.999Z`);
    const [funnel, pageViews, pages] = await Promise.all([
      siteFunnel(kv, from, to),
      dailyCounts(kv, { type: "page_view", from, to }),
      topPages(kv, { from, to, limit: 10 }),
    ]);
    return ctx.render({ ...period, funnel, pageViews, pages });
  },
});

export default define.page<typeof handler>(function AdminAnalytics(
  { data },
) {
  const { funnel } = data;
  const totalViews = data.pageViews.reduce((sum, day) => sum + day.count, 0);
  return (
    <>
      <Card title="Period" id="period">
        {data.error && <Notice tone="error">{data.error}</Notice>}
        <form
          method="get"
          action="/admin/analytics"
          class="flex flex-wrap items-end gap-4"
        >
          <TextField name="from" label="From" type="date" value={data.from} />
          <TextField
            name="to"
            label="To (included)"
            type="date"
            value={data.to}
          />
          <Button variant="secondary">Show</Button>
        </form>
        <p class="text-sm text-slate-700">
          Views and bookings started count only visitors who allowed anonymous
          usage statistics, so they can be fewer than the steps after them; paid
          bookings, sessions and reviews are counted from their records. Days
          are UTC.
        </p>
      </Card>

      <Card title="Funnel" id="funnel">
        <ChartBox>
          <BarChart
            format={countLabel}
            title={`From profile views to reviews, ${data.from} to ${data.to}`}
            counts
            points={FUNNEL_STEPS.map((step) => ({
              label: step.short,
              description: step.label,
              value: funnel[step.key],
            }))}
            labelHeading="Step"
            valueHeading="Count"
          />
        </ChartBox>
        <table class="w-full text-sm">
          <caption class="sr-only">
            Conversion between the funnel's steps
          </caption>
          <thead>
            <tr class="text-left text-slate-700">
              <th scope="col" class="py-2 font-semibold">Step</th>
              <th
                scope="col"
                class="py-2 text-right font-semibold whitespace-nowrap"
              >
                Count
              </th>
              <th scope="col" class="py-2 text-right font-semibold">
                Of the step before
              </th>
            </tr>
          </thead>
          <tbody>
            {FUNNEL_STEPS.map((step, i) => {
              const before = i > 0 ? funnel[FUNNEL_STEPS[i - 1].key] : null;
              const rate = before === null
                ? null
                : conversionPercent(funnel[step.key], before);
              return (
                <tr key={step.key} class="border-t border-slate-100">
                  <th scope="row" class="py-2 text-left font-normal">
                    {step.label}
                  </th>
                  <td class="py-2 text-right tabular-nums">
                    {funnel[step.key]}
                  </td>
                  <td class="py-2 text-right tabular-nums">
                    {rate === null ? "—" : `${rate}%`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>

      <Card title="Page views" id="page-views">
        <p class="text-sm text-slate-700">
          {`${totalViews} page views in the period.`}
        </p>
        <ChartBox>
          <BarChart
            format={countLabel}
            title="Page views per day"
            counts
            points={data.pageViews.map((day) => ({
              label: dayLabels(day.day).short,
              description: day.day,
              value: day.count,
            }))}
            labelHeading="Day"
            valueHeading="Page views"
          />
        </ChartBox>
      </Card>

      <Card title="Top pages" id="top-pages">
        <ChartBox>
          <BarChart
            format={countLabel}
            title="Most viewed pages"
            counts
            points={data.pages.map((page, i) => ({
              label: String(i + 1),
              description: page.path,
              value: page.count,
            }))}
            labelHeading="Page"
            valueHeading="Views"
            empty="No page views in this period."
          />
        </ChartBox>
        {data.pages.length > 0 && (
          <ol class="list-decimal space-y-1 pl-6 text-sm">
            {data.pages.map((page) => (
              <li key={page.path} class="break-all">
                <code>{page.path}</code>{" "}
                <span class="tabular-nums text-slate-700">
                  {`${page.count} ${page.count === 1 ? "view" : "views"}`}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </>
  );
});
