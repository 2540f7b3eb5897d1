import type { ComponentChildren } from "preact";
import { Notice } from "./Notice.tsx";

/** What every labelled field shares. */
interface FieldBase {
  /** The form field name; also the element id. */
  name: string;
  label: string;
  /** The message shown under the field when it failed validation. */
  error?: string;
  /** Help text shown under the label. */
  hint?: string;
  required?: boolean;
}

const CONTROL =
  "mt-1.5 block w-full rounded-lg border bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm placeholder:text-slate-500";

function controlClasses(error?: string): string {
  return `${CONTROL} ${error ? "border-red-700" : "border-slate-400"}`;
}

/** The ids that describe a field: its hint and its error, when present. */
function describedBy({ name, hint, error }: FieldBase): string | undefined {
  const ids = [hint && `${name}-hint`, error && `${name}-error`].filter(
    Boolean,
  );
  return ids.length ? ids.join(" ") : undefined;
}

/**
 * What the input and the textarea share: the name as id, and the error
 * wired to the control with aria-invalid and aria-describedby.
 */
function controlAttributes(
  props: FieldBase & { maxLength?: number },
) {
  const { name, required, error, maxLength } = props;
  return {
    id: name,
    name,
    required,
    maxLength,
    "aria-invalid": error ? "true" as const : undefined,
    "aria-describedby": describedBy(props),
    class: controlClasses(error),
  };
}

function Label({ name, label, required }: FieldBase) {
  return (
    <label for={name} class="block text-sm font-semibold text-slate-900">
      {label}
      {!required && (
        <span class="font-normal text-slate-700">{` (optional)`}</span>
      )}
    </label>
  );
}

function HintAndError({ name, hint, error }: FieldBase) {
  return (
    <>
      {hint && (
        <p id={`${name}-hint`} class="mt-1 text-sm text-slate-700">{hint}</p>
      )}
      {error && (
        <p id={`${name}-error`} class="mt-1.5 text-sm font-medium text-red-800">
          <span aria-hidden="true">⚠️</span> {error}
        </p>
      )}
    </>
  );
}

/**
 * A labelled input. Errors are tied to the control with aria-describedby and
 * aria-invalid so screen readers announce them with the field.
 */
export function TextField(
  props: FieldBase & {
    value?: string;
    type?: "text" | "email" | "search" | "number";
    autocomplete?: string;
    maxLength?: number;
  },
) {
  const { value, type = "text", autocomplete } = props;
  return (
    <div>
      <Label {...props} />
      <input
        {...controlAttributes(props)}
        type={type}
        value={value ?? ""}
        autocomplete={autocomplete}
      />
      <HintAndError {...props} />
    </div>
  );
}

/** A labelled multi-line text field; same error wiring as TextField. */
export function TextAreaField(
  props: FieldBase & { value?: string; rows?: number; maxLength?: number },
) {
  const { value, rows = 6 } = props;
  return (
    <div>
      <Label {...props} />
      <textarea {...controlAttributes(props)} rows={rows}>
        {value ?? ""}
      </textarea>
      <HintAndError {...props} />
    </div>
  );
}

/** A form's frame: a card holding the fields and the submit row. */
export function FormCard(
  { children, action, method = "post", labelledBy }: {
    children: ComponentChildren;
    action: string;
    method?: "get" | "post";
    labelledBy?: string;
  },
) {
  return (
    <form
      method={method}
      action={action}
      aria-labelledby={labelledBy}
      noValidate
      class="space-y-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
    >
      {children}
    </form>
  );
}

/**
 * The alert above a form that came back with errors; renders nothing when
 * every field is fine. The messages themselves stand beside their fields.
 */
export function FormErrorSummary(
  { errors, refusal }: {
    errors: Partial<Record<string, string>>;
    refusal?: string;
  },
) {
  if (refusal) {
    return <Notice tone="error" title="Not sent">{refusal}</Notice>;
  }
  if (Object.keys(errors).length === 0) return null;
  return (
    <Notice tone="error" title="Please check the form">
      Some fields need your attention; see the notes next to them.
    </Notice>
  );
}
