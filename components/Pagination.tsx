import { buttonClasses } from "./Button.tsx";

/**
 * Cursor pagination: a "Next page" link while there is more, and a way back
 * to the first page once the reader has moved on. Renders nothing when
 * everything fits on one page.
 */
export function Pagination(
  { nextHref, firstHref, label = "Pagination" }: {
    nextHref: string | null;
    firstHref: string | null;
    label?: string;
  },
) {
  if (!nextHref && !firstHref) return null;
  return (
    <nav aria-label={label} class="mt-10 flex flex-wrap justify-between gap-3">
      {firstHref
        ? (
          <a href={firstHref} class={buttonClasses("secondary")}>
            <span aria-hidden="true">←</span> Back to first page
          </a>
        )
        : <span />}
      {nextHref && (
        <a href={nextHref} rel="next" class={buttonClasses("primary")}>
          Next page <span aria-hidden="true">→</span>
        </a>
      )}
    </nav>
  );
}

/** `base` with `changes` applied; `null` removes a parameter. Keeps order stable. */
export function withQuery(
  base: URL,
  changes: Record<string, string | null>,
): string {
  const params = new URLSearchParams(base.search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString();
  return query ? `${base.pathname}?${query}` : base.pathname;
}
