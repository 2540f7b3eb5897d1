/**
 * Every public page is valid HTML by html-validate's recommended rules,
 * accessibility rules included. Rules turned off are deliberate choices of
 * the site, each with its reason.
 */
import { expect } from "expect";
import { HtmlValidate, type Message } from "html-validate";
import { createTestApp } from "@/tests/support/helpers.ts";
import { publicPagePaths } from "@/tests/support/public_pages.ts";

const validator = new HtmlValidate({
  extends: ["html-validate:recommended", "html-validate:a11y"],
  rules: {
    // Preact writes void elements self-closed (`<meta />`); both forms are valid.
    "void-style": "off",
    // HTML allows any id without spaces; the island state block keeps
    // Fresh's `__FRSH_STATE`.
    "valid-id": ["error", { relaxed: true }],
  },
});

Deno.test("every public page is valid HTML (recommended preset, accessibility included)", async (t) => {
  await using app = await createTestApp();
  for (const path of await publicPagePaths(app.kv)) {
    await t.step(path, async () => {
      const response = await app.fetch(
        new Request(`http://localhost:8000${path}`),
      );
      expect(response.status).toBe(200);
      const html = await response.text();
      const report = await validator.validateString(html, path);
      const errors = report.results.flatMap((result) =>
        result.messages.map((message: Message) => describe(html, message))
      );
      expect({ path, errors }).toEqual({ path, errors: [] });
    });
  }
});

function describe(html: string, message: Message): string {
  const line = html.split("\n")[message.line - 1] ?? "";
  const near = line.slice(
    Math.max(0, message.column - 40),
    message.column + 60,
  );
  return `${message.ruleId}: ${message.message} — …${near}…`;
}
