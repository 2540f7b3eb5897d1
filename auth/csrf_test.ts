import { expect } from "expect";
import { isCrossSiteRequest } from "./csrf.ts";

const TRUSTED = ["http://localhost:8000", "https://taptime.example"];

function request(method: string, headers: Record<string, string>) {
  return new Request("http://localhost:8000/api/me", { method, headers });
}

Deno.test("unsafe requests from another site are refused", () => {
  expect(
    isCrossSiteRequest(
      request("POST", { "sec-fetch-site": "cross-site" }),
      TRUSTED,
    ),
  ).toBe(true);
  expect(
    isCrossSiteRequest(
      request("DELETE", { "sec-fetch-site": "same-site" }),
      TRUSTED,
    ),
  ).toBe(true);
  expect(
    isCrossSiteRequest(
      request("PATCH", { origin: "https://evil.example" }),
      TRUSTED,
    ),
  ).toBe(true);
  expect(isCrossSiteRequest(request("PUT", { origin: "null" }), TRUSTED)).toBe(
    true,
  );
  // Same-origin browser requests pass, even when the Origin disagrees only
  // because a proxy changed the scheme: the public URL is trusted too.
  expect(
    isCrossSiteRequest(
      request("POST", {
        origin: "https://taptime.example",
        "sec-fetch-site": "same-origin",
      }),
      TRUSTED,
    ),
  ).toBe(false);
  expect(
    isCrossSiteRequest(
      request("POST", {
        "sec-fetch-site": "same-origin",
        origin: "https://evil.example",
      }),
      TRUSTED,
    ),
  ).toBe(true);
});

Deno.test("safe methods and requests without browser headers pass", () => {
  expect(
    isCrossSiteRequest(
      request("GET", { "sec-fetch-site": "cross-site" }),
      TRUSTED,
    ),
  ).toBe(false);
  expect(
    isCrossSiteRequest(
      request("HEAD", { origin: "https://evil.example" }),
      TRUSTED,
    ),
  ).toBe(false);
  expect(isCrossSiteRequest(request("POST", {}), TRUSTED)).toBe(false);
  expect(
    isCrossSiteRequest(request("POST", { "sec-fetch-site": "none" }), TRUSTED),
  ).toBe(false);
});
