/**
 * The browse page's filter form (/experts), rendered on the server. Without
 * JavaScript it is a plain GET form with an "Apply filters" button; the
 * ExpertFilters island gives it its live behaviour (results change as the
 * visitor chooses) without re-rendering it, so the choices are not shipped
 * to the browser a second time as island props.
 */
import { MarkupCache } from "@/framework/markup.ts";
import { buttonClasses } from "@/components/Button.tsx";
import { Fieldset } from "@/components/form/Field.tsx";
import {
  Checkbox,
  SelectField,
  type SelectGroup,
  type SelectOption,
  TextField,
} from "@/components/form/inputs.tsx";
import {
  AVAILABLE_SOON,
  BROWSE_FILTER_FORM,
  BROWSE_LIVE_REGIONS,
  FILTER_FIELDS,
  type FilterField,
  type FilterFormValues,
  MIN_RATING_OPTIONS,
  SORT_OPTIONS,
} from "@/web/browse_options.ts";

export interface CategoryOption {
  id: string;
  name: string;
  subcategories: readonly { id: string; name: string }[];
}

export interface LanguageOption {
  code: string;
  name: string;
}

export interface ExpertFilterFormProps {
  /** The current filters, as the form's controls hold them. */
  values: FilterFormValues;
  categories: readonly CategoryOption[];
  languages: readonly LanguageOption[];
}

/**
 * A filter's select: its id is `filter-<idName>` (default: the name), and
 * its first choice, the value "", means "don't filter" (`anyLabel`).
 */
function FilterSelect(
  { name, idName = name, label, value, anyLabel, options }: {
    name: FilterField;
    idName?: string;
    label: string;
    value: string;
    anyLabel: string;
    options: ReadonlyArray<SelectOption | SelectGroup>;
  },
) {
  return (
    <SelectField
      id={`filter-${idName}`}
      name={name}
      label={label}
      value={value}
      options={[{ value: "", label: anyLabel }, ...options]}
    />
  );
}

/** One end of the price range, in whole US dollars. */
function PriceInput(
  { id, name, label, min, value }: {
    id: string;
    name: FilterField;
    label: string;
    min: string;
    value: string;
  },
) {
  return (
    <TextField
      id={id}
      name={name}
      type="number"
      label={label}
      optional={false}
      min={min}
      step="1"
      inputMode="numeric"
      value={value}
    />
  );
}

/**
 * Filter forms by everything they show: the values, the category tree and
 * the languages offered. The form is about two hundred elements, on every
 * browse page, and the same for every visitor who filters alike. Forms
 * holding typed text (a search, a price) are rendered each time: every
 * search would be an entry of its own, and push out the common ones.
 */
const keptForms = new MarkupCache(500);

/** The filters, folded behind one control on small screens. */
export function ExpertFilterForm(props: ExpertFilterFormProps) {
  const { values, categories, languages } = props;
  if (values.q !== "" || values.minPrice !== "" || values.maxPrice !== "") {
    return <FilterFormMarkup {...props} />;
  }
  const shown = JSON.stringify([
    values,
    categories.map((category) => [
      category.id,
      category.name,
      category.subcategories.map((sub) => [sub.id, sub.name]),
    ]),
    languages.map((language) => [language.code, language.name]),
  ]);
  return keptForms.get(shown, () => <FilterFormMarkup {...props} />);
}

function FilterFormMarkup(
  { values, categories, languages }: ExpertFilterFormProps,
) {
  const active =
    FILTER_FIELDS.filter((name) => name !== "sort" && values[name] !== "")
      .length;

  return (
    // On small screens the filters fold behind one control so the results
    // come first; from `lg` up they are always shown (the CSS opens them
    // where ::details-content is supported, the island elsewhere).
    <details class="group rounded-xl border border-slate-200 bg-white shadow-sm lg:details-content:block lg:details-content:[content-visibility:visible]">
      <summary class="flex cursor-pointer items-center justify-between gap-3 rounded-xl px-5 py-3 font-semibold text-slate-900 lg:hidden">
        <span>
          Filters
          <span id={BROWSE_LIVE_REGIONS.filterCount}>
            {active > 0 && (
              <span class="ml-2 rounded-full bg-brand-100 px-2 py-0.5 text-sm font-medium text-brand-900">
                {active} on
              </span>
            )}
          </span>
        </span>
        <span aria-hidden="true" class="text-slate-700 group-open:rotate-180">
          ▾
        </span>
      </summary>
      <form
        id={BROWSE_FILTER_FORM}
        method="get"
        action="/experts"
        role="search"
        aria-label="Filter experts"
        class="space-y-5 p-5 max-lg:pt-2"
      >
        <TextField
          id="filter-q"
          name="q"
          type="search"
          label="Search"
          optional={false}
          value={values.q}
          maxLength={100}
          placeholder="Skill, topic or name"
        />

        <FilterSelect
          name="category"
          label="Category"
          value={values.category}
          anyLabel="All categories"
          options={categories.map((category) => ({
            label: category.name,
            options: [
              { value: category.id, label: `All of ${category.name}` },
              ...category.subcategories.map((sub) => ({
                value: sub.id,
                label: sub.name,
              })),
            ],
          }))}
        />

        <Fieldset
          id="filter-price"
          legend="Price from (USD)"
          hint="Each expert's cheapest session, in whole US dollars. Prices in other currencies are converted at approximate rates."
        >
          <div class="grid grid-cols-2 gap-3">
            <PriceInput
              id="filter-min-price"
              name="minPrice"
              label="Minimum"
              min="0"
              value={values.minPrice}
            />
            <PriceInput
              id="filter-max-price"
              name="maxPrice"
              label="Maximum"
              min="1"
              value={values.maxPrice}
            />
          </div>
        </Fieldset>

        <FilterSelect
          name="minRating"
          idName="min-rating"
          label="Rating"
          value={values.minRating === ""
            ? ""
            : MIN_RATING_OPTIONS.find((option) =>
              Number(option.value) === Number(values.minRating)
            )?.value ?? values.minRating}
          anyLabel="Any rating"
          options={MIN_RATING_OPTIONS}
        />

        <FilterSelect
          name="language"
          label="Language"
          value={values.language}
          anyLabel="Any language"
          options={languages.map((language) => ({
            value: language.code,
            label: language.name,
          }))}
        />

        <Fieldset id="filter-availability" legend="Availability">
          <Checkbox
            id="filter-available"
            name="available"
            value={AVAILABLE_SOON.value}
            label={AVAILABLE_SOON.label}
            checked={values.available === AVAILABLE_SOON.value}
          />
        </Fieldset>

        <SelectField
          id="filter-sort"
          name="sort"
          label="Sort by"
          value={values.sort || "relevance"}
          options={SORT_OPTIONS}
        />

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
    </details>
  );
}
