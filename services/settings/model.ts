/**
 * Platform settings: what admins tune without a deploy (the commission,
 * top-up limits, refund and withdrawal rules, the booking cancellation
 * policy, when reminders go out, how long data is kept, and the feature
 * switches). One record, so a change is one audited write and every reader
 * sees a consistent set.
 */
import { z } from "zod";

/** The most reminders one session gets, and the farthest ahead one goes out. */
export const MAX_REMINDERS = 3;
export const MAX_REMINDER_HOURS = 24;

/** Reminder lead times: distinct whole hours (updateSettings stores them largest first). */
export const reminderHoursSchema = z.array(
  z.number().int("Use whole hours.").min(1, "Use 1 hour or more.").max(
    MAX_REMINDER_HOURS,
    `Use at most ${MAX_REMINDER_HOURS} hours.`,
  ),
).min(1, "Keep at least one reminder.").max(
  MAX_REMINDERS,
  `Use at most ${MAX_REMINDERS} reminders.`,
).refine(
  (hours) => new Set(hours).size === hours.length,
  "Use each number of hours once.",
);

const settingsFields = z.object({
  /** The platform's share of each booking, in percent (the rate in force is copied onto each booking). */
  commissionPercent: z.number().min(0, "Use 0 or more.").max(
    50,
    "Use at most 50 %.",
  ),
  /** Top-ups one learner may start per hour. */
  topUpsPerHour: z.number().int().min(1).max(100),
  /** The most one learner may top up per day, in US dollars (other currencies at reference rates). */
  dailyTopUpLimitUsd: z.number().int().min(10).max(100_000),
  /** A custom top-up's smallest and largest amount, in major units of its currency. */
  customTopUpMin: z.number().int().min(1).max(1_000),
  customTopUpMax: z.number().int().min(10).max(100_000),
  /** Days after a top-up during which its unused credits can go back to the card. */
  refundWindowDays: z.number().int().min(0).max(365),
  /** The smallest withdrawal, in major units of its currency. */
  minimumWithdrawal: z.number().int().min(1).max(10_000),
  /** A learner who cancels at least this many hours before the start gets everything back. */
  cancelFullRefundHours: z.number().int().min(0).max(720),
  /** What a learner who cancels later (but before the start) gets back, in percent; the rest goes to the expert. */
  lateCancelRefundPercent: z.number().int().min(0).max(100),
  /** Either side may move a session up to this many hours before its start. */
  rescheduleMinHours: z.number().int().min(0).max(720),
  /** How often one booking may be moved. */
  maxReschedules: z.number().int().min(0).max(10),
  /** Hours after a session's end during which the learner may report a problem before the expert is paid. */
  disputeWindowHours: z.number().int().min(1).max(720),
  /** Days a session recording is kept before it is deleted. */
  recordingRetentionDays: z.number().int().min(1).max(3650),
  /** Days the messages of a deleted account are kept (for the other party and moderation). */
  deletedAccountMessageRetentionDays: z.number().int().min(0).max(3650),
  /** Days security and admin audit events are kept. */
  auditRetentionDays: z.number().int().min(30).max(3650),
  /** Days contact-form and feedback messages are kept. */
  contactRetentionDays: z.number().int().min(7).max(3650),
  /** Days raw product-analytics events are kept (daily roll-ups stay). */
  analyticsRetentionDays: z.number().int().min(7).max(3650),
  /**
   * Hours before a session at which both people are reminded, largest
   * first. Bookings made afterwards follow a change; booked sessions keep
   * the hours they were booked with, also when moved. At most a day ahead, because the
   * reminder says "tomorrow" from 24 hours.
   */
  reminderHoursBefore: reminderHoursSchema,
  /** Feature switch: text reminders to people who verified a mobile number and opted in. */
  smsReminders: z.boolean(),
  /** Feature switch: the daily retention jobs that delete data past its period. */
  retentionJobs: z.boolean(),
});

const customRangeIsOrdered = {
  check: (s: { customTopUpMin?: number; customTopUpMax?: number }) =>
    s.customTopUpMin === undefined || s.customTopUpMax === undefined ||
    s.customTopUpMin < s.customTopUpMax,
  message: "The smallest custom top-up must be below the largest.",
};

export const settingsSchema = settingsFields.refine(
  customRangeIsOrdered.check,
  { message: customRangeIsOrdered.message, path: ["customTopUpMax"] },
).meta({ id: "PlatformSettings" });

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  commissionPercent: 15,
  topUpsPerHour: 5,
  dailyTopUpLimitUsd: 2_000,
  customTopUpMin: 10,
  customTopUpMax: 1_000,
  refundWindowDays: 180,
  minimumWithdrawal: 20,
  cancelFullRefundHours: 24,
  lateCancelRefundPercent: 50,
  rescheduleMinHours: 24,
  maxReschedules: 2,
  disputeWindowHours: 24,
  recordingRetentionDays: 90,
  deletedAccountMessageRetentionDays: 30,
  auditRetentionDays: 730,
  contactRetentionDays: 365,
  analyticsRetentionDays: 400,
  reminderHoursBefore: [24, 1],
  smsReminders: true,
  retentionJobs: true,
};

/** The feature switches, for pages that list them. */
export const FEATURE_FLAGS = ["smsReminders", "retentionJobs"] as const;
export type FeatureFlag = typeof FEATURE_FLAGS[number];

/** A partial change, as admins send it; unknown fields are refused. */
export const settingsPatchSchema = settingsFields.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
