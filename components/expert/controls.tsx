/**
 * Small form controls the expert, admin and onboarding pages share beyond
 * components/FormField.tsx: an input whose id differs from its name (several
 * forms on one page), checkbox groups, and the "done" notice after a save.
 * They keep FormField's look and its error wiring (aria-invalid,
 * aria-describedby).
 */
import type { ComponentChildren } from "preact";
import { FieldNotes } from "@/components/account/fields.tsx";

const CONTROL =
  "mt-1.5 block w-full rounded-lg border bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm";

/** The classes of a text input or select, red-bordered when it has an error. */
export function controlClass(error?: string): string {
  return `${CONTROL} ${error ? "border-red-700" : "border-slate-400"}`;
}

function describedBy(id: string, hint?: unknown, error?: string) {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/**
 * A labelled input or select with an explicit `id`, for pages that hold the
 * same field name in several forms (one per offering, one per category).
 */
export function Field(
  {
    id,
    name,
    label,
    value,
    error,
    hint,
    type = "text",
    required,
    options,
    min,
    max,
    step,
    inputMode,
  }: {
    id: string;
    name: string;
    label: string;
    value?: string;
    error?: string;
    hint?: ComponentChildren;
    type?: "text" | "number" | "url" | "date" | "select";
    required?: boolean;
    /** For `type: "select"`. */
    options?: ReadonlyArray<{ value: string; label: string }>;
    min?: string;
    max?: string;
    step?: string;
    inputMode?: "decimal" | "numeric";
  },
) {
  const shared = {
    id,
    name,
    required,
    "aria-invalid": error ? "true" as const : undefined,
    "aria-describedby": describedBy(id, hint, error),
    class: controlClass(error),
  };
  return (
    <div>
      <label for={id} class="block text-sm font-semibold text-slate-900">
        {label}
        {!required && (
          <span class="font-normal text-slate-700">{` (optional)`}</span>
        )}
      </label>
      {type === "select"
        ? (
          <select {...shared}>
            {(options ?? []).map((option) => (
              <option
                key={option.value}
                value={option.value}
                selected={option.value === value}
              >
                {option.label}
              </option>
            ))}
          </select>
        )
        : (
          <input
            {...shared}
            type={type}
            value={value ?? ""}
            min={min}
            max={max}
            step={step}
            inputMode={inputMode}
          />
        )}
      <FieldNotes name={id} hint={hint} error={error} />
    </div>
  );
}

/** One checkbox with its label to the right. */
export function Checkbox(
  { id, name, value, label, checked, describedBy: described }: {
    id: string;
    name: string;
    value: string;
    label: ComponentChildren;
    checked: boolean;
    describedBy?: string;
  },
) {
  return (
    <label for={id} class="flex items-start gap-2 py-1 text-slate-900">
      <input
        id={id}
        type="checkbox"
        name={name}
        value={value}
        checked={checked}
        aria-describedby={described}
        class="mt-1 h-4 w-4 accent-brand-700"
      />
      <span>{label}</span>
    </label>
  );
}

/** A fieldset with a legend, an optional hint and the error of its group. */
export function FieldGroup(
  { id, legend, hint, error, children }: {
    id: string;
    legend: string;
    hint?: ComponentChildren;
    error?: string;
    children: ComponentChildren;
  },
) {
  return (
    <fieldset
      id={id}
      aria-describedby={describedBy(id, hint, error)}
      class="space-y-2"
    >
      <legend class="text-sm font-semibold text-slate-900">{legend}</legend>
      <FieldNotes name={id} hint={hint} error={error} />
      {children}
    </fieldset>
  );
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
