import type { ComponentChildren } from "preact";

const TONES = {
  info: { box: "border-sky-300 bg-sky-50 text-sky-950", icon: "ℹ️" },
  success: {
    box: "border-emerald-300 bg-emerald-50 text-emerald-950",
    icon: "✅",
  },
  error: { box: "border-red-300 bg-red-50 text-red-950", icon: "⚠️" },
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
      <span aria-hidden="true" class="shrink-0">{icon}</span>
      <div class="min-w-0">
        {title && <p class="font-semibold">{title}</p>}
        {children && <div class={title ? "mt-1" : ""}>{children}</div>}
      </div>
    </div>
  );
}
