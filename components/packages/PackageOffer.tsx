/**
 * The packages of a session type on the booking page: the learner's own
 * credits for it, if any, and the package options on offer, each with what
 * one session comes to and what it saves, and a button that buys it from
 * the wallet (a form of its own: the booking form below it books).
 */
import { Button } from "@/components/Button.tsx";
import { money } from "@/web/money_forms.ts";
import { plural } from "@/web/format.ts";
import type { LoadedOffering } from "@/services/offerings/mod.ts";
import { type Package, perSessionMinor } from "@/services/packages/mod.ts";

export function PackageOffer(
  { offering, credits, action }: {
    offering: LoadedOffering;
    /** The learner's active package for this session type with credits left. */
    credits: Package | null;
    /** Where the buy forms post (the booking page itself). */
    action: string;
  },
) {
  const options = offering.packageOptions;
  if (options.length === 0 && !credits) return null;
  return (
    <section aria-labelledby="packages-heading" class="space-y-3">
      <h2 id="packages-heading" class="text-lg font-semibold text-slate-900">
        Save with a package
      </h2>
      {credits && (
        <p
          class="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950"
          role="status"
        >
          You have{" "}
          <strong>
            {credits.creditsLeft} of {credits.sessions}
          </strong>{" "}
          sessions left in your package. Choose a time below and book with a
          credit: nothing more is taken from your wallet.
        </p>
      )}
      {options.length > 0 && (
        <>
          <p class="text-sm text-slate-700">
            Pay for several sessions of "{offering.title}" at once, for less.
            The whole price comes from your wallet now; each session is then
            booked with a credit. Cancel the package any time to get its unused
            sessions refunded.
          </p>
          <ul class="grid gap-3 sm:grid-cols-2">
            {options.map((option) => {
              const each = perSessionMinor(option.priceMinor, option.sessions);
              const saved = option.sessions * offering.priceMinor -
                option.priceMinor;
              return (
                <li
                  key={option.id}
                  class="flex flex-col justify-between gap-3 rounded-lg border border-slate-300 bg-white p-4"
                >
                  <div>
                    <p class="font-semibold text-slate-900">
                      {option.sessions} sessions ·{" "}
                      {money(option.priceMinor, option.currency)}
                    </p>
                    <p class="text-sm text-slate-700">
                      {money(each, option.currency)} a session
                      {saved > 0 && (
                        <>
                          {" "}· you save{" "}
                          <strong class="text-emerald-800">
                            {money(saved, option.currency)}
                          </strong>
                        </>
                      )}
                    </p>
                  </div>
                  <form method="post" action={action}>
                    <input type="hidden" name="action" value="buy-package" />
                    <input
                      type="hidden"
                      name="offeringId"
                      value={offering.id}
                    />
                    <input type="hidden" name="optionId" value={option.id} />
                    <Button variant="secondary">
                      Buy {plural(option.sessions, "session")} for{" "}
                      {money(option.priceMinor, option.currency)}
                    </Button>
                  </form>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
