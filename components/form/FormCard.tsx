/**
 * A form's frame and the alert above a form that came back with errors.
 */
import type { ComponentChildren } from "preact";
import { Notice } from "@/components/Notice.tsx";

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
