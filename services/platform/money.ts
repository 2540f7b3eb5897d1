/**
 * Money is an integer amount of the currency's minor unit (cents, pence,
 * paise) plus its ISO 4217 code. Never floats.
 */
import { z } from "zod";

export const SUPPORTED_CURRENCIES = [
  "USD",
  "EUR",
  "GBP",
  "INR",
  "CAD",
  "AUD",
] as const;

export type Currency = typeof SUPPORTED_CURRENCIES[number];

export const currencySchema = z.enum(SUPPORTED_CURRENCIES);

export const moneySchema = z.object({
  amountMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  currency: currencySchema,
});

export type Money = z.infer<typeof moneySchema>;

// Building an Intl.NumberFormat costs far more than using one, and price
// lists format hundreds of amounts per page: keep one per locale, currency
// and number of minor digits (the currency's own unless `digits` says).
const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(locale: string, currency: string, digits?: number) {
  const key = `${locale}|${currency}|${digits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const exponent = digits ?? new Intl.NumberFormat("en", {
      style: "currency",
      currency,
    }).resolvedOptions().maximumFractionDigits ?? 2;
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

const exponents = new Map<string, number>();

/** How many minor units make one major unit, e.g. 2 → 100 cents per dollar. */
export function minorUnitExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    // resolvedOptions() builds a new object on each call: ask once.
    exponent = currencyFormatter("en", currency).resolvedOptions()
      .maximumFractionDigits ?? 2;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** Builds Money from a major-unit amount, e.g. `moneyFromMajor(120, "USD")`. */
export function moneyFromMajor(amount: number, currency: Currency): Money {
  const factor = 10 ** minorUnitExponent(currency);
  return { amountMinor: Math.round(amount * factor), currency };
}

/**
 * Formats money for people, e.g. `$120.00` or `€85.50`. Whole amounts keep
 * their minor digits so prices line up in lists.
 */
export function formatMoney(money: Money, locale = "en-US"): string {
  const exponent = minorUnitExponent(money.currency);
  return currencyFormatter(locale, money.currency).format(
    money.amountMinor / 10 ** exponent,
  );
}

/**
 * An amount short enough for a chart's axis: whole amounts without minor
 * digits (`$150`), others as `formatMoney` writes them (`$51.50`).
 */
export function formatAxisMoney(money: Money, locale = "en-US"): string {
  const exponent = minorUnitExponent(money.currency);
  if (money.amountMinor % 10 ** exponent !== 0) {
    return formatMoney(money, locale);
  }
  return currencyFormatter(locale, money.currency, 0).format(
    money.amountMinor / 10 ** exponent,
  );
}

// ---------------------------------------------------------------------------
// Comparing amounts across currencies

/**
 * Approximate reference exchange rates: US dollars per one major unit of each
 * supported currency. They are NOT live quotes: they are rounded by hand and
 * only used to filter and sort experts whose rates are in different
 * currencies (an expert's own currency is what learners are shown and
 * charged). Update them by hand, with the date below, when they drift by more
 * than a few percent or a currency is added (the type makes a missing one a
 * compile error).
 */
export const USD_PER_UNIT: Readonly<Record<Currency, number>> = {
  USD: 1,
  EUR: 1.08,
  GBP: 1.27,
  INR: 0.012,
  CAD: 0.73,
  AUD: 0.66,
};

/** When `USD_PER_UNIT` was last set by hand (ISO date). */
export const USD_RATES_UPDATED = "2026-11-23";

/**
 * The amount in US cents at the approximate reference rate, rounded to a
 * whole cent, e.g. €100.00 → 10800. Use it to compare or sort amounts in
 * different currencies, never to charge anyone.
 */
export function toUsdMinor(money: Money): number {
  const major = money.amountMinor / 10 ** minorUnitExponent(money.currency);
  return Math.round(major * USD_PER_UNIT[money.currency] * 100);
}

/**
 * The approximate US-dollar value for people, rounded to whole dollars,
 * e.g. `≈ $108` for €100.00. Returns null for amounts already in USD, where
 * an approximation would only repeat the price.
 */
export function formatApproxUsd(money: Money, locale = "en-US"): string | null {
  if (money.currency === "USD") return null;
  const dollars = Math.round(toUsdMinor(money) / 100);
  return `≈ ${currencyFormatter(locale, "USD", 0).format(dollars)}`;
}
