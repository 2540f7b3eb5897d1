import { expect } from "expect";
import { slugFrom } from "./slugs.ts";

Deno.test("a slug keeps a name's letters and digits, joined by single hyphens", () => {
  expect(slugFrom("Data & AI")).toBe("data-ai");
  expect(slugFrom("  Café  Design 101 ")).toBe("cafe-design-101");
  expect(slugFrom("Ünïcode—Ångström")).toBe("unicode-angstrom");
  expect(slugFrom("日本語")).toBe("");
  // Cut at a word boundary's hyphen, never ending in one.
  expect(slugFrom("ab cd", 3)).toBe("ab");
});
