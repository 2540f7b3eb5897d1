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
// lists format hundreds of amounts per page: keep one per locale+currency.
const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(locale: string, currency: string) {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const exponent = new Intl.NumberFormat("en", {
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

/** How many minor units make one major unit, e.g. 2 → 100 cents per dollar. */
export function minorUnitExponent(currency: string): number {
  return currencyFormatter("en", currency).resolvedOptions()
    .maximumFractionDigits ?? 2;
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
