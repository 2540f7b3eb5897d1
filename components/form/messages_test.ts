import { expect } from "expect";
import { z } from "zod";
import { plainErrorMessage } from "./messages.ts";

/** What zod itself says when `value` fails `schema`. */
function zodSays(schema: z.ZodType, value: unknown): string {
  return schema.safeParse(value).error!.issues[0].message;
}

Deno.test("form errors never show the validation library's wording", () => {
  const cases: [z.ZodType, unknown, string][] = [
    [z.string().min(1), "", "Fill in this field."],
    [z.string().min(3), "a", "Use at least 3 characters."],
    [z.string().max(80), "x".repeat(81), "Use at most 80 characters."],
    [z.array(z.string()).min(1), [], "Choose at least one."],
    [z.number().min(5), 1, "Enter 5 or more."],
    [z.number().max(1000), 2000, "Enter 1,000 or less."],
    [z.coerce.number(), "abc", "Enter a whole number."],
    [z.string(), undefined, "Fill in this field."],
    [z.enum(["a", "b"]), "c", "Choose one of the options."],
    [z.email(), "x", "Enter an email address like name@example.com."],
    [z.string().regex(/^a$/), "b", "Check this value."],
  ];
  for (const [schema, value, plain] of cases) {
    const said = zodSays(schema, value);
    expect({ said, shown: plainErrorMessage(said) }).toEqual({
      said,
      shown: plain,
    });
  }
  // Messages a schema wrote itself pass through unchanged.
  expect(plainErrorMessage("Add at least one skill.")).toBe(
    "Add at least one skill.",
  );
});
