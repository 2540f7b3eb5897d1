/**
 * The records the expert's figures are computed from, reduced to the
 * fields the arithmetic needs (so the pure functions can be tested with
 * plain objects), and the figures themselves.
 */
import type { BookingStatus } from "@/services/bookings/mod.ts";

/** A session as the statistics see it. */
export interface SessionRecord {
  id: string;
  learnerId: string;
  offeringTitle: string;
  start: string;
  end: string;
  durationMinutes: number;
  status: BookingStatus;
  createdAt: string;
  priceMinor: number;
  currency: string;
  /** What completion paid the expert after commission (null until then). */
  expertEarningsMinor: number | null;
}

/**
 * One movement of the expert's earnings: a session's pay after commission
 * (positive) or money taken back after a dispute (negative). Moving pending
 * earnings to available is not earning, so it is not one of these.
 */
export interface EarningMovement {
  entryId: string;
  at: string;
  currency: string;
  /** Net of commission: what reached the expert's earnings. */
  amountMinor: number;
  /** The learner's payment the movement came from (0 for a take-back). */
  grossMinor: number;
  /** The platform's commission on it (negative when given back). */
  commissionMinor: number;
  bookingId: string | null;
  kind: "session" | "refund";
}

/** A visible review: its stars and when it was written. */
export interface RatingRecord {
  createdAt: string;
  rating: number;
}

/**
 * The visible reviews counted per UTC month, and those written within a
 * day of a UTC month's start (the only ones whose month can differ in
 * another time zone): services/reviews' monthly rating counters.
 */
export interface RatingCounters {
  months: { month: MonthKey; count: number; stars: number }[];
  edges: RatingRecord[];
}

/** A day's profile views (analytics' daily roll-up, UTC days). */
export interface DailyCount {
  day: string;
  count: number;
}

/** A calendar month in the expert's time zone, "2026-03". */
export type MonthKey = string;

export interface MonthEarnings {
  month: MonthKey;
  amountMinor: number;
}

export interface CurrencyEarnings {
  currency: string;
  months: MonthEarnings[];
  totalMinor: number;
}

export interface MonthSessions {
  month: MonthKey;
  /** Sessions completed (held, and both people came). */
  sessions: number;
  minutes: number;
}

export interface MonthRating {
  month: MonthKey;
  /** The average of the month's visible reviews; null without any. */
  average: number | null;
  count: number;
}

export interface RepeatRate {
  /** Learners with at least one completed session. */
  students: number;
  /** Of them, learners with two or more. */
  repeat: number;
  /** repeat / students; null without students. */
  rate: number | null;
}

export interface MonthConversion {
  month: MonthKey;
  views: number;
  /** Bookings made that month (whatever became of them). */
  bookings: number;
  /** bookings / views; null without views. */
  rate: number | null;
}

/** One learner's sessions with the expert. */
export interface StudentSummary {
  learnerId: string;
  /** Completed sessions. */
  sessions: number;
  minutes: number;
  /** The latest completed session's start; null before the first. */
  lastSession: string | null;
  /** The next confirmed session's start, if one is booked. */
  nextSession: string | null;
  /** Every booking, whatever its status. */
  bookings: number;
}
