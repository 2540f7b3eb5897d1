/**
 * Platform settings admins tune without a deploy: the commission, top-up
 * limits, the refund window, the smallest withdrawal, the booking policy,
 * reminder times, retention periods and feature switches.
 */
export {
  DEFAULT_SETTINGS,
  FEATURE_FLAGS,
  type FeatureFlag,
  MAX_REMINDER_HOURS,
  MAX_REMINDERS,
  reminderHoursSchema,
  type Settings,
  type SettingsPatch,
  settingsPatchSchema,
  settingsSchema,
} from "./model.ts";
export { getSettings, lastSeenSettings, updateSettings } from "./settings.ts";
