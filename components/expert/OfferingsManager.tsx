/**
 * The offering forms of the expert pages (application step and
 * /expert/offerings): the list with an edit and a remove form per offering,
 * and the form to add one. Running the posted action is web/offering_form.ts.
 */
import type { Offering } from "@/services/offerings/mod.ts";
import { SESSION_DURATIONS } from "@/services/offerings/mod.ts";
import { SUPPORTED_CURRENCIES } from "@/services/platform/money.ts";
import { Button } from "@/components/Button.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Checkbox, SelectField, TextField } from "@/components/form/inputs.tsx";
import { describeOffering } from "@/web/format.ts";
import {
  NEW_OFFERING,
  type OfferingActionResult,
  type OfferingValues,
  offeringValues,
} from "@/web/offering_form.ts";

/** A failed offering form to show again, with its input and errors. */
export type OfferingFailure = Extract<OfferingActionResult, { ok: false }>;

const DURATIONS = SESSION_DURATIONS.map((minutes) => ({
  value: String(minutes),
  label: `${minutes} minutes`,
}));
const CURRENCIES = SUPPORTED_CURRENCIES.map((code) => ({
  value: code,
  label: code,
}));

/** The fields of one offering form; `prefix` keeps ids unique on the page. */
function OfferingFields(
  { prefix, values, errors }: {
    prefix: string;
    values: OfferingValues;
    errors: Record<string, string>;
  },
) {
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <div class="grid gap-4 sm:grid-cols-2">
      <TextField
        id={id("title")}
        name="title"
        label="Title"
        required
        value={values.title}
        error={errors.title}
        hint="3 to 80 characters, e.g. “Portfolio review”."
      />
      <SelectField
        id={id("duration")}
        name="durationMinutes"
        label="Session length"
        required
        options={DURATIONS}
        value={values.durationMinutes}
        error={errors.durationMinutes}
      />
      <TextField
        id={id("price")}
        name="price"
        label="Price"
        required
        inputMode="decimal"
        value={values.price}
        error={errors.price}
        hint="For one session."
      />
      <SelectField
        id={id("currency")}
        name="currency"
        label="Currency"
        required
        options={CURRENCIES}
        value={values.currency}
        error={errors.currency}
      />
      <div class="sm:col-span-2">
        <TextField
          id={id("description")}
          name="description"
          label="Description"
          value={values.description}
          error={errors.description}
        />
      </div>
      <div class="sm:col-span-2">
        <Checkbox
          id={id("recordingOffered")}
          name="recordingOffered"
          value="1"
          checked={values.recordingOffered === "1"}
          label="Offer to record sessions (each learner chooses when booking; both see when it records)"
        />
      </div>
    </div>
  );
}

/**
 * The expert's offerings with an edit form and a remove button each, and a
 * form to add one. Every form posts to `action`; a failed form comes back
 * open with the expert's input and the errors beside the fields.
 */
export function OfferingsManager(
  { offerings, action, failure, editable = true }: {
    offerings: Offering[];
    action: string;
    failure: OfferingFailure | null;
    /** False while the application is under review: the list is read-only. */
    editable?: boolean;
  },
) {
  const failedHere = (formId: string) =>
    failure && failure.formId === formId ? failure : null;
  const addFailure = failedHere("new");
  return (
    <div class="space-y-6">
      {offerings.length === 0
        ? (
          <p>
            No offerings yet. Add at least one session type learners can book.
          </p>
        )
        : (
          <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200">
            {offerings.map((offering) => {
              const own = failedHere(offering.id);
              return (
                <li
                  key={offering.id}
                  class="p-4"
                  id={`offering-${offering.id}`}
                >
                  <p class="font-semibold text-slate-900">{offering.title}</p>
                  <p class="text-sm text-slate-700">
                    {describeOffering(offering)}
                  </p>
                  {offering.description && (
                    <p class="mt-1 whitespace-pre-line text-sm text-slate-800">
                      {offering.description}
                    </p>
                  )}
                  {editable && (
                    <div class="mt-3 space-y-3">
                      <details open={own !== null}>
                        <summary class="cursor-pointer text-sm font-semibold text-brand-800 underline">
                          Edit {offering.title}
                        </summary>
                        <form
                          method="post"
                          action={action}
                          noValidate
                          class="mt-3 space-y-4"
                        >
                          <input type="hidden" name="action" value="save" />
                          <input
                            type="hidden"
                            name="offeringId"
                            value={offering.id}
                          />
                          {own?.message && (
                            <Notice tone="error">{own.message}</Notice>
                          )}
                          <OfferingFields
                            prefix={`offering-${offering.id}`}
                            values={own?.values ?? offeringValues(offering)}
                            errors={own?.errors ?? {}}
                          />
                          <Button>Save {offering.title}</Button>
                        </form>
                      </details>
                      <form method="post" action={action}>
                        <input type="hidden" name="action" value="remove" />
                        <input
                          type="hidden"
                          name="offeringId"
                          value={offering.id}
                        />
                        <Button variant="secondary">
                          Remove {offering.title}
                        </Button>
                      </form>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      {editable && (
        <form
          method="post"
          action={action}
          noValidate
          aria-labelledby="add-offering-heading"
          class="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4"
        >
          <h3 id="add-offering-heading" class="font-semibold text-slate-900">
            Add an offering
          </h3>
          <input type="hidden" name="action" value="add" />
          {addFailure?.message && (
            <Notice tone="error">{addFailure.message}</Notice>
          )}
          <OfferingFields
            prefix="new-offering"
            values={addFailure?.values ?? NEW_OFFERING}
            errors={addFailure?.errors ?? {}}
          />
          <Button>Add offering</Button>
        </form>
      )}
    </div>
  );
}
