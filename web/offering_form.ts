/**
 * The offering forms of the expert pages (application step and
 * /expert/offerings): reading the posted fields, turning a price typed in
 * major units ("45.50") into minor units, and running the add / save /
 * remove action through services/offerings.ts.
 */
import {
  createOffering,
  deleteOffering,
  type Offering,
  type OfferingInput,
  updateOffering,
} from "@/services/offerings/mod.ts";
import { minorUnitExponent } from "@/services/platform/money.ts";
import { formFailure } from "./form_failure.ts";
import { readFields } from "./forms.ts";
import { readAmount } from "./amount_input.ts";

export const OFFERING_FIELDS = [
  "title",
  "durationMinutes",
  "price",
  "currency",
  "description",
  "recordingOffered",
] as const;
export type OfferingField = typeof OFFERING_FIELDS[number];
export type OfferingValues = Record<OfferingField, string>;

/** The blank "add an offering" form. */
export const NEW_OFFERING: OfferingValues = {
  title: "",
  durationMinutes: "60",
  price: "",
  currency: "USD",
  description: "",
  recordingOffered: "",
};

/** The form values that show `offering` for editing. */
export function offeringValues(offering: Offering): OfferingValues {
  const exponent = minorUnitExponent(offering.currency);
  return {
    title: offering.title,
    durationMinutes: String(offering.durationMinutes),
    price: (offering.priceMinor / 10 ** exponent).toFixed(exponent),
    currency: offering.currency,
    description: offering.description,
    recordingOffered: offering.recordingOffered ? "1" : "",
  };
}

/** The posted form as service input, or the field errors of what can't be read. */
function toInput(
  values: OfferingValues,
): { input: OfferingInput } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const price = readAmount(
    values.price,
    values.currency,
    "the price",
    "45 or 45.50",
  );
  if ("problem" in price) errors.price = price.problem;
  if ("problem" in price || Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      title: values.title,
      durationMinutes: Number(values.durationMinutes),
      priceMinor: price.minor,
      currency: values.currency as OfferingInput["currency"],
      description: values.description,
      recordingOffered: values.recordingOffered === "1",
    },
  };
}

/** The outcome of an offering action, ready for the page to show. */
export type OfferingActionResult =
  | { ok: true; done: "added" | "saved" | "removed" }
  | {
    ok: false;
    status: number;
    /** Which form failed: an offering id, or "new" for the add form. */
    formId: string;
    values: OfferingValues;
    errors: Record<string, string>;
    message: string | null;
  };

/**
 * Runs the posted `action` (add, save, remove) for the expert's offerings.
 * Service refusals (bad fields, too many offerings, unknown id) come back as
 * a failed result with the input kept; anything else is thrown.
 */
export async function runOfferingAction(
  kv: Deno.Kv,
  expertId: string,
  form: FormData,
): Promise<OfferingActionResult> {
  const { action, offeringId } = readFields(form, ["action", "offeringId"]);
  const values = readFields(form, OFFERING_FIELDS);
  const formId = action === "add" ? "new" : offeringId;
  const failed = (
    status: number,
    errors: Record<string, string>,
    message: string | null,
  ): OfferingActionResult => ({
    ok: false,
    status,
    formId,
    values,
    errors,
    message,
  });
  try {
    if (action === "remove") {
      await deleteOffering(kv, expertId, offeringId);
      return { ok: true, done: "removed" };
    }
    if (action !== "add" && action !== "save") {
      return failed(400, {}, "That action isn't available.");
    }
    const read = toInput(values);
    if ("errors" in read) return failed(400, read.errors, null);
    if (action === "add") await createOffering(kv, expertId, read.input);
    else {
      await updateOffering(kv, expertId, offeringId, {
        ...read.input,
        description: read.input.description ?? "",
      });
    }
    return { ok: true, done: action === "add" ? "added" : "saved" };
  } catch (error) {
    const failure = formFailure(error);
    const errors = { ...failure.errors };
    if (errors.priceMinor) errors.price = errors.priceMinor;
    const known = Object.keys(errors).some((field) =>
      (OFFERING_FIELDS as readonly string[]).includes(field)
    );
    return failed(
      failure.status,
      errors,
      failure.message ??
        (known ? null : Object.values(errors)[0] ?? "Please check the form."),
    );
  }
}

/** The notice after a successful action (`?done=`). */
export const OFFERING_DONE: Record<string, string> = {
  added: "The offering was added.",
  saved: "The offering was saved.",
  removed: "The offering was removed.",
};

/**
 * The notice after `done`, for an expert whose profile is `published` or
 * not: only learners who could see an offering are told they no longer do.
 */
export function offeringDoneNotice(
  done: string,
  published: boolean,
): string | undefined {
  const notice = OFFERING_DONE[done];
  return notice && done === "removed" && published
    ? `${notice} Learners no longer see it.`
    : notice;
}
