import type { ComponentChildren } from "preact";

const CONTAINER_WIDTHS = {
  wide: "max-w-6xl",
  /** For reading and forms: about 70 characters a line. */
  narrow: "max-w-3xl",
} as const;

/** Centers content and keeps a comfortable gutter on every screen size. */
export function Container(
  { children, width = "wide", class: extra = "" }: {
    children: ComponentChildren;
    width?: keyof typeof CONTAINER_WIDTHS;
    class?: string;
  },
) {
  return (
    <div
      class={`mx-auto w-full ${
        CONTAINER_WIDTHS[width]
      } px-4 sm:px-6 lg:px-8 ${extra}`}
    >
      {children}
    </div>
  );
}

const SECTION_TONES = {
  white: "bg-white",
  muted: "bg-slate-50",
  brand: "bg-brand-900 text-white",
} as const;

export interface SectionProps {
  /** Section heading (an h2); omit for sections headed by their content. */
  title?: string;
  /** One or two sentences under the heading. */
  intro?: ComponentChildren;
  tone?: keyof typeof SECTION_TONES;
  id?: string;
  children: ComponentChildren;
}

/**
 * A full-width band of the page with an optional h2. Labelled by its heading
 * so screen-reader users can jump between sections.
 */
export function Section(
  { title, intro, tone = "white", id, children }: SectionProps,
) {
  const headingId = title ? `${id ?? slugify(title)}-heading` : undefined;
  const introTone = tone === "brand" ? "text-brand-100" : "text-slate-600";
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      class={`${SECTION_TONES[tone]} py-12 sm:py-16`}
    >
      <Container>
        {title && (
          <div class="mb-8 max-w-3xl">
            <h2
              id={headingId}
              class="text-2xl font-bold tracking-tight sm:text-3xl"
            >
              {title}
            </h2>
            {intro && <p class={`mt-3 text-lg ${introTone}`}>{intro}</p>}
          </div>
        )}
        {children}
      </Container>
    </section>
  );
}

/** The top of an inner page: an h1 with an optional eyebrow and intro. */
export function PageHeader(
  { title, eyebrow, icon, intro, children }: {
    title: string;
    eyebrow?: string;
    /** A decorative icon before the title (e.g. a category's). */
    icon?: ComponentChildren;
    intro?: ComponentChildren;
    children?: ComponentChildren;
  },
) {
  return (
    <div class="border-b border-slate-200 bg-brand-50">
      <Container class="py-10 sm:py-14">
        {eyebrow && (
          <p class="text-sm font-semibold tracking-wide text-brand-800 uppercase">
            {eyebrow}
          </p>
        )}
        <h1 class="mt-1 flex items-center gap-3 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
          {icon}
          <span class="min-w-0 break-words">{title}</span>
        </h1>
        {intro && <p class="mt-4 max-w-3xl text-lg text-slate-700">{intro}</p>}
        {children}
      </Container>
    </div>
  );
}

function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
