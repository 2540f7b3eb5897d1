/**
 * Prices as profiles show them: an hourly rate ("$120.00 / hour") and the
 * price a profile is listed at ("From $25.00 · 15 min"), the figure browse
 * filters and sorts on too.
 */
import { formatMoney, type Money } from "@/services/platform/money.ts";
import type { ListedPrice } from "@/services/experts/mod.ts";

/** An hourly rate, e.g. "$120 / hour", with the unit spelled out for screen readers. */
export function Price(
  { money, size = "md" }: { money: Money; size?: "md" | "lg" },
) {
  return (
    <span
      class={`whitespace-nowrap ${size === "lg" ? "text-2xl" : "text-base"}`}
    >
      <span class="font-bold text-slate-900">{formatMoney(money)}</span>{" "}
      <span class="text-sm text-slate-700">
        <span aria-hidden="true">/ hour</span>
        <span class="sr-only">per hour</span>
      </span>
    </span>
  );
}

/**
 * What a profile is listed at: "From €95.00 · 60 min", the cheapest session
 * in its own currency; an hourly rate when no session price is known.
 */
export function ListedPriceTag(
  { price, size = "md" }: { price: ListedPrice; size?: "md" | "lg" },
) {
  if (price.durationMinutes === null) {
    return <Price money={price.money} size={size} />;
  }
  return (
    <span
      class={`whitespace-nowrap ${size === "lg" ? "text-2xl" : "text-base"}`}
    >
      <span class="text-sm text-slate-700">From</span>{" "}
      <span class="font-bold text-slate-900">{formatMoney(price.money)}</span>
      {" "}
      <span class="text-sm text-slate-700">
        <span aria-hidden="true">· {price.durationMinutes} min</span>
        <span class="sr-only">
          for a {price.durationMinutes}-minute session
        </span>
      </span>
    </span>
  );
}
