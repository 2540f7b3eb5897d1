/**
 * The frame every Lucide icon is drawn in: a 24-unit stroked SVG in
 * `currentColor`, hidden from screen readers (icons sit beside words). The
 * server-drawn `Icon` (./Icon.tsx) fills it from the icon set; island-safe
 * components inline their few shapes in it. Plain markup with no
 * server-only imports, so islands may ship it.
 */
import type { ComponentChildren } from "preact";

/** An SVG with Lucide's drawing attributes around `children`. */
export function IconFrame(
  { class: className, children }: {
    class: string;
    children: ComponentChildren;
  },
) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
      class={className}
    >
      {children}
    </svg>
  );
}
