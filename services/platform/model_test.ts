import { expect } from "expect";
import {
  canonicalTimeZoneOf,
  emailSchema,
  isCanonicalTimeZone,
  languageCodeSchema,
  personNameSchema,
  timeZoneNames,
  timeZoneSchema,
} from "./model.ts";

Deno.test("time zones: canonical IANA names only, older runtime spellings stored canonically", () => {
  for (
    const zone of [
      "Europe/Paris",
      "America/New_York",
      "Asia/Kolkata",
      "Europe/Kyiv",
      "Australia/Lord_Howe",
      "Asia/Kathmandu",
      "Pacific/Chatham",
      "UTC",
    ]
  ) {
    expect(timeZoneSchema.parse(zone)).toBe(zone);
  }
  expect(timeZoneSchema.parse("Asia/Calcutta")).toBe("Asia/Kolkata");
  expect(timeZoneSchema.parse("Europe/Kiev")).toBe("Europe/Kyiv");
  for (
    const zone of ["EST", "US/Eastern", "GMT+5", "Mars/Olympus", "", "utc"]
  ) {
    expect(timeZoneSchema.safeParse(zone).success).toBe(false);
  }
  expect(canonicalTimeZoneOf("EST")).toBeNull();
});

Deno.test("every zone the picker offers is accepted and known to Temporal", () => {
  const names = timeZoneNames();
  expect(names.length).toBeGreaterThan(300);
  for (const zone of names) {
    expect(isCanonicalTimeZone(zone)).toBe(true);
    expect(Temporal.Now.zonedDateTimeISO(zone).timeZoneId).toBe(zone);
  }
});

Deno.test("names, emails and languages share one rule each", () => {
  expect(personNameSchema.safeParse("x".repeat(100)).success).toBe(true);
  expect(personNameSchema.safeParse("x".repeat(101)).success).toBe(false);
  expect(personNameSchema.safeParse("  ").success).toBe(false);
  expect(emailSchema.parse(" Ada@Example.COM ")).toBe("ada@example.com");
  expect(languageCodeSchema.parse("EN")).toBe("en");
  expect(languageCodeSchema.safeParse("eng").success).toBe(false);
});
