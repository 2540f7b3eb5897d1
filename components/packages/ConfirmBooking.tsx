/**
 * The last step of the booking form: the price, the learner's package
 * credits and wallet, the policy, and how to pay. With credits for this
 * session type, booking with a credit comes first (the button sends
 * `packageId`) and the wallet second; a short wallet is offered the hold.
 */
import { Button } from "@/components/Button.tsx";
import { CancellationPolicy } from "@/components/bookings/Policy.tsx";
import { money } from "@/web/money_forms.ts";
import type { LoadedOffering } from "@/services/offerings/mod.ts";
import { nextCreditValue, type Package } from "@/services/packages/mod.ts";
import type { Settings } from "@/services/settings/mod.ts";

export function ConfirmBooking(
  { offering, credits, balanceMinor, shortMinor, settings }: {
    offering: LoadedOffering;
    credits: Package | null;
    balanceMinor: number;
    /** The wallet is short by this much: offer to hold the time and pay it. */
    shortMinor: number | null;
    settings: Settings;
  },
) {
  return (
    <div class="rounded-lg bg-slate-50 p-4">
      <h2 class="text-lg font-semibold text-slate-900">
        3. Confirm
      </h2>
      <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt class="text-slate-700">Price</dt>
        <dd class="font-semibold text-slate-900">
          {money(offering.priceMinor, offering.currency)}
        </dd>
        {credits && (
          <>
            <dt class="text-slate-700">Your package</dt>
            <dd class="text-slate-900">
              {credits.creditsLeft} of {credits.sessions}{" "}
              sessions left (a credit is worth{" "}
              {money(nextCreditValue(credits), credits.currency)})
            </dd>
          </>
        )}
        <dt class="text-slate-700">Your wallet</dt>
        <dd class="text-slate-900">
          {money(balanceMinor, offering.currency)} in credits
        </dd>
      </dl>
      <div class="mt-4">
        <CancellationPolicy settings={settings} />
        {credits && (
          <p class="mt-2 text-sm text-slate-800">
            Booked with a package credit, the same rules apply to the credit's
            worth: cancel in time and the credit goes back to your package;
            later,{" "}
            {settings.lateCancelRefundPercent}% of its worth goes to your wallet
            and the credit is used.
          </p>
        )}
      </div>
      <div class="mt-4 flex flex-wrap gap-3">
        {credits && (
          <Button
            type="submit"
            name="packageId"
            value={credits.id}
          >
            Book with a package credit
          </Button>
        )}
        {shortMinor !== null
          ? (
            <Button type="submit" name="hold" value="1">
              Hold this time and pay {money(shortMinor, offering.currency)}
            </Button>
          )
          : (
            <Button
              type="submit"
              variant={credits ? "secondary" : "primary"}
            >
              {credits ? "Pay" : "Book for"}{" "}
              {money(offering.priceMinor, offering.currency)}
              {credits ? " from your wallet" : ""}
            </Button>
          )}
      </div>
      <p class="mt-2 text-sm text-slate-700">
        {credits
          ? "A package credit pays for the session with nothing more from your wallet; or pay the price from your wallet credits."
          : "The price is paid from your wallet credits when you book."}
      </p>
    </div>
  );
}
