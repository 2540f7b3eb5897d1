/**
 * The cancellation and reschedule policy in force, in plain words, shown
 * before a learner books and before anyone cancels: the same settings the
 * booking services apply (services/bookings policy.ts).
 */
import type { Settings } from "@/services/settings/mod.ts";
import { plural } from "@/web/format.ts";

type PolicySettings = Pick<
  Settings,
  | "cancelFullRefundHours"
  | "lateCancelRefundPercent"
  | "rescheduleMinHours"
  | "maxReschedules"
  | "disputeWindowHours"
>;

export function CancellationPolicy(
  { settings, id = "policy", heading = true }: {
    settings: PolicySettings;
    id?: string;
    /** False inside a card that already names it. */
    heading?: boolean;
  },
) {
  return (
    <section
      aria-label={heading ? undefined : "If plans change"}
      aria-labelledby={heading ? `${id}-heading` : undefined}
      class="text-sm text-slate-800"
    >
      {heading && (
        <h2 id={`${id}-heading`} class="font-semibold text-slate-900">
          If plans change
        </h2>
      )}
      <ul class="mt-2 list-disc space-y-1 pl-5">
        <li>
          Cancel at least {plural(settings.cancelFullRefundHours, "hour")}{" "}
          before the start: everything goes back to your wallet.
        </li>
        <li>
          Cancel later, before the start:{" "}
          {settings.lateCancelRefundPercent}% goes back to your wallet; the rest
          goes to the expert.
        </li>
        <li>Cancel after the start: nothing goes back.</li>
        <li>
          If the expert cancels, everything goes back to your wallet.
        </li>
        <li>
          Either of you can move the session until{" "}
          {plural(settings.rescheduleMinHours, "hour")} before it starts, up to
          {" "}
          {plural(settings.maxReschedules, "time")}.
        </li>
        <li>
          Something went wrong? Report it within{" "}
          {plural(settings.disputeWindowHours, "hour")} after the session.
        </li>
      </ul>
    </section>
  );
}
