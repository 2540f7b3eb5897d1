/**
 * Platform settings admins tune without a deploy: the commission, top-up
 * limits, the refund window and the smallest withdrawal.
 */
export {
  DEFAULT_SETTINGS,
  type Settings,
  type SettingsPatch,
  settingsPatchSchema,
  settingsSchema,
} from "./model.ts";
export { getSettings, updateSettings } from "./settings.ts";
