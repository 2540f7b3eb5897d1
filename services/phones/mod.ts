/**
 * The phones feature's public entry: a user's mobile number, verified with
 * a code sent by text, and their choice of text reminders before sessions.
 * Everything outside services/phones/ imports from here.
 */
export {
  CODE_LENGTH,
  CODE_TTL_MS,
  MAX_CODE_ATTEMPTS,
  type PhoneCodeInput,
  phoneCodeInputSchema,
  type PhoneNumberInput,
  phoneNumberInputSchema,
  type PhoneState,
  phoneStateSchema,
  type SmsRemindersInput,
  smsRemindersInputSchema,
} from "./model.ts";
export { CodeSendLimitError, PhoneError } from "./errors.ts";
export {
  countryForTimeZone,
  countryName,
  formatPhoneNumber,
} from "./numbers.ts";
export { getPhoneState, smsReminderNumber } from "./state.ts";
export {
  CODE_SEND_LIMITS,
  requestPhoneCode,
  verifyPhoneCode,
} from "./verification.ts";
export { removePhone, setSmsReminders } from "./settings.ts";
