import { formatMoney, type Money } from "@/services/platform/money.ts";

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
