/**
 * What the platform statistics are: the period they cover (a preset of 7,
 * 30 or 90 days ending today, or dates chosen by the admin) and the figures
 * of that period. The zod schemas are the one statement of the shapes (the
 * API documents them, the pages and reports read them); types are inferred.
 *
 * Every day is a UTC calendar day. The definitions, shown on the page too:
 * - sign-ups: accounts created that day, by their role now;
 * - bookings: bookings made that day (any later outcome);
 * - sessions: bookings whose session starts that day; the completion,
 *   cancellation and no-show rates are over the sessions of the period whose
 *   outcome is known (not still "confirmed");
 * - active learners and experts: people who signed in during the period, or
 *   are a party to a booking made or a session held in it;
 * - money: from the ledger, per currency, as the finance summary counts it
 *   (money in: paid top-ups; commission: the platform's share of released
 *   sessions; refunds: top-up and booking refunds);
 * - top categories and experts: by bookings made in the period and not
 *   cancelled; a booking counts under its expert's main (first) category.
 */
import { z } from "zod";
import { idSchema } from "@/services/platform/model.ts";

/** The preset periods, in days ending today. */
export const PERIOD_PRESETS = [7, 30, 90] as const;
export type PeriodPreset = typeof PERIOD_PRESETS[number];
export const DEFAULT_PRESET: PeriodPreset = 30;
/** The longest period that can be asked for: a year and a day. */
export const MAX_PERIOD_DAYS = 366;
/** How many rows the top lists keep. */
export const TOP_LIMIT = 10;

/** A UTC day such as "2026-12-01" (a real one: no 30 February). */
export const daySchema = z.iso.date("Use a date like 2026-12-01.");
const date = daySchema;

/** What a request may say about the period; see `resolvePeriod`. */
export const periodQuerySchema = z.object({
  days: z.enum(["7", "30", "90"], {
    error: "Choose 7, 30 or 90 days.",
  }).optional().describe("A preset: the last 7, 30 or 90 days up to today."),
  from: date.optional().describe("First day (UTC) of a chosen period."),
  to: date.optional().describe("Last day (UTC) of a chosen period, inclusive."),
});
export type PeriodQuery = z.input<typeof periodQuerySchema>;

/** A resolved period: whole UTC days from `from` to `to`, both included. */
export interface Period {
  from: string;
  to: string;
  /** The preset it came from, or null for chosen dates. */
  preset: PeriodPreset | null;
}

const signupsSchema = z.object({
  learner: z.number().int(),
  expert: z.number().int(),
  admin: z.number().int(),
});

export const statsDaySchema = z.object({
  date: z.string().describe("The UTC day, e.g. 2026-12-01."),
  signups: signupsSchema,
  bookingsMade: z.number().int(),
  sessionsStarted: z.number().int(),
  completed: z.number().int(),
  cancelled: z.number().int(),
  noShow: z.number().int(),
}).meta({ id: "PlatformStatsDay" });
export type StatsDay = z.infer<typeof statsDaySchema>;

export const moneyDaySchema = z.object({
  date: z.string(),
  currency: z.string(),
  moneyInMinor: z.number().int(),
  commissionMinor: z.number().int(),
  refundsMinor: z.number().int(),
}).meta({ id: "PlatformStatsMoneyDay" });
export type MoneyDay = z.infer<typeof moneyDaySchema>;

export const moneyTotalSchema = moneyDaySchema.omit({ date: true }).meta({
  id: "PlatformStatsMoneyTotal",
});
export type MoneyTotal = z.infer<typeof moneyTotalSchema>;

const amountSchema = z.object({
  currency: z.string(),
  grossMinor: z.number().int().describe("What learners paid for them."),
});

export const topRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  bookings: z.number().int(),
  completed: z.number().int().describe("Of those, sessions completed."),
  amounts: z.array(amountSchema),
}).meta({ id: "PlatformStatsTopRow" });
export type TopRow = z.infer<typeof topRowSchema>;

/** A share of a whole: null when there was nothing to divide. */
const rate = z.number().min(0).max(1).nullable();

export const platformStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(statsDaySchema),
  totals: z.object({
    signups: signupsSchema,
    bookingsMade: z.number().int(),
    sessionsStarted: z.number().int(),
    decided: z.number().int().describe(
      "Sessions of the period whose outcome is known (the rates' base).",
    ),
    completed: z.number().int(),
    cancelled: z.number().int(),
    expertAbsent: z.number().int().describe(
      "Of the cancelled, refunded because the expert never joined.",
    ),
    noShow: z.number().int(),
    disputed: z.number().int(),
  }),
  active: z.object({
    learners: z.number().int(),
    experts: z.number().int(),
  }),
  rates: z.object({
    completion: rate,
    cancellation: rate,
    noShow: rate,
  }),
  money: z.object({
    days: z.array(moneyDaySchema),
    totals: z.array(moneyTotalSchema),
  }),
  topCategories: z.array(topRowSchema),
  topExperts: z.array(topRowSchema),
}).meta({ id: "PlatformStats" });
export type PlatformStats = z.infer<typeof platformStatsSchema>;

/** What the pure computation reads of a booking. */
export interface StatsBooking {
  id: string;
  learnerId: string;
  expertId: string;
  status: string;
  start: string;
  createdAt: string;
  priceMinor: number;
  currency: string;
  cancellation: { reason: string } | null;
}

/** One account as the statistics see it. */
export interface StatsUser {
  id: string;
  role: "learner" | "expert" | "admin";
  createdAt: string;
}

/** A successful sign-in, with the account's role. */
export interface StatsSignIn {
  userId: string;
  role: "learner" | "expert" | "admin";
  at: string;
}

/** Everything the statistics are computed from (see ./gather.ts). */
export interface StatsInput {
  period: Pick<Period, "from" | "to">;
  users: readonly StatsUser[];
  bookings: readonly StatsBooking[];
  signIns: readonly StatsSignIn[];
  money: readonly MoneyDay[];
  /** Each expert's name and main category (null when none). */
  experts: Readonly<
    Record<string, { name: string; category: CategoryRef | null }>
  >;
  /** Why a cancellation is the expert's absence (services/bookings). */
  expertAbsentReason: string;
}

/** Someone active in the period, and why (see `activePeople`). */
export interface ActivePerson {
  userId: string;
  role: "learner" | "expert";
  signedIn: boolean;
  booked: boolean;
}

export interface CategoryRef {
  id: string;
  name: string;
}

/** The opt-in to the weekly summary email, per admin. */
export const summaryOptInSchema = z.object({
  userId: idSchema,
  since: z.iso.datetime(),
});
export type SummaryOptIn = z.infer<typeof summaryOptInSchema>;
