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

/** A language the filter offers. */
export interface FilterLanguage {
  code: string;
  name: string;
}

/**
 * The filter's language choices, sorted by English name. Every browse page
 * asks with the same few lists, so each sorted list is made once.
 */
export function filterLanguages(
  selected?: string,
  spoken: Iterable<string> = [],
): readonly FilterLanguage[] {
  const codes = new Set([...FILTER_LANGUAGE_CODES, ...spoken]);
  if (selected) codes.add(selected);
  const key = [...codes].join(",");
  let choices = madeLists.get(key);
  if (!choices) {
    choices = [...codes]
      .map((code) => ({ code, name: languageName(code) }))
      .sort((a, b) => byName.compare(a.name, b.name));
    if (madeLists.size >= 100) madeLists.clear();
    madeLists.set(key, choices);
  }
  return choices;
}

const byName = new Intl.Collator("en");
const madeLists = new Map<string, readonly FilterLanguage[]>();
