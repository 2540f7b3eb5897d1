import type { Offering, PackageOption } from "@/services/offerings/mod.ts";
import { perSessionMinor } from "@/services/packages/mod.ts";
import { formatMoney } from "@/services/platform/money.ts";

/**
 * An expert's offerings on the public profile: what, how long, how much,
 * and the packages each is also sold in (bought on the booking page).
 */
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
          <PackageLines options={offering.packageOptions ?? []} />
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

/** "Package: 5 sessions for $270.00 ($54.00 each)", one line per option. */
function PackageLines({ options }: { options: PackageOption[] }) {
  if (options.length === 0) return null;
  const money = (amountMinor: number, currency: PackageOption["currency"]) =>
    formatMoney({ amountMinor, currency });
  return (
    <ul class="mt-2 space-y-1 text-sm text-slate-800">
      {options.map((option) => (
        <li key={option.id}>
          {`Package: ${option.sessions} sessions for ${
            money(option.priceMinor, option.currency)
          } (${
            money(
              perSessionMinor(option.priceMinor, option.sessions),
              option.currency,
            )
          } each)`}
        </li>
      ))}
    </ul>
  );
}
