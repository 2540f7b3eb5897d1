/**
 * Zod schemas for the free text people type into profiles, offerings and
 * goals. Text is stored as given (trimmed) and always rendered as text, never
 * as HTML, so `<b>` in a bio is harmless and shown literally. What is refused
 * is invisible trouble: control characters (NUL, escape sequences, …) that no
 * keyboard types and that break logs, emails and CSV exports.
 */
import { z } from "zod";

// Tab, line feed and carriage return are fine in multi-line text.
// deno-lint-ignore no-control-regex -- finding control characters is the point
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f]/;
// deno-lint-ignore no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

function lengthMessages(min: number, max: number) {
  return {
    tooShort: min === 1
      ? "This can't be empty."
      : `Use at least ${min} characters.`,
    tooLong: `Use at most ${max} characters.`,
  };
}

/** One line of text (a title, a headline, a skill), trimmed. */
export function singleLine(min: number, max: number) {
  const { tooShort, tooLong } = lengthMessages(min, max);
  return z.string().trim().min(min, tooShort).max(max, tooLong).refine(
    (text) => !CONTROL_IN_LINE.test(text),
    "Remove line breaks and control characters.",
  );
}

/** Several lines (a bio, a description), trimmed, with Windows line ends made \n. */
export function multiLine(min: number, max: number) {
  const { tooShort, tooLong } = lengthMessages(min, max);
  return z.string().transform((text) => text.replaceAll("\r\n", "\n").trim())
    .pipe(
      z.string().min(min, tooShort).max(max, tooLong).refine(
        (text) => !CONTROL_IN_TEXT.test(text),
        "Remove control characters.",
      ),
    );
}

/** An https:// URL with a host, e.g. a LinkedIn profile. */
export const httpsUrlSchema = z.string().trim().max(
  300,
  "Use at most 300 characters.",
)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" && url.hostname.includes(".") &&
        !CONTROL_IN_LINE.test(value);
    } catch {
      return false;
    }
  }, "Use a full https:// address, e.g. https://www.linkedin.com/in/you.");
