/**
 * The platform statistics feature's public entry: everything outside
 * services/platform_stats/ imports from here. Admins see a period's
 * sign-ups, activity, bookings and their outcomes, money and top lists
 * (model.ts says what each figure counts; compute.ts works them out, pure;
 * gather.ts reads the records), download each as CSV (reports.ts), get a
 * weekly summary by email if they opt in (weekly_summary.ts), and watch
 * calls live and each booking's attendance (sessions.ts). KV keys:
 * store.ts.
 *
 * Wiring: list `weeklySummaryJob` in runtime.ts's JOBS, `weeklySummaryCron`
 * in main.ts's CRONS, and bind `statsLinksProvider` to PUBLIC_URL.
 */
export {
  type ActivePerson,
  type CategoryRef,
  DEFAULT_PRESET,
  MAX_PERIOD_DAYS,
  type MoneyDay,
  moneyDaySchema,
  type MoneyTotal,
  moneyTotalSchema,
  type Period,
  PERIOD_PRESETS,
  type PeriodPreset,
  type PeriodQuery,
  periodQuerySchema,
  type PlatformStats,
  platformStatsSchema,
  type StatsDay,
  statsDaySchema,
  TOP_LIMIT,
  type TopRow,
  topRowSchema,
} from "./model.ts";
export { activePeople, computeStats, share } from "./compute.ts";
export {
  addDays,
  dayOf,
  daysOf,
  periodQueryOf,
  resolvePeriod,
} from "./period.ts";
export {
  activePeopleIn,
  periodFor,
  platformStats,
  todayFor,
} from "./gather.ts";
export {
  activeCsv,
  attendanceCsv,
  dailyCsv,
  isReportName,
  majorAmount,
  moneyCsv,
  REPORT_NAMES,
  REPORT_TITLES,
  type ReportName,
  summaryCsv,
  topCsv,
} from "./reports.ts";
export {
  durationText,
  liveSessions,
  MAX_SESSIONS_PER_DAY,
  MAX_SESSIONS_PER_REPORT,
  type MonitoredSession,
  OUTCOME_LABELS,
  sessionsBetween,
  sessionsInPeriod,
  sessionsOn,
} from "./sessions.ts";
export { setWeeklySummary, wantsWeeklySummary } from "./store.ts";
export {
  lastWeek,
  sendWeeklySummaries,
  type StatsLinks,
  statsLinksProvider,
  weeklySummaryCron,
  weeklySummaryEmail,
  weeklySummaryJob,
} from "./weekly_summary.ts";
