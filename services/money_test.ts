import { expect } from "expect";
import {
  formatMoney,
  minorUnitExponent,
  moneyFromMajor,
  moneySchema,
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
