/**
 * The browse page's live filters (/experts): the behaviour of the
 * server-rendered filter form (components/browse/ExpertFilterForm.tsx).
 * Every change (typing once it pauses) fetches the matching page and swaps
 * its results in place: the form is never reloaded, so keys typed meanwhile
 * are kept, and the address bar always holds the shareable search.
 *
 * It renders nothing; it takes the form by id, so the form's many choices
 * reach the browser once, as markup, and not again as island props.
 */
import { useEffect } from "preact/hooks";
import { noteEarlyInput } from "@/framework/early_input.ts";
import {
  BROWSE_LIVE_REGIONS,
  type FilterField,
  type FilterFormValues,
  filtersHref,
} from "@/web/browse_options.ts";

export interface ExpertFiltersProps {
  /** The id of the filter `<form>`, inside a `<details>`. */
  formId: string;
}

/** How long typing must pause before the search runs. */
const TYPING_DEBOUNCE_MS = 600;

/** Where the filters sit beside the results (Tailwind's `lg`). */
const WIDE_SCREEN = "(min-width: 64rem)";

export default function ExpertFilters({ formId }: ExpertFiltersProps) {
  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    const details = form.closest("details");
    if (details && matchMedia(WIDE_SCREEN).matches) details.open = true;

    let typingTimer: ReturnType<typeof setTimeout> | undefined;
    // Only the newest request may update the page; older answers are dropped.
    let inFlight: AbortController | null = null;

    const applyFilters = async () => {
      clearTimeout(typingTimer);
      const values: Partial<FilterFormValues> = {};
      for (const [name, value] of new FormData(form)) {
        if (typeof value === "string") values[name as FilterField] = value;
      }
      const href = filtersHref(values);
      if (href === location.pathname + location.search) return;
      inFlight?.abort();
      const request = new AbortController();
      inFlight = request;
      let html: string;
      try {
        const response = await fetch(href, { signal: request.signal });
        if (!response.ok) throw new Error(`status ${response.status}`);
        html = await response.text();
      } catch (error) {
        if (request.signal.aborted) return;
        // The page can still be shown the plain way.
        console.warn("Could not update the results in place", error);
        location.assign(href);
        return;
      }
      if (inFlight !== request) return;
      inFlight = null;
      swapLiveRegions(html);
      history.replaceState(history.state, "", href);
    };

    const changed = (event: Event) => {
      // Text search waits for typing to pause (see typed) or for Enter.
      if ((event.target as HTMLInputElement).name === "q") return;
      applyFilters();
    };
    const typed = (event: Event) => {
      if ((event.target as HTMLInputElement).name !== "q") return;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(applyFilters, TYPING_DEBOUNCE_MS);
    };
    const submitted = (event: Event) => {
      event.preventDefault();
      applyFilters();
    };
    form.addEventListener("change", changed);
    form.addEventListener("input", typed);
    form.addEventListener("submit", submitted);
    // Filters chosen before this island started are applied now.
    if (noteEarlyInput(form).length > 0) applyFilters();
    return () => {
      clearTimeout(typingTimer);
      inFlight?.abort();
      form.removeEventListener("change", changed);
      form.removeEventListener("input", typed);
      form.removeEventListener("submit", submitted);
    };
  }, [formId]);

  return null;
}

/** Replaces each live region with its counterpart in the fetched page. */
function swapLiveRegions(html: string) {
  const next = new DOMParser().parseFromString(html, "text/html");
  for (const id of Object.values(BROWSE_LIVE_REGIONS)) {
    const current = document.getElementById(id);
    const fresh = next.getElementById(id);
    if (current && fresh) current.replaceWith(document.adoptNode(fresh));
  }
  if (next.title) document.title = next.title;
}
