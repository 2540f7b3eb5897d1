/**
 * The JSX runtime pages are compiled against: Preact's, with one change.
 *
 * Pages are compiled to string templates (`"jsx": "precompile"` in
 * deno.json): the static markup of an element becomes a string once, at
 * compile time, and only its expressions are rendered per request. Preact
 * escapes each expression with `jsxEscape`, which also escapes the strings
 * inside an array; the renderer then renders that array as children and
 * escapes its strings again, so `{["a<b"]}` would show "a&amp;lt;b". Here an
 * array goes to the renderer as it is, to be escaped once, exactly as
 * children are without templates. Islands are bundled for the browser with
 * Preact's own runtime (framework/build.ts).
 */
import { jsxEscape as escapeExpression } from "preact/jsx-runtime";

export * from "preact/jsx-runtime";

/** Escapes a template expression; an array is left to the renderer. */
export const jsxEscape: typeof escapeExpression = (value) =>
  Array.isArray(value) ? value : escapeExpression(value);
