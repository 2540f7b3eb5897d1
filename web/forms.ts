/**
 * Server-side form handling: reading a FormData into plain strings, one
 * friendly message per failing field, and the POST half of a simple form
 * page (check, save, redirect).
 */
import { RateLimitedError } from "@/services/auth/mod.ts";
import type { z } from "zod";
import type { FreshContext } from "@/framework/types.ts";

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

/** First message per field from a services ValidationError's fieldErrors. */
export function firstErrors(
  fieldErrors: Record<string, string[]>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (messages[0]) errors[field] = messages[0];
  }
  return errors;
}

/**
 * The error for `field`, also looking at nested paths (`goals.0.text`
 * counts for `goals`), so a message never gets lost.
 */
export function errorFor(
  errors: Record<string, string>,
  field: string,
): string | undefined {
  if (errors[field]) return errors[field];
  const nested = Object.keys(errors).find((key) => key.startsWith(`${field}.`));
  return nested ? errors[nested] : undefined;
}

/** A comma-separated list typed by a person, as trimmed non-empty items. */
export function splitList(text: string): string[] {
  return text.split(",").map((item) => item.trim()).filter(Boolean);
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

/**
 * What a form page renders: whether the visitor has just sent it, the input
 * to show again and one message per failing field.
 */
export interface FormPageData<Name extends string> {
  sent: boolean;
  values: Record<Name, string>;
  errors: Partial<Record<Name, string>>;
  /** Why the whole form was turned away (e.g. too many sends), if it was. */
  refusal?: string;
}

/** The query flag a form page carries after a successful send. */
const SENT_PARAM = "sent";

/** Whether the page was reached by the redirect after a successful send. */
export function wasSent(url: URL): boolean {
  return url.searchParams.get(SENT_PARAM) === "1";
}

/** How one form page checks and stores what was posted to it. */
export interface FormSubmission<
  Name extends string,
  Input,
  Data extends FormPageData<Name>,
> {
  fields: readonly Name[];
  schema: z.ZodType<Input>;
  /** The friendly message for each field, shown instead of zod's wording. */
  messages: Record<Name, string>;
  /** The page's other data, rendered again alongside a rejected form. */
  extra: Omit<NoInfer<Data>, keyof FormPageData<Name>>;
  /** Stores valid input; runs only when the schema accepts the form. */
  save(input: Input): Promise<unknown>;
}

/**
 * The POST half of a form page. Invalid input re-renders the page at 400 with
 * the visitor's input kept and a message beside each failing field; valid
 * input is saved and answered with a 303 back to the page with `?sent=1`, so
 * a reload cannot send it twice.
 */
export async function submitForm<
  Name extends string,
  Input,
  Data extends FormPageData<Name>,
>(
  ctx: Pick<FreshContext<unknown, Data>, "url" | "render">,
  form: FormData,
  submission: FormSubmission<Name, Input, Data>,
): Promise<Response> {
  const values = readFields(form, submission.fields);
  const parsed = submission.schema.safeParse(values);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, submission.messages);
    const data = { ...submission.extra, sent: false, values, errors } as Data;
    return ctx.render(data, { status: 400 });
  }
  try {
    await submission.save(parsed.data);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const data = {
      ...submission.extra,
      sent: false,
      values,
      errors: {},
      refusal: `You've sent this form several times recently. ${error.message}`,
    } as Data;
    return ctx.render(data, {
      status: 429,
      headers: { "retry-after": String(error.retryAfterSeconds) },
    });
  }
  return new Response(null, {
    status: 303,
    headers: { location: `${ctx.url.pathname}?${SENT_PARAM}=1` },
  });
}
