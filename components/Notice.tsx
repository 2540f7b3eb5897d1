/** The message box pages show above forms and content. */
import type { ComponentChildren } from "preact";
import { Icon } from "./Icon.tsx";

const TONES = {
  info: { box: "border-sky-300 bg-sky-50 text-sky-950", icon: "info" },
  success: {
    box: "border-emerald-300 bg-emerald-50 text-emerald-950",
    icon: "circle-check",
  },
  error: { box: "border-red-300 bg-red-50 text-red-950", icon: "circle-alert" },
} as const;

export type NoticeTone = keyof typeof TONES;

/**
 * A message box. Errors use role="alert" so they are announced when a form
 * comes back; the others are a polite status.
 */
export function Notice(
  { tone = "info", title, children }: {
    tone?: NoticeTone;
    title?: string;
    children?: ComponentChildren;
  },
) {
  const { box, icon } = TONES[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      class={`flex gap-3 rounded-lg border p-4 ${box}`}
    >
      <Icon name={icon} class="mt-0.5 h-5 w-5" />
      <div class="min-w-0">
        {title && <p class="font-semibold">{title}</p>}
        {children && <div class={title ? "mt-1" : ""}>{children}</div>}
      </div>
    </div>
  );
}
