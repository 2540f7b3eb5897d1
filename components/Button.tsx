import type { ComponentChildren, JSX } from "preact";

const VARIANTS = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 shadow-sm",
  secondary:
    "bg-white text-slate-900 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 shadow-sm",
  /** For dark (brand) backgrounds. */
  inverse: "bg-white text-brand-900 hover:bg-brand-50 shadow-sm",
  ghost: "text-brand-800 hover:bg-brand-50",
} as const;

const SIZES = {
  /** Where room is tight, e.g. the header on a phone. */
  sm: "px-3 py-2.5 text-sm",
  md: "px-4 py-2.5 text-sm",
  lg: "px-6 py-3 text-base",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;
export type ButtonSize = keyof typeof SIZES;

/** The classes shared by links and buttons that look like buttons. */
export function buttonClasses(
  variant: ButtonVariant = "primary",
  size: ButtonSize = "md",
): string {
  return `inline-flex items-center justify-center gap-2 rounded-lg font-semibold transition-colors ${
    VARIANTS[variant]
  } ${SIZES[size]}`;
}

type StyleProps = {
  variant?: ButtonVariant;
  size?: ButtonSize;
  children: ComponentChildren;
};

/** A link styled as a button: for navigation (calls to action). */
export function ButtonLink(
  { variant, size, children, ...rest }:
    & StyleProps
    & Omit<JSX.AnchorHTMLAttributes<HTMLAnchorElement>, "size">,
) {
  return (
    <a {...rest} class={buttonClasses(variant, size)}>
      {children}
    </a>
  );
}

/** A real button: for submitting forms. Defaults to `type="submit"`. */
export function Button(
  { variant, size, children, type = "submit", ...rest }:
    & StyleProps
    & Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, "size">,
) {
  return (
    <button {...rest} type={type} class={buttonClasses(variant, size)}>
      {children}
    </button>
  );
}
