/**
 * The frame every form control sits in: a label (or a fieldset's legend),
 * the control, its hint and its error. Every page and island builds its
 * fields from these, so labels, errors and their accessibility wiring are
 * the same everywhere:
 *
 * - the label points at the control (`for` = the control's id);
 * - a hint and an error get ids `<id>-hint` / `<id>-error`, which the
 *   control names in `aria-describedby`, so screen readers read them with it;
 * - a control with an error has `aria-invalid` and a red border.
 *
 * Plain markup with no server-only imports: islands ship it to the browser.
 */
import type { ComponentChildren } from "preact";
import { IconFrame } from "@/components/IconFrame.tsx";
import { plainErrorMessage } from "./messages.ts";

/** What every labelled control shares. */
export interface FieldProps {
  /** The form field name. */
  name: string;
  /**
   * The element id, when it can't be the name (a page holding the same
   * field in several forms, one per offering or category). Default: `name`.
   */
  id?: string;
  label: string;
  /** Help text shown with the field. */
  hint?: ComponentChildren;
  /** Why the field failed validation; shown beside it. */
  error?: string;
  required?: boolean;
  /**
   * Marks the label "(optional)". Default: when not `required`; a select
   * (which always holds a choice) or a filter can say `false`.
   */
  optional?: boolean;
}

const CONTROL =
  "mt-1.5 block w-full rounded-lg border bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm placeholder:text-slate-500";

/** The look of an input, textarea or select; a red border when it failed. */
export function controlClass(error?: string): string {
  return `${CONTROL} ${error ? "border-red-700" : "border-slate-400"}`;
}

/** The ids that describe a control: its hint and its error, when present. */
export function describedBy(
  id: string,
  hint?: ComponentChildren,
  error?: string,
): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** The attributes of a control inside a {@linkcode Field}. */
export function controlAttributes(
  { name, id = name, hint, error, required }: Omit<
    FieldProps,
    "label" | "optional"
  >,
) {
  return {
    id,
    name,
    required,
    "aria-invalid": error ? "true" as const : undefined,
    "aria-describedby": describedBy(id, hint, error),
    class: controlClass(error),
  };
}

/**
 * The mark before an error message (Lucide's "circle-alert", inlined: this
 * module ships to the browser, where the icon set must not follow).
 */
function AlertMark() {
  return (
    <IconFrame class="mb-0.5 inline h-4 w-4">
      <circle cx="12" cy="12" r="10" />
      <line x1="12" x2="12" y1="8" y2="12" />
      <line x1="12" x2="12.01" y1="16" y2="16" />
    </IconFrame>
  );
}

/** The hint and the error under a control or a group, with their ids. */
export function FieldNotes(
  { id, hint, error }: { id: string; hint?: ComponentChildren; error?: string },
) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} class="mt-1 text-sm text-slate-700">{hint}</p>
      )}
      {error && (
        <p id={`${id}-error`} class="mt-1.5 text-sm font-medium text-red-800">
          <AlertMark /> {plainErrorMessage(error)}
        </p>
      )}
    </>
  );
}

/** The label, and "(optional)" after it for a field that may stay empty. */
function LabelText({ label, optional }: { label: string; optional: boolean }) {
  return (
    <>
      {label}
      {optional && (
        <span class="font-normal text-slate-700">{` (optional)`}</span>
      )}
    </>
  );
}

/**
 * A labelled field: the label, the control (the children, carrying
 * {@linkcode controlAttributes}), then its hint and error.
 */
export function Field(
  {
    name,
    id = name,
    label,
    hint,
    error,
    required,
    optional = !required,
    children,
  }: FieldProps & { children: ComponentChildren },
) {
  return (
    <div>
      <label for={id} class="block text-sm font-semibold text-slate-900">
        <LabelText label={label} optional={optional} />
      </label>
      {children}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/**
 * A group of controls (checkboxes, radios, a pair of inputs) under one
 * question: a fieldset whose legend is the question, with the group's hint
 * and error above the controls and named by the fieldset.
 */
export function Fieldset(
  { id, legend, hint, error, size = "sm", class: className, children }: {
    /** Prefix of the hint and error ids; also the fieldset's id (an anchor). */
    id: string;
    legend: ComponentChildren;
    hint?: ComponentChildren;
    error?: string;
    /** "base" for the sections of a long form. */
    size?: "sm" | "base";
    class?: string;
    children: ComponentChildren;
  },
) {
  return (
    <fieldset
      id={id}
      aria-describedby={describedBy(id, hint, error)}
      class={className ?? "space-y-2"}
    >
      <legend
        class={`${
          size === "base" ? "text-base" : "text-sm"
        } font-semibold text-slate-900`}
      >
        {legend}
      </legend>
      <FieldNotes id={id} hint={hint} error={error} />
      {children}
    </fieldset>
  );
}
