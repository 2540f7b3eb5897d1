/**
 * Phone numbers as people type them, made into E.164 with Google's
 * libphonenumber metadata (`libphonenumber-js`, the "max" set, which knows
 * mobile ranges from landlines): "07911 123456" in the United Kingdom
 * becomes "+447911123456". A number without its country code is read as a
 * number of the country the user names, else of their time zone's country.
 */
import timezones from "countries-and-timezones";
import {
  type CountryCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from "libphonenumber-js/max";
import { ValidationError } from "@/services/platform/errors.ts";

/** Kinds of number that cannot receive a text message. */
const NOT_FOR_TEXTS = new Set([
  "FIXED_LINE",
  "TOLL_FREE",
  "PREMIUM_RATE",
  "SHARED_COST",
  "VOICEMAIL",
  "UAN",
  "PAGER",
]);

const EXAMPLE = "+44 7911 123456";

/** The country a time zone belongs to (the first, where several share it), or null. */
export function countryForTimeZone(timeZone: string): string | null {
  const country = timezones.getTimezone(timeZone)?.countries[0];
  return country && isSupportedCountry(country) ? country : null;
}

/** A country's name in English ("GB" → "United Kingdom"). */
export function countryName(country: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(country) ??
      country;
  } catch {
    return country;
  }
}

function refuse(message: string): never {
  throw new ValidationError("Check the phone number.", { number: [message] });
}

/**
 * `input` as an E.164 mobile number; `country` reads a number written
 * without its country code. ValidationError (field `number`) saying what is
 * wrong: not a number, no country to read it in, not a valid number, or a
 * landline.
 */
export function normalisePhoneNumber(
  input: string,
  country: string | null,
): string {
  const text = input.trim();
  if (!/\d/.test(text) || /[^\d\s()+.\-/]/.test(text)) {
    refuse(`Enter a phone number using digits, like ${EXAMPLE}.`);
  }
  const defaultCountry = country && isSupportedCountry(country)
    ? country as CountryCode
    : undefined;
  if (!text.startsWith("+") && !text.startsWith("00") && !defaultCountry) {
    refuse(`Add your country code at the start, like ${EXAMPLE}.`);
  }
  const parsed = parsePhoneNumberFromString(
    text.startsWith("00") ? `+${text.slice(2)}` : text,
    defaultCountry,
  );
  if (!parsed || !parsed.isValid()) {
    refuse(
      defaultCountry && !text.startsWith("+")
        ? `This isn't a valid number in ${
          countryName(defaultCountry)
        }. Check it, or add the country code, like ${EXAMPLE}.`
        : `This isn't a valid phone number. Check it, including the country code, like ${EXAMPLE}.`,
    );
  }
  const type = parsed.getType();
  if (type && NOT_FOR_TEXTS.has(type)) {
    refuse(
      type === "FIXED_LINE"
        ? "This looks like a landline, which can't receive text messages. Enter a mobile number."
        : "This number can't receive text messages. Enter a mobile number.",
    );
  }
  return parsed.number;
}

/** An E.164 number as people read it: "+44 7911 123456". */
export function formatPhoneNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The last digits only, for the audit log: "…3456". */
export function maskPhoneNumber(e164: string): string {
  return `…${e164.slice(-4)}`;
}
