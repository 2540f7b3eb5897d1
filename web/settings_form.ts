/**
 * The platform settings form: which settings each section of
 * /admin/settings holds, their labels and hints (each number's range read
 * from the settings schema itself, so the form and the service never
 * disagree), and reading a posted section into a settings change.
 */
import type { SettingInput } from "@/components/settings/SettingsSections.tsx";
import {
  FEATURE_FLAGS,
  type FeatureFlag,
  reminderHoursSchema,
  type Settings,
  type SettingsPatch,
  settingsPatchSchema,
} from "@/services/settings/mod.ts";
import { formatCount } from "@/web/format.ts";
import { readFields } from "@/web/forms.ts";

/** The settings typed as numbers. */
type SettingName = Exclude<
  keyof Settings,
  FeatureFlag | "reminderHoursBefore"
>;

const LABELS: Record<SettingName, string> = {
  commissionPercent: "Commission (%)",
  topUpsPerHour: "Top-ups per learner per hour",
  dailyTopUpLimitUsd: "Top-ups per learner per day (USD)",
  customTopUpMin: "Smallest custom top-up",
  customTopUpMax: "Largest custom top-up",
  refundWindowDays: "Refund window (days)",
  minimumWithdrawal: "Smallest withdrawal",
  cancelFullRefundHours:
    "Full refund when the learner cancels at least (hours ahead)",
  lateCancelRefundPercent: "Refund for a later cancellation (%)",
  rescheduleMinHours: "Rescheduling allowed until (hours ahead)",
  maxReschedules: "Reschedules per booking",
  disputeWindowHours: "Dispute window after a session (hours)",
  recordingRetentionDays: "Session recordings (days)",
  deletedAccountMessageRetentionDays: "Messages of deleted accounts (days)",
  auditRetentionDays: "Audit and security events (days)",
  contactRetentionDays: "Contact-form and feedback messages (days)",
  analyticsRetentionDays: "Raw analytics events (days)",
};

const NAMES = Object.keys(LABELS) as SettingName[];

/** The page's sections and the settings each one's form sends. */
export const SECTIONS = {
  money: [
    "commissionPercent",
    "topUpsPerHour",
    "dailyTopUpLimitUsd",
    "customTopUpMin",
    "customTopUpMax",
    "refundWindowDays",
    "minimumWithdrawal",
  ],
  bookings: [
    "cancelFullRefundHours",
    "lateCancelRefundPercent",
    "rescheduleMinHours",
    "maxReschedules",
    "disputeWindowHours",
  ],
  reminders: [],
  retention: [
    "recordingRetentionDays",
    "deletedAccountMessageRetentionDays",
    "auditRetentionDays",
    "contactRetentionDays",
    "analyticsRetentionDays",
  ],
  features: [],
} satisfies Record<string, SettingName[]>;
export type Section = keyof typeof SECTIONS;

export const SWITCHES: Record<FeatureFlag, { label: string; hint: string }> = {
  smsReminders: {
    label: "Text reminders",
    hint:
      "Reminders also go by text to people who verified a mobile number and asked for them. Off: email only.",
  },
  retentionJobs: {
    label: "Retention jobs",
    hint:
      "Data past its retention period is deleted every night. Off (e.g. during a legal hold): nothing is deleted, and each run is recorded as skipped.",
  },
};

export const REMINDER_FIELD: SettingInput = {
  name: "reminderHoursBefore",
  label: "Hours before a session",
  hint:
    "Whole hours from 1 to 24, up to 3 reminders, separated by commas: e.g. 24, 1.",
};
/** What the schema accepts for `name`: whole or not, and the range. */
function rangeOf(name: SettingName) {
  const number = settingsPatchSchema.shape[name].unwrap();
  return {
    whole: Boolean(number.isInt),
    min: number.minValue ?? 0,
    max: number.maxValue ?? Number.MAX_SAFE_INTEGER,
  };
}

function rangeText(name: SettingName): string {
  const { whole, min, max } = rangeOf(name);
  return `${whole ? "A whole number" : "A number"} from ${
    formatCount(min)
  } to ${formatCount(max)}.`;
}

export function fieldsOf(section: Section): SettingInput[] {
  return (SECTIONS[section] as SettingName[]).map((name) => ({
    name,
    label: LABELS[name],
    hint: name === "customTopUpMin" || name === "customTopUpMax" ||
        name === "minimumWithdrawal"
      ? `${rangeText(name)} In whole units of each currency.`
      : rangeText(name),
  }));
}

/** The settings as the forms show them. */
export function formValues(settings: Settings): Record<string, string> {
  return {
    ...Object.fromEntries(NAMES.map((name) => [name, String(settings[name])])),
    reminderHoursBefore: settings.reminderHoursBefore.join(", "),
    ...Object.fromEntries(
      FEATURE_FLAGS.map((flag) => [flag, settings[flag] ? "on" : ""]),
    ),
  };
}

/**
 * The typed settings as numbers, or the fields that are not numbers. Only
 * the settings the form sent change: a form from before a setting existed
 * leaves that setting as it is.
 */
function readSettings(
  values: Record<string, string>,
  sent: SettingName[],
): { patch: SettingsPatch; errors: Record<string, string> } {
  const patch: Record<string, number> & SettingsPatch = {};
  const errors: Record<string, string> = {};
  for (const name of sent) {
    const text = values[name].trim().replaceAll(",", "");
    const { whole, min, max } = rangeOf(name);
    const number = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (
      Number.isNaN(number) || (whole && !Number.isInteger(number)) ||
      number < min || number > max
    ) {
      errors[name] = rangeText(name);
    } else patch[name] = number;
  }
  return { patch, errors };
}

/** "24, 1" as hours, or why it cannot be read. */
function readReminderHours(
  text: string,
): { hours: number[] } | { error: string } {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.some((part) => !/^\d+$/.test(part))) {
    return {
      error: `Use whole hours separated by commas. ${REMINDER_FIELD.hint}`,
    };
  }
  const checked = reminderHoursSchema.safeParse(parts.map(Number));
  return checked.success
    ? { hours: checked.data }
    : { error: checked.error.issues[0].message };
}

/** What one section's form asks to change, or what is wrong with it. */
export function readSection(form: FormData, section: string | null) {
  const values = readFields(form, [
    ...NAMES,
    "reminderHoursBefore",
    ...FEATURE_FLAGS,
  ]);
  // A form from before the sections (no `section`) sends money settings.
  const { patch, errors } = readSettings(
    values,
    NAMES.filter((name) => form.has(name)),
  );
  if (form.has("reminderHoursBefore")) {
    const read = readReminderHours(values.reminderHoursBefore);
    if ("error" in read) errors.reminderHoursBefore = read.error;
    else patch.reminderHoursBefore = read.hours;
  }
  // An unticked box is not sent: the switches' own form says them all.
  if (section === "features") {
    for (const flag of FEATURE_FLAGS) patch[flag] = values[flag] === "on";
  }
  return { values, patch, errors };
}
