/**
 * What the expert's home and student pages show, read and computed in one
 * call each: the last twelve months' figures, the next sessions, the
 * student list and one student's history with the expert.
 */
import { clockFor } from "@/services/platform/clock.ts";
import type {
  CurrencyEarnings,
  DailyCount,
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
  loadRatings,
  loadSessions,
} from "./load.ts";
import {
  earningsByMonth,
  lastMonths,
  monthStart,
  ratingByMonth,
  repeatStudentRate,
  sessionsByMonth,
  studentSummaries,
  viewsToBookings,
} from "./stats.ts";

/** How many upcoming sessions the home lists. */
export const UPCOMING_SHOWN = 5;

export interface ExpertOverview {
  months: MonthKey[];
  earnings: CurrencyEarnings[];
  sessions: MonthSessions[];
  ratings: MonthRating[];
  /** Over the learners with a completed session in the twelve months. */
  repeat: RepeatRate;
  /** Null when profile views are not counted (no analytics source). */
  conversion: MonthConversion[] | null;
  upcoming: SessionRecord[];
}

/** Where the profile's daily view counts come from (analytics), if anywhere. */
export type ProfileViews = (
  range: { from: string; to: string },
) => Promise<DailyCount[]>;

/** The expert's last twelve months, computed from their records. */
export async function expertOverview(
  kv: Deno.Kv,
  expertId: string,
  timeZone: string,
  profileViews: ProfileViews | null = null,
): Promise<ExpertOverview> {
  const now = clockFor(kv).now();
  const months = lastMonths(now, timeZone);
  const from = monthStart(months[0], timeZone);
  const to = monthStart(months.at(-1)!, timeZone, 1);
  const soon = new Date(now.getTime() + 90 * 86_400_000);
  const [sessions, movements, ratings, ahead, views] = await Promise.all([
    loadSessions(kv, expertId, from, to),
    loadEarningMovements(kv, expertId, from),
    loadRatings(kv, expertId, from),
    loadSessions(kv, expertId, new Date(now.getTime() - 86_400_000), soon),
    profileViews
      ? profileViews({
        from: `${months[0]}-01`,
        to: now.toISOString().slice(0, 10),
      })
      : Promise.resolve(null),
  ]);
  return {
    months,
    earnings: earningsByMonth(movements, months, timeZone),
    sessions: sessionsByMonth(sessions, months, timeZone),
    ratings: ratingByMonth(ratings, months, timeZone),
    repeat: repeatStudentRate(sessions),
    conversion: views && viewsToBookings(views, sessions, months),
    upcoming: ahead.filter((session) =>
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
  const sessions = (await loadAllSessions(kv, expertId))
    .filter((session) => session.learnerId === learnerId);
  if (sessions.length === 0) return null;
  const [summary] = studentSummaries(sessions, clockFor(kv).now());
  return { summary, sessions: sessions.reverse() };
}
