/**
 * An expert's package options for one session type on /expert/offerings:
 * up to three rows of "N sessions for a price", with what one session then
 * comes to beside the single price. Clearing a row removes that option
 * (packages already bought keep their terms).
 */
import { Button } from "@/components/Button.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import { money } from "@/web/money_forms.ts";
import type { LoadedOffering } from "@/services/offerings/mod.ts";
import type {
  PackageOptionsFailure,
  PackageRow,
} from "@/web/package_options_form.ts";

/** The id of an offering's package form, for links to it. */
export const packageFormId = (offeringId: string) => `pkg-${offeringId}`;

export function PackageOptionsForm(
  { offering, rows, failure, action, editable }: {
    offering: LoadedOffering;
    rows: PackageRow[];
    failure: PackageOptionsFailure | null;
    action: string;
    editable: boolean;
  },
) {
  const errors = failure?.errors ?? {};
  const id = (field: string, i: number) => `pkg-${offering.id}-${field}${i}`;
  return (
    <form
      id={packageFormId(offering.id)}
      method="post"
      action={action}
      class="space-y-3 scroll-mt-4 rounded-lg border border-slate-200 p-4"
      aria-labelledby={`pkg-${offering.id}-heading`}
    >
      <h3
        id={`pkg-${offering.id}-heading`}
        class="font-semibold text-slate-900"
      >
        {offering.title}{" "}
        <span class="font-normal text-slate-700">
          ({offering.durationMinutes} min,{" "}
          {money(offering.priceMinor, offering.currency)} each)
        </span>
      </h3>
      {failure?.message && <Notice tone="error">{failure.message}</Notice>}
      {errors.form && <Notice tone="error">{errors.form}</Notice>}
      <input type="hidden" name="action" value="packages" />
      <input type="hidden" name="offeringId" value={offering.id} />
      {rows.map((row, i) => (
        <div key={i} class="grid gap-3 sm:grid-cols-2">
          <input type="hidden" name={`optionId${i}`} value={row.optionId} />
          <TextField
            name={`sessions${i}`}
            id={id("sessions", i)}
            label={`Package ${i + 1}: sessions`}
            type="number"
            min="2"
            max="20"
            inputMode="numeric"
            value={row.sessions}
            error={errors[`${i}.sessions`]}
          />
          <TextField
            name={`price${i}`}
            id={id("price", i)}
            label={`Package ${i + 1}: price (${offering.currency})`}
            inputMode="decimal"
            value={row.price}
            error={errors[`${i}.price`]}
            hint="For all its sessions together."
          />
        </div>
      ))}
      {editable && <Button variant="secondary">Save packages</Button>}
    </form>
  );
}
