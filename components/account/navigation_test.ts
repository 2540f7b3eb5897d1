import { expect } from "expect";
import { safeNextPath, seeOther } from "./navigation.ts";

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
