/**
 * The form controls, each inside the shared {@linkcode Field} frame (or a
 * {@linkcode Fieldset} for groups), so they look and announce themselves
 * the same on every page and in every island.
 *
 * Plain markup with no server-only imports: islands ship it to the browser.
 */
import type { ComponentChildren, VNode } from "preact";
import {
  controlAttributes,
  controlClass,
  Field,
  FieldNotes,
  type FieldProps,
} from "./Field.tsx";

/** A single-line input. */
export function TextField(
  props: FieldProps & {
    value?: string;
    type?: "text" | "email" | "search" | "number" | "url" | "date";
    autocomplete?: string;
    placeholder?: string;
    maxLength?: number;
    min?: string;
    max?: string;
    step?: string;
    inputMode?: "decimal" | "numeric";
  },
) {
  const { value, type = "text", autocomplete, placeholder, maxLength } = props;
  return (
    <Field {...props}>
      <input
        {...controlAttributes(props)}
        type={type}
        value={value ?? ""}
        autocomplete={autocomplete}
        placeholder={placeholder}
        maxLength={maxLength}
        min={props.min}
        max={props.max}
        step={props.step}
        inputMode={props.inputMode}
      />
    </Field>
  );
}

/** A multi-line text field. */
export function TextAreaField(
  props: FieldProps & { value?: string; rows?: number; maxLength?: number },
) {
  const { value, rows = 6, maxLength } = props;
  return (
    <Field {...props}>
      <textarea {...controlAttributes(props)} rows={rows} maxLength={maxLength}>
        {value ?? ""}
      </textarea>
    </Field>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** Options under a heading (`<optgroup>`). */
export interface SelectGroup {
  label: string;
  options: ReadonlyArray<SelectOption>;
}

function Option({ option, value }: { option: SelectOption; value: string }) {
  return (
    <option value={option.value} selected={option.value === value}>
      {option.label}
    </option>
  );
}

/**
 * A `<select>`. It always holds a choice, so it is not marked "(optional)"
 * unless asked to be.
 */
export function SelectField(
  props: FieldProps & {
    value: string;
    options: ReadonlyArray<SelectOption | SelectGroup>;
    /**
     * The options already rendered, `value` selected (a long fixed list
     * kept as markup); `options` are then not rendered again.
     */
    renderedOptions?: VNode;
  },
) {
  const { value, options, optional = false } = props;
  return (
    <Field {...props} optional={optional}>
      <select {...controlAttributes(props)}>
        {props.renderedOptions ?? options.map((option) =>
          "options" in option
            ? (
              <optgroup key={option.label} label={option.label}>
                {option.options.map((inner) => (
                  <Option key={inner.value} option={inner} value={value} />
                ))}
              </optgroup>
            )
            : <Option key={option.value} option={option} value={value} />
        )}
      </select>
    </Field>
  );
}

/**
 * A password input. The value is never echoed back into the page: a form
 * that comes back with errors asks for the password again.
 */
export function PasswordField(
  props: Omit<FieldProps, "required" | "optional"> & {
    /** "current-password" or "new-password", so password managers help. */
    autocomplete: "current-password" | "new-password";
  },
) {
  return (
    <Field {...props} required>
      <input
        {...controlAttributes({ ...props, required: true })}
        type="password"
        autocomplete={props.autocomplete}
      />
    </Field>
  );
}

/**
 * A one-time code input (authenticator or recovery code): autofill from
 * SMS and authenticator apps, no spellcheck.
 */
export function CodeField(
  props: Omit<FieldProps, "name" | "required" | "optional"> & {
    name?: string;
  },
) {
  const withName = { ...props, name: props.name ?? "code", required: true };
  return (
    <Field {...withName}>
      <input
        {...controlAttributes(withName)}
        type="text"
        autocomplete="one-time-code"
        spellcheck={false}
        maxLength={32}
        class={`${controlClass(props.error)} font-mono tracking-widest`}
      />
    </Field>
  );
}

/** A file input, for the multipart upload forms. */
export function FileField(
  props: FieldProps & {
    /** The accepted MIME types, e.g. "image/png,image/jpeg". */
    accept: string;
  },
) {
  return (
    <Field {...props}>
      <input
        {...controlAttributes(props)}
        type="file"
        accept={props.accept}
        class="mt-1.5 block w-full text-sm text-slate-900 file:mr-3 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-3 file:py-2 file:font-semibold file:text-slate-900"
      />
    </Field>
  );
}

/** One checkbox with its label to the right, inside a {@linkcode Fieldset}. */
export function Checkbox(
  { id, name, value, label, checked }: {
    id: string;
    name: string;
    value: string;
    label: ComponentChildren;
    checked: boolean;
  },
) {
  return (
    <label class="flex items-start gap-2 py-1 text-slate-900">
      <input
        id={id}
        type="checkbox"
        name={name}
        value={value}
        checked={checked}
        class="mt-1 h-4 w-4 shrink-0 accent-brand-700"
      />
      <span>{label}</span>
    </label>
  );
}

/**
 * A set of radio buttons drawn as cards, in a fieldset whose legend is the
 * question. The native radios stay in place, so keyboard and screen readers
 * work as usual. `columns` sets how many cards share a row on wider screens.
 */
export function RadioCards(
  { name, legend, value, options, error, hint, columns = 2 }: {
    name: string;
    legend: string;
    value: string;
    options: ReadonlyArray<
      { value: string; label: ComponentChildren; description?: string }
    >;
    error?: string;
    hint?: ComponentChildren;
    columns?: 2 | 4;
  },
) {
  const ids = [hint && `${name}-hint`, error && `${name}-error`].filter(
    Boolean,
  );
  return (
    <fieldset aria-describedby={ids.length ? ids.join(" ") : undefined}>
      <legend class="text-sm font-semibold text-slate-900">{legend}</legend>
      <FieldNotes id={name} hint={hint} />
      <div
        class={`mt-2 grid gap-3 ${
          columns === 4 ? "grid-cols-2 sm:grid-cols-4" : "sm:grid-cols-2"
        }`}
      >
        {options.map((option) => {
          const id = `${name}-${option.value}`;
          return (
            <label
              key={option.value}
              class="flex cursor-pointer gap-3 rounded-lg border border-slate-300 bg-white p-4 shadow-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:checked]:ring-1 has-[:checked]:ring-brand-700"
            >
              <input
                id={id}
                type="radio"
                name={name}
                value={option.value}
                checked={option.value === value}
                required
                class="mt-1 h-4 w-4 shrink-0 accent-brand-700"
              />
              <span class="min-w-0">
                <span class="block font-semibold text-slate-900">
                  {option.label}
                </span>
                {option.description && (
                  <span class="block text-sm text-slate-700">
                    {option.description}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </div>
      <FieldNotes id={name} error={error} />
    </fieldset>
  );
}
