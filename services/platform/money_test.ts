import { expect } from "expect";
import {
  formatApproxUsd,
  formatAxisMoney,
  formatMoney,
  minorUnitExponent,
  moneyFromMajor,
  moneySchema,
  SUPPORTED_CURRENCIES,
  toUsdMinor,
  USD_PER_UNIT,
  USD_RATES_UPDATED,
} from "./money.ts";

Deno.test("formatMoney uses the currency's minor unit", () => {
  expect(formatMoney({ amountMinor: 12000, currency: "USD" })).toBe("$120.00");
  expect(formatMoney({ amountMinor: 8550, currency: "EUR" })).toBe("€85.50");
  expect(formatMoney({ amountMinor: 650000, currency: "INR" })).toBe(
    "₹6,500.00",
  );
  expect(formatMoney({ amountMinor: 9900, currency: "GBP" }, "en-GB")).toBe(
    "£99.00",
  );
  expect(formatMoney({ amountMinor: 8550, currency: "EUR" }, "de-DE")).toBe(
    "85,50\u00a0€",
  );
});

Deno.test("minorUnitExponent knows zero-decimal currencies too", () => {
  expect(minorUnitExponent("USD")).toBe(2);
  expect(minorUnitExponent("JPY")).toBe(0);
});

Deno.test("moneyFromMajor converts to integer minor units", () => {
  expect(moneyFromMajor(120, "USD")).toEqual({
    amountMinor: 12000,
    currency: "USD",
  });
  expect(moneyFromMajor(0.1 + 0.2, "EUR").amountMinor).toBe(30);
});

Deno.test("moneySchema rejects floats and unsupported currencies", () => {
  expect(moneySchema.safeParse({ amountMinor: 10.5, currency: "USD" }).success)
    .toBe(false);
  expect(moneySchema.safeParse({ amountMinor: 100, currency: "JPY" }).success)
    .toBe(false);
  expect(moneySchema.safeParse({ amountMinor: 100, currency: "CAD" }).success)
    .toBe(true);
});

Deno.test("toUsdMinor converts at the reference rates, in whole cents", () => {
  expect(toUsdMinor({ amountMinor: 12345, currency: "USD" })).toBe(12345);
  expect(toUsdMinor({ amountMinor: 10000, currency: "EUR" })).toBe(10800);
  expect(toUsdMinor({ amountMinor: 800000, currency: "INR" })).toBe(9600);
  expect(toUsdMinor({ amountMinor: 10000, currency: "GBP" })).toBe(12700);
  expect(toUsdMinor({ amountMinor: 10000, currency: "CAD" })).toBe(7300);
  expect(toUsdMinor({ amountMinor: 12000, currency: "AUD" })).toBe(7920);
  // Rounds to the nearest cent: ₹1.00 × 0.012 = 1.2 cents.
  expect(toUsdMinor({ amountMinor: 100, currency: "INR" })).toBe(1);
  expect(toUsdMinor({ amountMinor: 0, currency: "EUR" })).toBe(0);
});

Deno.test("every supported currency has a positive reference rate", () => {
  for (const currency of SUPPORTED_CURRENCIES) {
    expect(USD_PER_UNIT[currency]).toBeGreaterThan(0);
    expect(Number.isInteger(toUsdMinor({ amountMinor: 9999, currency })))
      .toBe(true);
  }
  expect(USD_RATES_UPDATED).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

Deno.test("formatApproxUsd shows whole dollars, and nothing for USD", () => {
  expect(formatApproxUsd({ amountMinor: 10000, currency: "EUR" })).toBe(
    "≈ $108",
  );
  expect(formatApproxUsd({ amountMinor: 650000, currency: "INR" })).toBe(
    "≈ $78",
  );
  expect(formatApproxUsd({ amountMinor: 10000, currency: "USD" })).toBeNull();
});

Deno.test("axis amounts drop minor digits only when there are none", () => {
  expect(formatAxisMoney({ amountMinor: 15000, currency: "USD" })).toBe("$150");
  expect(formatAxisMoney({ amountMinor: 5150, currency: "USD" })).toBe(
    "$51.50",
  );
  expect(formatAxisMoney({ amountMinor: 0, currency: "EUR" })).toBe("€0");
  expect(formatAxisMoney({ amountMinor: 120000, currency: "INR" })).toBe(
    "₹1,200",
  );
});
