/**
 * A learner's completed sessions of the stats window, read from the
 * bookings feature, and the stats computed from them (stats.ts). A session
 * counts under its expert's first category (offerings carry none); one
 * that was not completed (cancelled, a no-show, disputed) counts nowhere.
 */
import { type Booking, listBookingsBetween } from "@/services/bookings/mod.ts";
import { getExperts } from "@/services/experts/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  type LearningStats,
  learningStats,
  type SessionFact,
  statsWindowStart,
} from "./stats.ts";

const DAY_MS = 86_400_000;

/**
 * The learner's completed sessions that started in the stats window (the
 * last twelve calendar months on their clock), oldest first.
 */
export async function completedSessions(
  kv: Deno.Kv,
  learnerId: string,
  timeZone: string,
): Promise<Booking[]> {
  const now = clockFor(kv).now();
  const first = statsWindowStart(now, timeZone);
  // A day early: the window starts on the learner's clock, the index is UTC.
  const from = new Date(
    Date.parse(first.toZonedDateTime({ timeZone }).toInstant().toString()) -
      DAY_MS,
  );
  const bookings = await listBookingsBetween(
    kv,
    learnerId,
    "learner",
    from,
    now,
  );
  return bookings.filter((booking) => booking.status === "completed");
}

/** The category each expert's sessions count under, by expert id. */
async function expertCategories(
  kv: Deno.Kv,
  expertIds: Iterable<string>,
): Promise<Map<string, string | null>> {
  const ids = [...new Set(expertIds)];
  const experts = await getExperts(kv, ids);
  return new Map(
    ids.map((id) => [id, experts.get(id)?.categoryIds[0] ?? null]),
  );
}

/** The learner's stats as of now, from `sessions` (completedSessions). */
export async function learnerStats(
  kv: Deno.Kv,
  sessions: readonly Booking[],
  timeZone: string,
): Promise<LearningStats> {
  const categories = await expertCategories(
    kv,
    sessions.map((booking) => booking.expertId),
  );
  const facts: SessionFact[] = sessions.map((booking) => ({
    start: booking.start,
    durationMinutes: booking.durationMinutes,
    categoryId: categories.get(booking.expertId) ?? null,
  }));
  return learningStats(facts, { now: clockFor(kv).now(), timeZone });
}

/** The learner's stats as of now, read from their bookings. */
export async function learnerStatsNow(
  kv: Deno.Kv,
  learner: { id: string; timeZone: string },
): Promise<LearningStats> {
  return await learnerStats(
    kv,
    await completedSessions(kv, learner.id, learner.timeZone),
    learner.timeZone,
  );
}
