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

Deno.test("safeNextPath never yields a scheme-relative path after dot segments or encodings", () => {
  for (
    const next of [
      "/.//evil.example/",
      "/..//evil.example/",
      "/%2e//evil.example",
      "/%2e%2e//evil.example",
      "/%2E/%2e//evil.example",
      "/a/..//evil.example",
      "/x/../..//evil.example",
      "/./\\evil.example",
      "/%2f%2fevil.example",
      "/%2F/evil.example",
      "/%5cevil.example",
      "/.%2f/evil.example",
      "/%252f%252fevil.example",
    ]
  ) {
    const safe = safeNextPath(next);
    if (safe === null) continue;
    expect({ next, safe: safe.startsWith("/") }).toEqual({ next, safe: true });
    expect({ next, twoSlashes: /^\/[\/\\]/.test(safe) }).toEqual({
      next,
      twoSlashes: false,
    });
    expect({ next, encodedSlash: /%(25)*(2f|5c)/i.test(safe.split("?")[0]) })
      .toEqual({
        next,
        encodedSlash: false,
      });
    expect(new URL(safe, "https://taptime.example").origin).toBe(
      "https://taptime.example",
    );
  }
  expect(safeNextPath("/.//evil.example/")).toBeNull();
  expect(safeNextPath("/experts/./ux")).toBe("/experts/ux");
  expect(safeNextPath("/experts?q=ui%2Fux")).toBe("/experts?q=ui%2Fux");
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
  // A page shared by the areas belongs to the admin's section for it.
  expect(section("/bookings/01ABC")).toBe("Bookings");
  expect(currentSection(SHELL_SECTIONS.learner, "/bookings/01ABC")?.label)
    .toBe("My sessions");
});
