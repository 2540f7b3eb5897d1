/**
 * Form controls the account pages need beyond components/FormField.tsx:
 * password inputs, plain selects and the role choice on signup. They share
 * FormField's look and its error wiring (aria-invalid, aria-describedby).
 */
import {
  controlAttributes,
  controlClass,
  Field,
  FieldNotes,
} from "@/components/FormField.tsx";

// Other form modules (components/expert/controls.tsx) take the notes from here.
export { FieldNotes };

/**
 * A password input. The value is never echoed back into the page: a form
 * that comes back with errors asks for the password again.
 */
export function PasswordField(
  { name, label, autocomplete, hint, error }: {
    name: string;
    label: string;
    /** "current-password" or "new-password", so password managers help. */
    autocomplete: "current-password" | "new-password";
    hint?: string;
    error?: string;
  },
) {
  return (
    <Field name={name} label={label} hint={hint} error={error}>
      <input
        {...controlAttributes({ name, hint, error })}
        type="password"
        required
        autocomplete={autocomplete}
      />
    </Field>
  );
}

/**
 * A one-time code input (authenticator or recovery code): numeric keyboard
 * hint, autofill from SMS/authenticator apps, no spellcheck.
 */
export function CodeField(
  { name = "code", label, hint, error }: {
    name?: string;
    label: string;
    hint?: string;
    error?: string;
  },
) {
  return (
    <Field name={name} label={label} hint={hint} error={error}>
      <input
        {...controlAttributes({ name, hint, error })}
        type="text"
        required
        autocomplete="one-time-code"
        spellcheck={false}
        maxLength={32}
        class={`${controlClass(error)} font-mono tracking-widest`}
      />
    </Field>
  );
}

/** A labelled `<select>` for short, fixed lists (filters). */
export function SelectField(
  { name, label, value, options }: {
    name: string;
    label: string;
    value: string;
    options: ReadonlyArray<{ value: string; label: string }>;
  },
) {
  return (
    <Field name={name} label={label}>
      <select {...controlAttributes({ name })}>
        {options.map((option) => (
          <option
            key={option.value}
            value={option.value}
            selected={option.value === value}
          >
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * A set of radio buttons drawn as cards, in a fieldset whose legend is the
 * question. The native radios stay in place, so keyboard and screen readers
 * work as usual.
 */
export function RadioCards(
  { name, legend, value, options, error }: {
    name: string;
    legend: string;
    value: string;
    options: ReadonlyArray<
      { value: string; label: string; description: string }
    >;
    error?: string;
  },
) {
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend class="text-sm font-semibold text-slate-900">{legend}</legend>
      <div class="mt-2 grid gap-3 sm:grid-cols-2">
        {options.map((option) => {
          const id = `${name}-${option.value}`;
          return (
            <label
              key={option.value}
              for={id}
              class="flex cursor-pointer gap-3 rounded-lg border border-slate-300 bg-white p-4 shadow-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:checked]:ring-1 has-[:checked]:ring-brand-700"
            >
              <input
                id={id}
                type="radio"
                name={name}
                value={option.value}
                checked={option.value === value}
                required
                class="mt-1 h-4 w-4 accent-brand-700"
              />
              <span>
                <span class="block font-semibold text-slate-900">
                  {option.label}
                </span>
                <span class="block text-sm text-slate-700">
                  {option.description}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      <FieldNotes name={name} error={error} />
    </fieldset>
  );
}
