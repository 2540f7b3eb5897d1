/**
 * Error wording for forms. Plain markup helpers with no imports: islands
 * ship this module to the browser.
 */

/**
 * Validation library wording ("Too small: expected string to have >=1
 * characters") in plain words. Schemas should say what they mean; this is
 * the backstop every form error passes through, so a schema that forgot
 * never shows a user developer wording. Other messages pass unchanged.
 */
export function plainErrorMessage(message: string): string {
  let match = message.match(
    /^Too (small|big): expected (string|array) to have ([<>]=?)(\d+) (characters|items)$/,
  );
  if (match) {
    const [, size, kind, , count] = match;
    const n = Number(count);
    const unit = kind === "string" ? "character" : "item";
    if (size === "small") {
      return n === 1
        ? kind === "string" ? "Fill in this field." : "Choose at least one."
        : `Use at least ${`${n} ${unit}${n === 1 ? "" : "s"}`}.`;
    }
    return `Use at most ${`${n} ${unit}${n === 1 ? "" : "s"}`}.`;
  }
  match = message.match(
    /^Too (small|big): expected number to be ([<>]=?)(-?[\d.]+)$/,
  );
  if (match) {
    const [, size, , bound] = match;
    return size === "small"
      ? `Enter ${Number(bound).toLocaleString("en-US")} or more.`
      : `Enter ${Number(bound).toLocaleString("en-US")} or less.`;
  }
  if (/^Invalid input: expected (number|int)/.test(message)) {
    return "Enter a whole number.";
  }
  if (/^Invalid input: expected \w+, received undefined$/.test(message)) {
    return "Fill in this field.";
  }
  if (message.startsWith("Invalid option:")) {
    return "Choose one of the options.";
  }
  if (message === "Invalid email address") {
    return "Enter an email address like name@example.com.";
  }
  if (message === "Invalid URL") return "Enter a full web address.";
  if (
    message.startsWith("Invalid input") || message.startsWith("Invalid string")
  ) {
    return "Check this value.";
  }
  return message;
}
