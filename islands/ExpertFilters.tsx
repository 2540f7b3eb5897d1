import { useEffect, useRef } from "preact/hooks";
import { buttonClasses } from "@/components/Button.tsx";
import {
  type FilterField,
  type FilterFormValues,
  filtersHref,
  MIN_RATING_OPTIONS,
  SORT_OPTIONS,
} from "@/components/browse_options.ts";

export interface CategoryOption {
  id: string;
  name: string;
  subcategories: { id: string; name: string }[];
}

export interface LanguageOption {
  code: string;
  name: string;
}

export interface ExpertFiltersProps {
  /** The current filters, as the form's controls hold them. */
  values: FilterFormValues;
  categories: CategoryOption[];
  languages: LanguageOption[];
}

/** How long typing must pause before the search runs. */
const TYPING_DEBOUNCE_MS = 600;

/** Which control to focus again after the page reloads with new filters. */
const REFOCUS_KEY = "taptime:filters:refocus";

const LABEL = "block text-sm font-semibold text-slate-900";
const CONTROL =
  "mt-1.5 block w-full rounded-lg border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 shadow-sm";

/**
 * The browse page's filter form. Without JavaScript it is a plain GET form
 * with an "Apply filters" button. With JavaScript every change navigates to
 * the matching URL straight away (typing waits for a pause), so the address
 * bar always holds a shareable search, and focus returns to the control the
 * visitor was using.
 */
export default function ExpertFilters(
  { values, categories, languages }: ExpertFiltersProps,
) {
  const form = useRef<HTMLFormElement>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(
    undefined,
  );

  useEffect(() => {
    const name = sessionStorage.getItem(REFOCUS_KEY);
    sessionStorage.removeItem(REFOCUS_KEY);
    const control = name ? form.current?.elements.namedItem(name) : null;
    if (control instanceof HTMLInputElement && control.type === "search") {
      // Put the caret back at the end so typing simply continues.
      control.focus();
      control.setSelectionRange(control.value.length, control.value.length);
    } else if (
      control instanceof HTMLInputElement ||
      control instanceof HTMLSelectElement
    ) {
      control.focus();
    }
    return () => clearTimeout(typingTimer.current);
  }, []);

  function applyFilters(focusedControl?: string) {
    clearTimeout(typingTimer.current);
    if (!form.current) return;
    const data = new FormData(form.current);
    const values: Partial<FilterFormValues> = {};
    for (const [name, value] of data) {
      if (typeof value === "string") values[name as FilterField] = value;
    }
    const href = filtersHref(values);
    if (href === location.pathname + location.search) return;
    if (focusedControl) sessionStorage.setItem(REFOCUS_KEY, focusedControl);
    location.assign(href);
  }

  function onChange(event: Event) {
    const control = event.target as HTMLInputElement | HTMLSelectElement;
    // Text search waits for typing to pause (see onInput) or for Enter.
    if (control.name === "q") return;
    applyFilters(control.name);
  }

  function onInput(event: Event) {
    const control = event.target as HTMLInputElement;
    if (control.name !== "q") return;
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(
      () => applyFilters("q"),
      TYPING_DEBOUNCE_MS,
    );
  }

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const active = document.activeElement as HTMLInputElement | null;
    applyFilters(active?.name || undefined);
  }

  return (
    <form
      ref={form}
      method="get"
      action="/experts"
      role="search"
      aria-label="Filter experts"
      onChange={onChange}
      onInput={onInput}
      onSubmit={onSubmit}
      class="space-y-5 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div>
        <label for="filter-q" class={LABEL}>Search</label>
        <input
          id="filter-q"
          name="q"
          type="search"
          value={values.q}
          placeholder="Skill, topic or name"
          class={CONTROL}
        />
      </div>

      <div>
        <label for="filter-category" class={LABEL}>Category</label>
        <select id="filter-category" name="category" class={CONTROL}>
          <option value="" selected={values.category === ""}>
            All categories
          </option>
          {categories.map((category) => (
            <optgroup key={category.id} label={category.name}>
              <option
                value={category.id}
                selected={values.category === category.id}
              >
                All of {category.name}
              </option>
              {category.subcategories.map((sub) => (
                <option
                  key={sub.id}
                  value={sub.id}
                  selected={values.category === sub.id}
                >
                  {sub.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>

      <fieldset>
        <legend class={LABEL}>Hourly rate (USD)</legend>
        <p id="filter-price-hint" class="mt-1 text-sm text-slate-700">
          Whole US dollars. Rates in other currencies are converted at
          approximate rates.
        </p>
        <div class="mt-1.5 grid grid-cols-2 gap-3">
          <div>
            <label for="filter-min-price" class="text-sm text-slate-800">
              Minimum
            </label>
            <input
              id="filter-min-price"
              name="minPrice"
              type="number"
              min="0"
              step="1"
              inputMode="numeric"
              value={values.minPrice}
              aria-describedby="filter-price-hint"
              class={CONTROL}
            />
          </div>
          <div>
            <label for="filter-max-price" class="text-sm text-slate-800">
              Maximum
            </label>
            <input
              id="filter-max-price"
              name="maxPrice"
              type="number"
              min="1"
              step="1"
              inputMode="numeric"
              value={values.maxPrice}
              aria-describedby="filter-price-hint"
              class={CONTROL}
            />
          </div>
        </div>
      </fieldset>

      <div>
        <label for="filter-min-rating" class={LABEL}>Rating</label>
        <select id="filter-min-rating" name="minRating" class={CONTROL}>
          <option value="" selected={values.minRating === ""}>
            Any rating
          </option>
          {MIN_RATING_OPTIONS.map((option) => (
            <option
              key={option.value}
              value={option.value}
              selected={Number(values.minRating) === Number(option.value)}
            >
              {option.label}
            </option>
          ))}
        </select>
      </div>

      <div>
        <label for="filter-language" class={LABEL}>Language</label>
        <select id="filter-language" name="language" class={CONTROL}>
          <option value="" selected={values.language === ""}>
            Any language
          </option>
          {languages.map((language) => (
            <option
              key={language.code}
              value={language.code}
              selected={values.language === language.code}
            >
              {language.name}
            </option>
          ))}
        </select>
      </div>

      <div>
        <label for="filter-sort" class={LABEL}>Sort by</label>
        <select id="filter-sort" name="sort" class={CONTROL}>
          {SORT_OPTIONS.map((option) => (
            <option
              key={option.value}
              value={option.value}
              selected={(values.sort || "relevance") === option.value}
            >
              {option.label}
            </option>
          ))}
        </select>
      </div>

      <div class="flex flex-wrap items-center gap-3 pt-1">
        <button
          type="submit"
          class={buttonClasses("primary")}
        >
          Apply filters
        </button>
        <a
          href="/experts"
          class="rounded-md px-2 py-2 text-sm font-medium text-brand-800 underline hover:text-brand-950"
        >
          Clear all
        </a>
      </div>
    </form>
  );
}
