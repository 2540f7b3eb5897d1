/**
 * The TapTime mark: a speech bubble holding a clock hand, i.e. "talk, on
 * time". The same drawing is in static/logo.svg and static/favicon.svg.
 */
export function LogoMark({ class: extra = "h-8 w-8" }: { class?: string }) {
  return (
    <svg
      viewBox="0 0 32 32"
      class={extra}
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M16 3C8.8 3 3 8.4 3 15c0 3.2 1.4 6.1 3.6 8.2L5.5 29l6.1-2.9c1.4.4 2.9.7 4.4.7 7.2 0 13-5.4 13-11.8S23.2 3 16 3Z"
        fill="#0f766e"
      />
      <circle cx="16" cy="15" r="7.5" fill="#fff" />
      <path
        d="M16 10.5V15l3.2 2.2"
        fill="none"
        stroke="#0f766e"
        stroke-width="2.2"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}
