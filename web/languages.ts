import { languageName } from "./format.ts";

/**
 * The languages offered in the browse filter (ISO 639-1). A fixed list keeps
 * the browse page from scanning every expert to build it; a language outside
 * it still works from the URL and is added to the list when selected.
 */
const FILTER_LANGUAGE_CODES = [
  "ar",
  "bn",
  "de",
  "en",
  "es",
  "fr",
  "hi",
  "id",
  "it",
  "ja",
  "ko",
  "nl",
  "pl",
  "pt",
  "ru",
  "sv",
  "sw",
  "tr",
  "uk",
  "vi",
  "zh",
];

/** The filter's language choices, sorted by English name. */
export function filterLanguages(
  selected?: string,
): { code: string; name: string }[] {
  const codes = new Set(FILTER_LANGUAGE_CODES);
  if (selected) codes.add(selected);
  return [...codes]
    .map((code) => ({ code, name: languageName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
