/**
 * The phones feature's shapes: a user's verified mobile number with the
 * "text me reminders" choice, the code waiting to verify a new number, and
 * what the account page and the API show of both.
 */
import { z } from "zod";
import { e164Schema } from "@/services/platform/sms.ts";

/** How long a code works after it was sent. */
export const CODE_TTL_MS = 10 * 60_000;
/** Wrong tries one code allows; then a new code is needed. */
export const MAX_CODE_ATTEMPTS = 5;
/** Digits in a code. */
export const CODE_LENGTH = 6;

/** A user's verified number, stored under ["phones", userId]. */
export const phoneRecordSchema = z.object({
  number: e164Schema,
  verifiedAt: z.string(),
  /** Texts 24 hours and 1 hour before each session. */
  smsReminders: z.boolean(),
  updatedAt: z.string(),
});
export type PhoneRecord = z.infer<typeof phoneRecordSchema>;

/** A code sent to a number not verified yet, stored hashed. */
export const pendingPhoneSchema = z.object({
  number: e164Schema,
  /** SHA-256 of `userId:number:code`: the code itself is never stored. */
  codeHash: z.string(),
  sentAt: z.string(),
  expiresAt: z.string(),
  /** Wrong codes tried so far. */
  attempts: z.number().int().min(0),
});
export type PendingPhone = z.infer<typeof pendingPhoneSchema>;

/** PUT /api/me/phone: the number to verify; a code is texted to it. */
export const phoneNumberInputSchema = z.object({
  number: z.string().trim().min(1, "Enter your mobile number.").max(
    40,
    "That is too long for a phone number.",
  ).describe(
    'A mobile number, best with its country code ("+44 7911 123456"); without one it is read as a number of `country`.',
  ),
  country: z.string().regex(
    /^[A-Z]{2}$/,
    'Use a two-letter country code, like "GB".',
  ).optional().describe(
    "ISO 3166 country for a number written without its country code; by default the country of the user's time zone.",
  ),
});
export type PhoneNumberInput = z.input<typeof phoneNumberInputSchema>;

/** POST /api/me/phone/verify: the code from the text. */
export const phoneCodeInputSchema = z.object({
  code: z.string().transform((code) => code.replace(/[\s-]/g, "")).pipe(
    z.string().regex(
      new RegExp(`^\\d{${CODE_LENGTH}}$`),
      `Enter the ${CODE_LENGTH}-digit code from the text message.`,
    ),
  ),
});
export type PhoneCodeInput = z.input<typeof phoneCodeInputSchema>;

/** PATCH /api/me/phone: text reminders on or off. */
export const smsRemindersInputSchema = z.object({
  smsReminders: z.boolean().describe(
    "Text reminders 24 hours and 1 hour before each session; turning them on needs a verified number.",
  ),
});
export type SmsRemindersInput = z.infer<typeof smsRemindersInputSchema>;

/** What the account page and GET /api/me/phone show. */
export const phoneStateSchema = z.object({
  number: e164Schema.nullable().describe(
    "The verified number (E.164), or null.",
  ),
  verifiedAt: z.string().nullable(),
  smsReminders: z.boolean().describe(
    "Text reminders before sessions (only with a verified number).",
  ),
  pending: z.object({
    number: e164Schema,
    expiresAt: z.string(),
    attemptsLeft: z.number().int().min(0),
    expired: z.boolean(),
  }).nullable().describe(
    "A number waiting for its code (POST /api/me/phone/verify), or null.",
  ),
}).meta({ id: "Phone" });
export type PhoneState = z.infer<typeof phoneStateSchema>;
