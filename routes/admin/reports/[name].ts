/**
 * The statistics' CSV reports: /admin/reports/<name>.csv?from=&to= (or
 * ?days=7|30|90) for any period, one per statistic and list (the names are
 * services/platform_stats' REPORT_NAMES). A wrong period is a 400 saying
 * what to change; an unknown report a 404.
 */
import { define } from "@/web/define.ts";
import { HttpError } from "@/framework/http_error.ts";
import {
  activeCsv,
  activePeopleIn,
  attendanceCsv,
  dailyCsv,
  isReportName,
  moneyCsv,
  periodFor,
  periodQueryOf,
  platformStats,
  type ReportName,
  sessionsInPeriod,
  summaryCsv,
  topCsv,
} from "@/services/platform_stats/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";

async function report(
  kv: Deno.Kv,
  name: ReportName,
  period: { from: string; to: string },
): Promise<string> {
  if (name === "attendance") {
    return attendanceCsv(await sessionsInPeriod(kv, period));
  }
  if (name === "active-users") {
    return activeCsv(await activePeopleIn(kv, period));
  }
  const stats = await platformStats(kv, period);
  switch (name) {
    case "summary":
      return summaryCsv(stats);
    case "daily":
      return dailyCsv(stats);
    case "money":
      return moneyCsv(stats);
    case "top-categories":
      return topCsv(stats.topCategories);
    case "top-experts":
      return topCsv(stats.topExperts);
  }
}

export const handler = define.handlers({
  async GET(_req, ctx) {
    const file = ctx.params.name;
    const name = file.endsWith(".csv") ? file.slice(0, -4) : "";
    if (!isReportName(name)) {
      throw new HttpError(404, "There is no such report.");
    }
    let period;
    try {
      period = periodFor(ctx.state.kv, periodQueryOf(ctx.url.searchParams));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const problems = Object.entries(error.fieldErrors)
        .map(([field, messages]) => `${field}: ${messages.join(" ")}`);
      return new Response(
        [`The period is invalid.`, ...problems, ""].join("\n"),
        {
          status: 400,
          headers: {
            "content-type": "text/plain; charset=utf-8",
            "cache-control": "private, no-store",
          },
        },
      );
    }
    const body = await report(ctx.state.kv, name, period);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition":
          `attachment; filename="taptime-${name}-${period.from}-to-${period.to}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  },
});
