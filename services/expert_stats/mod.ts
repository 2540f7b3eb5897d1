/**
 * The expert's business in figures: the public entry of
 * services/expert_stats. Pure arithmetic over records (stats.ts), the
 * bounded reads that gather the records (load.ts), and what the expert's
 * home, student pages and exports ask for (overview.ts). Nothing is stored
 * here: every figure is computed from the bookings, the ledger and the
 * reviews' monthly counters (kept by services/reviews with each review).
 */
export type {
  CurrencyEarnings,
  DailyCount,
  EarningMovement,
  MonthConversion,
  MonthKey,
  MonthRating,
  MonthSessions,
  RatingCounters,
  RatingRecord,
  RepeatRate,
  SessionRecord,
  StudentSummary,
} from "./model.ts";
export {
  earningsByMonth,
  hoursOf,
  lastMonths,
  monthOf,
  MONTHS_SHOWN,
  monthStart,
  ratingByMonth,
  ratingByMonthFromCounters,
  repeatStudentRate,
  sessionsByMonth,
  studentSummaries,
  viewsToBookings,
} from "./stats.ts";
export {
  loadAllSessions,
  loadEarningMovements,
  loadSessions,
  MAX_RECORDS,
} from "./load.ts";
export {
  type ExpertOverview,
  expertOverview,
  expertStudents,
  studentHistory,
  UPCOMING_SHOWN,
} from "./overview.ts";
export {
  earningsCsv,
  exportFileName,
  type ExportPeriod,
  exportPeriod,
  exportQuerySchema,
  majorAmount,
  MAX_EXPORT_DAYS,
  sessionsCsv,
} from "./exports.ts";
