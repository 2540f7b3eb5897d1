/**
 * The package-options form of /expert/offerings: one form per session
 * type with up to MAX_PACKAGE_OPTIONS rows (sessions, price in major
 * units). Reading the rows (an empty row is no option, so clearing a row
 * removes it), and saving them through the offerings service, whose
 * refusals come back per row and field.
 */
import {
  getOffering,
  MAX_PACKAGE_OPTIONS,
  type Offering,
  type PackageOptionInput,
  updateOffering,
} from "@/services/offerings/mod.ts";
import { minorUnitExponent } from "@/services/platform/money.ts";
import { formFailure } from "./form_failure.ts";
import { readAmount } from "./amount_input.ts";

export interface PackageRow {
  optionId: string;
  sessions: string;
  price: string;
}

export interface PackageOptionsFailure {
  offeringId: string;
  rows: PackageRow[];
  /** Keyed `<row>.sessions`, `<row>.price`, or `form` for the whole list. */
  errors: Record<string, string>;
  message: string | null;
  status: number;
}

/** The rows showing `offering`'s options, padded with empty ones. */
export function packageRows(offering: Offering): PackageRow[] {
  const exponent = minorUnitExponent(offering.currency);
  const rows = (offering.packageOptions ?? []).map((option) => ({
    optionId: option.id,
    sessions: String(option.sessions),
    price: (option.priceMinor / 10 ** exponent).toFixed(exponent),
  }));
  while (rows.length < MAX_PACKAGE_OPTIONS) {
    rows.push({ optionId: "", sessions: "", price: "" });
  }
  return rows;
}

function readRows(form: FormData): PackageRow[] {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  return Array.from({ length: MAX_PACKAGE_OPTIONS }, (_, i) => ({
    optionId: text(`optionId${i}`),
    sessions: text(`sessions${i}`),
    price: text(`price${i}`),
  }));
}

/**
 * Saves the posted rows as the offering's package options. Null when
 * saved; else what the form shows again.
 */
export async function savePackageOptions(
  kv: Deno.Kv,
  expertId: string,
  form: FormData,
): Promise<PackageOptionsFailure | null> {
  const offeringId = String(form.get("offeringId") ?? "");
  const rows = readRows(form);
  const failed = (
    status: number,
    errors: Record<string, string>,
    message: string | null,
  ): PackageOptionsFailure => ({
    offeringId,
    rows,
    errors,
    message,
    status,
  });
  const offering = await getOffering(kv, expertId, offeringId);
  if (!offering) return failed(404, {}, "No such offering.");
  const errors: Record<string, string> = {};
  const options: PackageOptionInput[] = [];
  const sentRows: number[] = [];
  rows.forEach((row, i) => {
    if (!row.sessions && !row.price) return;
    const sessions = Number.parseInt(row.sessions, 10);
    const price = readAmount(
      row.price,
      offering.currency,
      "the price",
      "200 or 199.50",
    );
    if (!/^\d+$/.test(row.sessions)) {
      errors[`${i}.sessions`] = "Say how many sessions (2–20).";
    }
    if ("problem" in price) errors[`${i}.price`] = price.problem;
    sentRows.push(i);
    options.push({
      ...(row.optionId ? { id: row.optionId } : {}),
      sessions,
      priceMinor: "minor" in price ? price.minor : 0,
    });
  });
  if (Object.keys(errors).length > 0) return failed(400, errors, null);
  try {
    await updateOffering(kv, expertId, offeringId, { packageOptions: options });
    return null;
  } catch (error) {
    const failure = formFailure(error);
    const byRow: Record<string, string> = {};
    for (const [field, message] of Object.entries(failure.errors)) {
      const match = /^packageOptions\.(\d+)\.(\w+)$/.exec(field);
      if (!match) {
        byRow.form = message;
        continue;
      }
      const row = sentRows[Number(match[1])];
      byRow[`${row}.${match[2] === "priceMinor" ? "price" : "sessions"}`] =
        message;
    }
    return failed(failure.status, byRow, failure.message);
  }
}
