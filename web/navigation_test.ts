import { expect } from "expect";
import {
  currentSection,
  isCurrentSection,
  safeNextPath,
  seeOther,
  SHELL_SECTIONS,
} from "./navigation.ts";

Deno.test("safeNextPath keeps same-site paths with their query", () => {
  expect(safeNextPath("/account/security")).toBe("/account/security");
  expect(safeNextPath("/experts?q=ux#top")).toBe("/experts?q=ux#top");
});

Deno.test("safeNextPath refuses anything that could leave the site", () => {
  for (
    const next of [
      null,
      "",
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "/\t/evil.example",
      "evil.example",
    ]
  ) {
    expect(safeNextPath(next)).toBeNull();
  }
});

Deno.test("seeOther answers 303 with the location and given headers", () => {
  const headers = new Headers({ "set-cookie": "a=b" });
  const response = seeOther("/dashboard", headers);
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe("/dashboard");
  expect(response.headers.get("set-cookie")).toBe("a=b");
});

Deno.test("navigation marks the current section, not look-alike paths", () => {
  expect(isCurrentSection("/experts", "/experts")).toBe(true);
  expect(isCurrentSection("/experts/01ABC", "/experts")).toBe(true);
  expect(isCurrentSection("/expertsabc", "/experts")).toBe(false);
  expect(isCurrentSection("/", "/blog")).toBe(false);
});

Deno.test("an area page belongs to the section with the longest matching link", () => {
  const section = (path: string) =>
    currentSection(SHELL_SECTIONS.admin, path)?.label;
  expect(section("/admin")).toBe("Overview");
  expect(section("/admin/applications/01ABC")).toBe("Applications");
  expect(section("/admin/usersx")).toBe("Overview");
  expect(
    currentSection(SHELL_SECTIONS.expert, "/expert/application/review")
      ?.label,
  ).toBe("Application");
  expect(currentSection(SHELL_SECTIONS.learner, "/experts")).toBeUndefined();
});
