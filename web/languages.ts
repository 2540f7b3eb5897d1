/** The browse filter's language choices. */
import { languageName } from "./format.ts";

/**
 * The browse filter's languages (ISO 639-1): a fixed list of widely spoken
 * ones, plus every language a published expert speaks (the catalog counts
 * them without scanning), plus the one selected in the URL.
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
  spoken: Iterable<string> = [],
): { code: string; name: string }[] {
  const codes = new Set([...FILTER_LANGUAGE_CODES, ...spoken]);
  if (selected) codes.add(selected);
  return [...codes]
    .map((code) => ({ code, name: languageName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
