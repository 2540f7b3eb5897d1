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
  "mt-1.5 block w-full rounded-lg border bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm";

/** The look of an input, textarea or select; a red border when it failed. */
export function controlClass(error?: string): string {
  return `${CONTROL} ${error ? "border-red-700" : "border-slate-400"}`;
}

/** The ids that describe a field: its hint and its error, when present. */
function describedBy(
  name: string,
  hint?: ComponentChildren,
  error?: string,
): string | undefined {
  const ids = [hint && `${name}-hint`, error && `${name}-error`].filter(
    Boolean,
  );
  return ids.length ? ids.join(" ") : undefined;
}

/**
 * What every control inside a {@linkcode Field} carries: the name as id (so
 * the label points at it), and the error wired to it with aria-invalid and
 * aria-describedby so screen readers announce it with the field.
 */
export function controlAttributes(
  { name, hint, error }: {
    name: string;
    hint?: ComponentChildren;
    error?: string;
  },
) {
  return {
    id: name,
    name,
    "aria-invalid": error ? "true" as const : undefined,
    "aria-describedby": describedBy(name, hint, error),
    class: controlClass(error),
  };
}

/** The hint and the error under a control, with the ids it points to. */
export function FieldNotes(
  { name, hint, error }: {
    name: string;
    hint?: ComponentChildren;
    error?: string;
  },
) {
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
 * A labelled field: the label, the control (the children, carrying
 * {@linkcode controlAttributes}), then its hint and error. Plain
 * markup with no server-only imports, so islands may use it too.
 */
export function Field(
  { name, label, optional = false, hint, error, children }: {
    /** The control's name and id. */
    name: string;
    label: string;
    /** Marks the label "(optional)". */
    optional?: boolean;
    hint?: ComponentChildren;
    error?: string;
    children: ComponentChildren;
  },
) {
  return (
    <div>
      <label for={name} class="block text-sm font-semibold text-slate-900">
        {label}
        {optional && (
          <span class="font-normal text-slate-700">{` (optional)`}</span>
        )}
      </label>
      {children}
      <FieldNotes name={name} hint={hint} error={error} />
    </div>
  );
}

/** What the input and the textarea add: required, length and placeholder. */
function textControlAttributes(props: FieldBase & { maxLength?: number }) {
  return {
    ...controlAttributes(props),
    required: props.required,
    maxLength: props.maxLength,
    class: `${controlClass(props.error)} placeholder:text-slate-500`,
  };
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
    <Field {...props} optional={!props.required}>
      <input
        {...textControlAttributes(props)}
        type={type}
        value={value ?? ""}
        autocomplete={autocomplete}
      />
    </Field>
  );
}

/** A labelled multi-line text field; same error wiring as TextField. */
export function TextAreaField(
  props: FieldBase & { value?: string; rows?: number; maxLength?: number },
) {
  const { value, rows = 6 } = props;
  return (
    <Field {...props} optional={!props.required}>
      <textarea {...textControlAttributes(props)} rows={rows}>
        {value ?? ""}
      </textarea>
    </Field>
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
