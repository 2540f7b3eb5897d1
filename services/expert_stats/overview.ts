/**
 * What the expert's home and student pages show, read and computed in one
 * call each: the last twelve months' figures, the next sessions, the
 * student list and one student's history with the expert.
 */
import { dailyCounts } from "@/services/analytics/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import type {
  CurrencyEarnings,
  MonthConversion,
  MonthKey,
  MonthRating,
  MonthSessions,
  RepeatRate,
  SessionRecord,
  StudentSummary,
} from "./model.ts";
import {
  loadAllSessions,
  loadEarningMovements,
  loadRatingCounters,
  loadSessions,
  loadSessionsBetween,
} from "./load.ts";
import {
  earningsByMonth,
  lastMonths,
  monthStart,
  ratingByMonthFromCounters,
  repeatStudentRate,
  sessionsByMonth,
  studentSummaries,
  viewsToBookings,
} from "./stats.ts";

/** How far ahead sessions can be booked, with room to spare. */
const HORIZON_DAYS = 400;

/** How many upcoming sessions the home lists. */
export const UPCOMING_SHOWN = 5;

export interface ExpertOverview {
  months: MonthKey[];
  earnings: CurrencyEarnings[];
  sessions: MonthSessions[];
  ratings: MonthRating[];
  /** Over the learners with a completed session in the twelve months. */
  repeat: RepeatRate;
  conversion: MonthConversion[];
  upcoming: SessionRecord[];
}

/** The expert's last twelve months, computed from their records. */
export async function expertOverview(
  kv: Deno.Kv,
  expertId: string,
  timeZone: string,
): Promise<ExpertOverview> {
  const now = clockFor(kv).now();
  const months = lastMonths(now, timeZone);
  const from = monthStart(months[0], timeZone);
  // Sessions booked in the months may start up to a booking horizon later.
  const to = new Date(now.getTime() + HORIZON_DAYS * 86_400_000);
  const [sessions, movements, ratingCounters, views] = await Promise.all([
    loadSessions(kv, expertId, from, to),
    loadEarningMovements(kv, expertId, from),
    loadRatingCounters(kv, expertId, months),
    // Views are counted per UTC day: from the first day of the first month.
    dailyCounts(kv, {
      type: "profile_view",
      subjectId: expertId,
      from: new Date(`${months[0]}-01T00:00:00Z`),
      to: now,
    }),
  ]);
  return {
    months,
    earnings: earningsByMonth(movements, months, timeZone),
    sessions: sessionsByMonth(sessions, months, timeZone),
    ratings: ratingByMonthFromCounters(
      ratingCounters,
      months,
      timeZone,
    ),
    repeat: repeatStudentRate(sessions),
    conversion: viewsToBookings(views, sessions, months),
    upcoming: sessions.filter((session) =>
      session.status === "confirmed" &&
      Date.parse(session.end) > now.getTime()
    ).slice(0, UPCOMING_SHOWN),
  };
}

/** Everyone who booked the expert, with their history in brief. */
export async function expertStudents(
  kv: Deno.Kv,
  expertId: string,
): Promise<StudentSummary[]> {
  return studentSummaries(
    await loadAllSessions(kv, expertId),
    clockFor(kv).now(),
  );
}

/**
 * One learner's sessions with the expert, latest first, and their summary;
 * null when the learner never booked the expert (their page is a 404).
 */
export async function studentHistory(
  kv: Deno.Kv,
  expertId: string,
  learnerId: string,
): Promise<{ summary: StudentSummary; sessions: SessionRecord[] } | null> {
  const sessions = await loadSessionsBetween(kv, expertId, learnerId);
  if (sessions.length === 0) return null;
  const [summary] = studentSummaries(sessions, clockFor(kv).now());
  return { summary, sessions: sessions.reverse() };
}
