/**
 * The one text rule for everything a person types that others see: names,
 * titles, headlines, bios, goals and the names of uploaded files. Text is
 * stored as given (trimmed) and always rendered as text, never as HTML, so
 * `<b>` in a bio is harmless and shown literally. What is refused is
 * invisible trouble: control characters (NUL, escape sequences, …) that no
 * keyboard types and that break logs, emails and CSV exports, and the
 * invisible formatting characters that make text read differently from what
 * it is: direction overrides and isolates (U+202E turns "cod.exe" into
 * "exe.doc"), direction marks, zero-width spaces and joiners, byte-order
 * marks, tag characters and lone surrogates. Zero-width joiners and
 * non-joiners stay allowed inside words of the scripts and emoji that need
 * them (Persian, Indic scripts, 👩‍💻), never next to plain ASCII, where they
 * could only disguise a name such as "admin".
 */
import { z } from "zod";

// Tab, line feed and carriage return are fine in multi-line text.
// deno-lint-ignore no-control-regex -- finding control characters is the point
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// deno-lint-ignore no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/**
 * Invisible format characters (Unicode category Cf: direction marks,
 * overrides and isolates, zero-width spaces, BOM, tags, …), private-use
 * characters and lone surrogates. The two joiners are judged apart.
 */
const HIDDEN = /(?![\u200c\u200d])[\p{Cf}\p{Co}\p{Cs}]/u;
/**
 * A joiner at an edge, next to a space or next to printable ASCII disguises
 * text (ASCII control characters are refused on their own).
 */
const STRAY_JOINER = /(?:^|[\s!-~])[\u200c\u200d]|[\u200c\u200d](?:$|[\s!-~])/;

const HIDDEN_MESSAGE =
  "Remove hidden characters (such as direction marks or zero-width spaces); they can make text read differently from what it says.";
const LINE_MESSAGE = "Keep this on one line.";
const CONTROL_MESSAGE = "Remove control characters.";

/** True when `text` holds an invisible formatting character the rule refuses. */
export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN.test(text) || STRAY_JOINER.test(text);
}

/**
 * The rule's complaint about `text`, or null when it is fine. One-line text
 * also refuses line breaks (CR, LF and the Unicode line separators).
 */
export function plainTextProblem(
  text: string,
  { multiline = false }: { multiline?: boolean } = {},
): string | null {
  if (multiline ? CONTROL_IN_TEXT.test(text) : CONTROL_IN_LINE.test(text)) {
    return !multiline && /[\r\n\u2028\u2029]/.test(text)
      ? LINE_MESSAGE
      : CONTROL_MESSAGE;
  }
  return hasHiddenCharacters(text) ? HIDDEN_MESSAGE : null;
}

/** Adds the text rule to a string schema (one line unless `multiline`). */
export function plainText<S extends z.ZodType<string>>(
  schema: S,
  options: { multiline?: boolean } = {},
) {
  return schema.superRefine((text, ctx) => {
    const problem = plainTextProblem(text, options);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

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
  return plainText(z.string().trim().min(min, tooShort).max(max, tooLong));
}

/** Several lines (a bio, a description), trimmed, with Windows line ends made \n. */
export function multiLine(min: number, max: number) {
  const { tooShort, tooLong } = lengthMessages(min, max);
  return z.string().transform((text) => text.replaceAll("\r\n", "\n").trim())
    .pipe(
      plainText(z.string().min(min, tooShort).max(max, tooLong), {
        multiline: true,
      }),
    );
}

/** The longest file name kept for display. */
export const FILE_NAME_MAX_LENGTH = 200;

/**
 * An uploaded file's name as it may be shown and offered for download: the
 * rule's refused characters (and path separators) are dropped rather than
 * refused, since people do not choose them on purpose; over-long names are
 * shortened keeping the extension; nothing left becomes "file".
 */
export function displayFileName(name: string): string {
  let clean = "";
  for (const char of name.replace(/[\\/]/g, "")) {
    if (plainTextProblem(char) === null) clean += char;
  }
  // A joiner only stays where the rule allows it in the whole name.
  clean = clean.replace(
    new RegExp(STRAY_JOINER, "g"),
    (match) => match.replace(/[\u200c\u200d]/g, ""),
  ).trim();
  if (!clean) return "file";
  const chars = [...clean];
  if (chars.length <= FILE_NAME_MAX_LENGTH) return clean;
  const dot = clean.lastIndexOf(".");
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : "";
  return chars.slice(0, FILE_NAME_MAX_LENGTH - [...extension].length).join("") +
    extension;
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
        plainTextProblem(value) === null;
    } catch {
      return false;
    }
  }, "Use a full https:// address, e.g. https://www.linkedin.com/in/you.");
