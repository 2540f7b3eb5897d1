import { expect } from "expect";
import { ValidationError } from "@/services/platform/errors.ts";
import {
  countryForTimeZone,
  formatPhoneNumber,
  maskPhoneNumber,
  normalisePhoneNumber,
} from "./numbers.ts";

function refusal(input: string, country: string | null = null): string {
  try {
    normalisePhoneNumber(input, country);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors.number[0];
  }
  throw new Error(`${input} was accepted`);
}

Deno.test("numbers become E.164, with the country read from the number or given", () => {
  expect(normalisePhoneNumber("+44 7911 123456", null)).toBe("+447911123456");
  expect(normalisePhoneNumber("07911 123456", "GB")).toBe("+447911123456");
  expect(normalisePhoneNumber("0044 7911 123456", null)).toBe(
    "+447911123456",
  );
  expect(normalisePhoneNumber("(415) 555-2671", "US")).toBe("+14155552671");
  // A country code wins over the country given.
  expect(normalisePhoneNumber("+49 1512 3456789", "US")).toBe(
    "+4915123456789",
  );
});

Deno.test("numbers that cannot get a text are refused, saying why", () => {
  expect(refusal("call me")).toMatch(/digits/);
  expect(refusal("07911 123456")).toMatch(/country code/);
  expect(refusal("12", "DE")).toMatch(/valid number in Germany/);
  expect(refusal("+44 12")).toMatch(/isn't a valid phone number/);
  expect(refusal("020 7946 0018", "GB")).toMatch(/landline/);
  expect(refusal("0800 123 4567", "GB")).toMatch(/can't receive text/);
});

Deno.test("a time zone hints at its country; numbers are shown and masked", () => {
  expect(countryForTimeZone("Europe/London")).toBe("GB");
  expect(countryForTimeZone("America/New_York")).toBe("US");
  expect(countryForTimeZone("UTC")).toBe(null);
  expect(formatPhoneNumber("+447911123456")).toBe("+44 7911 123456");
  expect(maskPhoneNumber("+447911123456")).toBe("…3456");
});
