import { expect } from "expect";
import { personNameSchema } from "./model.ts";
import { displayFileName, multiLine, singleLine } from "./plain_text.ts";

/** Characters that change how text looks or reads without being seen. */
const HIDDEN = {
  "right-to-left override": "\u202e",
  "left-to-right isolate": "\u2066",
  "right-to-left mark": "\u200f",
  "arabic letter mark": "\u061c",
  "zero-width space": "\u200b",
  "word joiner": "\u2060",
  "byte order mark": "\ufeff",
  "invisible tag": "\u{e0041}",
  "zero-width joiner between latin letters": "\u200d",
  "lone surrogate": "\ud800",
  NUL: "\u0000",
  ESC: "\u001b",
  DEL: "\u007f",
  "C1 control": "\u0085",
};
const LINE_BREAKS = {
  CR: "\r",
  LF: "\n",
  "line separator": "\u2028",
  "paragraph separator": "\u2029",
};

Deno.test("every display name and title refuses control, direction and zero-width characters", () => {
  const oneLiners = {
    name: personNameSchema,
    title: singleLine(1, 100),
  };
  for (const [field, schema] of Object.entries(oneLiners)) {
    for (const [what, char] of Object.entries({ ...HIDDEN, ...LINE_BREAKS })) {
      const result = schema.safeParse(`Ada${char}Lovelace`);
      expect({ field, what, ok: result.success }).toEqual({
        field,
        what,
        ok: false,
      });
    }
  }
  const bio = multiLine(1, 500);
  for (const [what, char] of Object.entries(HIDDEN)) {
    expect({ what, ok: bio.safeParse(`Ada${char}Lovelace`).success })
      .toEqual({ what, ok: false });
  }
  const message = personNameSchema.safeParse("Ada\u202eecalevoL").error
    ?.issues[0].message;
  expect(message).toMatch(/hidden characters/);
});

Deno.test("the text rule keeps real names, scripts, emoji and multi-line text", () => {
  for (
    const name of [
      "Ada Lovelace",
      "José Ñúñez-O'Brien",
      "محمد‌رضا",
      "क्‍ष",
      "李小龍",
      "Zoë 👩‍💻",
      "Ivy 👍🏽",
    ]
  ) {
    expect({ name, ok: personNameSchema.safeParse(name).success }).toEqual({
      name,
      ok: true,
    });
  }
  expect(multiLine(1, 100).parse("Line one\r\nLine two\tend")).toBe(
    "Line one\nLine two\tend",
  );
});

Deno.test("file names shown to people follow the same rule", () => {
  expect(displayFileName("cv.pdf")).toBe("cv.pdf");
  expect(displayFileName("invoice\u202efdp.exe")).toBe("invoicefdp.exe");
  expect(displayFileName("a\u0000b\r\n.pdf")).toBe("ab.pdf");
  expect(displayFileName("\u200b\u200b")).toBe("file");
  expect(displayFileName("x".repeat(300) + ".pdf").length).toBeLessThanOrEqual(
    200,
  );
  expect(displayFileName("x".repeat(300) + ".pdf")).toMatch(/\.pdf$/);
});
