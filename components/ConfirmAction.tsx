/**
 * An action that cannot be undone (a refund to a card, a deletion), asked
 * twice: the first press opens the question, the second does it. Plain
 * HTML (`<details>`), so it works before any script runs, on every page.
 */
import { Button, buttonClasses, type ButtonSize } from "./Button.tsx";

export function ConfirmAction(
  { label, question, confirmLabel, action, fields, size = "sm" }: {
    /** What the first button says ("Refund unused credits"). */
    label: string;
    /** What doing it means, said before it is done. */
    question: string;
    /** What the second button says ("Yes, refund $20.00"). */
    confirmLabel: string;
    /** Where the form posts. */
    action: string;
    /** The form's hidden fields (`action`, the record's id…). */
    fields: Record<string, string>;
    size?: ButtonSize;
  },
) {
  return (
    <details>
      <summary
        class={`${buttonClasses("secondary", size)} cursor-pointer list-none`}
      >
        {label}
      </summary>
      <form
        method="post"
        action={action}
        class="mt-2 max-w-sm space-y-2 rounded-lg border border-slate-300 bg-slate-50 p-3"
      >
        <p class="text-sm text-slate-800">{question}</p>
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <Button size="sm">{confirmLabel}</Button>
      </form>
    </details>
  );
}
