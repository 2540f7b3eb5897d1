/**
 * The one price a profile is listed at: "from" its cheapest active offering,
 * in that offering's own currency. Cards, the profile, and browse filters
 * and sorts all use this figure (`listedPrice`), so what a visitor filters
 * on is what the card shows.
 *
 * The offerings feature sets `startingPrice` on the profile whenever an
 * offering changes (`startingPriceFromOfferings`); profiles written before
 * it existed fall back to the hourly rate, shown as such.
 */
import { type Money, toUsdMinor } from "@/services/platform/money.ts";

/** What a profile is listed "from": one session's price and its length. */
export interface StartingPrice extends Money {
  durationMinutes: number;
}

/** The figure a profile is listed at. */
export interface ListedPrice {
  money: Money;
  /** The session length the price buys; null when it is an hourly rate. */
  durationMinutes: number | null;
}

/** The fields of an offering the starting price depends on. */
export interface PricedOffering {
  active: boolean;
  priceMinor: number;
  currency: Money["currency"];
  durationMinutes: number;
}

/**
 * The cheapest active session (compared in US dollars at the reference
 * rates search uses); null when nothing is active.
 */
export function startingPriceFromOfferings(
  offerings: readonly PricedOffering[],
): StartingPrice | null {
  const prices = offerings
    .filter((offering) => offering.active)
    .map((offering): StartingPrice => ({
      amountMinor: Math.max(1, offering.priceMinor),
      currency: offering.currency,
      durationMinutes: offering.durationMinutes,
    }));
  if (prices.length === 0) return null;
  return prices.reduce((best, price) =>
    toUsdMinor(price) < toUsdMinor(best) ? price : best
  );
}

/** The price a profile is listed at (see the module comment). */
export function listedPrice(
  expert: { hourlyRate: Money; startingPrice?: StartingPrice | null },
): ListedPrice {
  const start = expert.startingPrice;
  if (start) {
    return {
      money: { amountMinor: start.amountMinor, currency: start.currency },
      durationMinutes: start.durationMinutes,
    };
  }
  return { money: expert.hourlyRate, durationMinutes: null };
}

/** Two starting prices are the same figure. */
export function sameStartingPrice(
  a: StartingPrice | null | undefined,
  b: StartingPrice | null | undefined,
): boolean {
  return (a ?? null) === (b ?? null) ||
    (!!a && !!b && a.amountMinor === b.amountMinor &&
      a.currency === b.currency && a.durationMinutes === b.durationMinutes);
}
