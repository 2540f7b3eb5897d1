/**
 * The numbers of the learner's learning: totals and the streak as text,
 * hours per month as a bar chart (server-rendered SVG with a table for
 * screen readers), and hours per category as a list with the share of
 * time. Only completed sessions count; the streak's rule is said on the
 * page.
 */
import { monthLabels } from "@/web/format.ts";
import type { LearningStats } from "@/services/progress/mod.ts";
import { STATS_MONTHS } from "@/services/progress/mod.ts";
import { BarChart } from "@/components/charts/Chart.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { plural } from "@/web/format.ts";
import { PROGRESS_CLASS } from "./Goals.tsx";

/** "1.5 h"; axis steps such as 0.25 keep their second decimal. */
const hours = (value: number) => `${Number(value.toFixed(2))} h`;

function Figure({ value, label }: { value: string; label: string }) {
  return (
    <div class="rounded-lg bg-slate-50 p-3">
      <dt class="text-sm text-slate-700">{label}</dt>
      <dd class="text-xl font-bold text-slate-900 sm:text-2xl">{value}</dd>
    </div>
  );
}

export function LearningStatsCard(
  { stats, categoryNames }: {
    stats: LearningStats;
    /** Category id → name. */
    categoryNames: Record<string, string>;
  },
) {
  const { streak } = stats;
  const totalHours = stats.categories.reduce((sum, c) => sum + c.hours, 0);
  return (
    <Card title="Your learning" id="learning">
      <dl class="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Figure
          label="Sessions completed"
          value={String(stats.sessionsCompleted)}
        />
        <Figure label="Hours learned" value={hours(stats.hoursCompleted)} />
        <Figure label="Current streak" value={plural(streak.current, "week")} />
        <Figure label="Longest streak" value={plural(streak.longest, "week")} />
      </dl>
      <p class="text-sm text-slate-700">
        {`Counted from completed sessions in the last ${STATS_MONTHS} months. `}
        Your streak is the number of weeks in a row (Monday to Sunday) with at
        least one completed session. {streak.current > 0 && !streak.thisWeek &&
          "Complete a session this week to keep it going."}
        {streak.current === 0 && "Complete a session this week to start one."}
      </p>
      <div>
        <BarChart
          title={`Hours per month, last ${STATS_MONTHS} months`}
          points={stats.months.map((month) => ({
            label: monthLabels(month.month).short,
            description: monthLabels(month.month).long,
            value: month.hours,
          }))}
          format={(value) => String(Number(value.toFixed(2)))}
          labelHeading="Month"
          valueHeading="Hours"
        />
      </div>
      <div>
        <h3 class="font-semibold text-slate-900">Hours per category</h3>
        {stats.categories.length === 0
          ? (
            <p class="mt-2 text-sm text-slate-700">
              Nothing yet: your first completed session will show here.
            </p>
          )
          : (
            <ul class="mt-2 space-y-2">
              {stats.categories.map((category) => {
                const name = category.categoryId
                  ? categoryNames[category.categoryId] ?? category.categoryId
                  : "Other";
                const share = totalHours === 0
                  ? 0
                  : Math.round((category.hours / totalHours) * 100);
                return (
                  <li key={category.categoryId ?? ""}>
                    <p class="flex justify-between gap-3 text-sm">
                      <span class="font-medium text-slate-900">{name}</span>
                      <span class="text-slate-700 tabular-nums">
                        {`${hours(category.hours)}, ${
                          plural(category.sessions, "session")
                        }`}
                      </span>
                    </p>
                    <progress
                      value={share}
                      max={100}
                      aria-label={`${name}: ${share}% of your hours`}
                      class={`mt-1 ${PROGRESS_CLASS}`}
                    >
                      {`${share}%`}
                    </progress>
                  </li>
                );
              })}
            </ul>
          )}
      </div>
    </Card>
  );
}
