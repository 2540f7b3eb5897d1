/**
 * Amounts of money as people type them, in the currency's major unit:
 * "45", "45.50", "45,50", "1,200", "1.200,50", "1 200". Either mark may
 * separate the decimals, because a learner in Berlin writes "40,50" where
 * one in Boston writes "40.50"; reading the comma as a thousands mark would
 * turn €40.50 into €4,050.00.
 *
 * How a mark is read:
 *   - the last mark separates the decimals, unless it is followed by exactly
 *     three digits and is the only kind of mark ("1,200" and "1.200" are
 *     twelve hundred: no currency here has three decimals);
 *   - the other marks group thousands, in threes, all of one kind;
 *   - spaces and apostrophes group too ("1 200", "1'200").
 * Anything else ("1,2,3", "4.5.6,7", "-10", "ten") is not an amount.
 */
import {
  minorUnitExponent,
  SUPPORTED_CURRENCIES,
} from "@/services/platform/money.ts";

/** The most digits before the decimals (a price is far below a billion). */
const MAX_WHOLE_DIGITS = 9;

/**
 * `text` in `currency`'s major unit → minor units, or null when it is not
 * one amount with at most the currency's decimals.
 *
 * @example
 * parseAmount("40,50", "EUR"); // 4050
 * parseAmount("1,200.00", "USD"); // 120000
 * parseAmount("1.200", "EUR"); // 120000
 * parseAmount("4.5.6", "USD"); // null
 */
export function parseAmount(text: string, currency: string): number | null {
  const exponent = minorUnitExponent(
    (SUPPORTED_CURRENCIES as readonly string[]).includes(currency)
      ? currency
      : "USD",
  );
  const typed = text.trim().replace(/[\s'\u00a0\u202f]/g, "");
  if (!/^\d[\d.,]*$/.test(typed)) return null;

  const marks = [...typed.matchAll(/[.,]/g)];
  const last = marks.at(-1);
  let whole = typed;
  let fraction = "";
  if (last) {
    const after = typed.slice(last.index + 1);
    const sameKind = marks.filter((mark) => mark[0] === last[0]).length;
    const onlyKind = sameKind === marks.length;
    const groupsThousands = after.length === 3 && onlyKind;
    if (sameKind === 1 && !groupsThousands) {
      whole = typed.slice(0, last.index);
      fraction = after;
    }
  }
  if (fraction.length > exponent) return null;
  if (/[.,]/.test(whole)) {
    const group = whole.match(/[.,]/)![0];
    const grouped = new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`);
    if (!grouped.test(whole)) return null;
    whole = whole.replaceAll(group, "");
  }
  if (whole.length > MAX_WHOLE_DIGITS) return null;
  return Number(whole) * 10 ** exponent +
    Number(fraction.padEnd(exponent, "0") || "0");
}

/**
 * A typed amount, or the message for its field: negative amounts and
 * (unless `allowZero`) zero are named as such; anything else unreadable is
 * asked for again as a number like `example`.
 *
 * @example
 * const price = readAmount(values.price, "EUR", "the price", "45 or 45.50");
 * if ("problem" in price) errors.price = price.problem;
 */
export function readAmount(
  text: string,
  currency: string,
  what: string,
  example: string,
  { allowZero = false }: { allowZero?: boolean } = {},
): { minor: number } | { problem: string } {
  const What = `${what[0].toUpperCase()}${what.slice(1)}`;
  const minor = parseAmount(text, currency);
  if (minor !== null && (minor > 0 || allowZero)) return { minor };
  if (minor === 0) return { problem: `${What} must be more than zero.` };
  if (text.trim().startsWith("-")) {
    return { problem: `${What} can't be negative.` };
  }
  return { problem: `Give ${what} as a number, e.g. ${example}.` };
}
