import type { Offering } from "@/services/offerings/mod.ts";
import { formatMoney } from "@/services/platform/money.ts";

/** An expert's offerings on the public profile: what, how long, how much. */
export function OfferingList({ offerings }: { offerings: Offering[] }) {
  return (
    <ul class="mt-3 grid gap-3 sm:grid-cols-2">
      {offerings.map((offering) => (
        <li
          key={offering.id}
          class="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
        >
          <h3 class="font-semibold text-slate-900">{offering.title}</h3>
          <p class="mt-1 text-sm text-slate-700">
            {`${offering.durationMinutes}-minute session`}
          </p>
          <p class="mt-2 text-lg font-bold text-slate-900">
            {formatMoney({
              amountMinor: offering.priceMinor,
              currency: offering.currency,
            })}
          </p>
          {offering.description && (
            <p class="mt-2 whitespace-pre-line text-sm text-slate-800">
              {offering.description}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
