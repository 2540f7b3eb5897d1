/**
 * The platform statistics (/admin/stats): a period's sign-ups, activity,
 * bookings and their outcomes, money and top lists, with charts, the CSV
 * reports, and the admin's choice of a weekly summary email.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { firstErrors, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { Button } from "@/components/Button.tsx";
import { Checkbox } from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import {
  type PeriodChoice,
  PeriodPicker,
} from "@/components/admin/stats/PeriodPicker.tsx";
import {
  DailyCharts,
  Definitions,
  Headline,
  MoneySection,
  Outcomes,
  ReportLinks,
  TopTable,
} from "@/components/admin/stats/StatsView.tsx";
import {
  periodFor,
  periodQueryOf,
  type PlatformStats,
  platformStats,
  setWeeklySummary,
  todayFor,
  wantsWeeklySummary,
} from "@/services/platform_stats/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";

const PATH = "/admin/stats";

interface StatsPageData {
  choice: PeriodChoice;
  errors: Partial<Record<"from" | "to" | "days", string>>;
  today: string;
  stats: PlatformStats | null;
  weekly: boolean;
  saved: boolean;
}

export const handler = define.handlers<StatsPageData>({
  async GET(_req, ctx) {
    const user = requireUser(ctx.state);
    const { kv } = ctx.state;
    const query = periodQueryOf(ctx.url.searchParams);
    const today = todayFor(kv);
    const weekly = await wantsWeeklySummary(kv, user.id);
    const saved = ctx.url.searchParams.get("saved") === "1";
    try {
      const period = periodFor(kv, query);
      return ctx.render({
        choice: period,
        errors: {},
        today,
        stats: await platformStats(kv, period),
        weekly,
        saved,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors = firstErrors(error.fieldErrors);
      return ctx.render({
        choice: { from: query.from ?? "", to: query.to ?? "", preset: null },
        errors,
        today,
        stats: null,
        weekly,
        saved,
      }, { status: 400 });
    }
  },

  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const form = await readForm(req);
    await setWeeklySummary(
      ctx.state.kv,
      user.id,
      form.get("weeklySummary") === "on",
    );
    return seeOther(`${PATH}?saved=1#weekly-summary`);
  },
});

export default define.page<typeof handler>(function AdminStats({ data }) {
  const { stats, choice } = data;
  return (
    <>
      <Card title="Platform statistics" id="period">
        <PeriodPicker
          action={PATH}
          choice={choice}
          errors={data.errors}
          today={data.today}
        />
        {stats && (
          <p class="font-medium text-slate-900" aria-live="polite">
            Showing {stats.from} to {stats.to} ({stats.days.length}{" "}
            {stats.days.length === 1 ? "day" : "days"}).
          </p>
        )}
      </Card>
      {stats && (
        <>
          <Card title="At a glance" id="headline">
            <Headline stats={stats} />
          </Card>
          <Card title="Day by day" id="daily">
            <DailyCharts stats={stats} />
          </Card>
          <Card title="How sessions ended" id="outcomes">
            <Outcomes stats={stats} />
          </Card>
          <Card title="Money" id="money">
            <MoneySection stats={stats} />
          </Card>
          <Card title="Top categories" id="top-categories">
            <TopTable
              caption="Top categories"
              nameHeading="Category"
              rows={stats.topCategories}
            />
          </Card>
          <Card title="Top experts" id="top-experts">
            <TopTable
              caption="Top experts"
              nameHeading="Expert"
              rows={stats.topExperts}
            />
          </Card>
          <Card title="Reports" id="reports">
            <p>Each figure and list of this period as a CSV file:</p>
            <ReportLinks period={stats} />
          </Card>
          <Card title="What the figures count" id="definitions">
            <Definitions />
          </Card>
        </>
      )}
      <Card title="Weekly summary email" id="weekly-summary">
        {data.saved && <Notice tone="success">Your choice is saved.</Notice>}
        <form method="post" action={PATH} class="space-y-4">
          <Checkbox
            id="weekly-summary-box"
            name="weeklySummary"
            value="on"
            checked={data.weekly}
            label="Email me last week's headline figures every Monday"
          />
          <Button>Save</Button>
        </form>
        <p>
          <a
            href="/admin/sessions"
            class="font-semibold text-brand-800 underline"
          >
            Session monitoring
          </a>
        </p>
      </Card>
    </>
  );
});
