/**
 * Helpers for server-side form handling: reading a FormData into plain
 * strings and turning a zod error into one friendly message per field.
 */
import type { z } from "zod";

/** The named fields of a form as strings, untrimmed ("" when absent or a file). */
export function readFields<Name extends string>(
  form: FormData,
  names: readonly Name[],
): Record<Name, string> {
  const values = {} as Record<Name, string>;
  for (const name of names) {
    const value = form.get(name);
    values[name] = typeof value === "string" ? value : "";
  }
  return values;
}

/**
 * One message per failing field. `friendly` replaces zod's technical wording
 * for the fields a person fills in; anything else keeps zod's message.
 */
export function fieldErrors<Name extends string>(
  error: z.ZodError,
  friendly: Partial<Record<Name, string>> = {},
): Partial<Record<Name, string>> {
  const errors: Partial<Record<Name, string>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "") as Name;
    if (!field || errors[field]) continue;
    errors[field] = friendly[field] ?? issue.message;
  }
  return errors;
}

/**
 * Reads a form body. A body that is not a form (wrong content type, broken
 * encoding) counts as an empty form, so the page answers 400 with the usual
 * field errors instead of a 500. An oversized body is left for the body-limit
 * middleware to turn into a 413.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch (error) {
    if (error instanceof Error && error.name === "PayloadTooLargeError") {
      throw error;
    }
    return new FormData();
  }
}
