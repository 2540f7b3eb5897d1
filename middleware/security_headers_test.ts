import { expect } from "expect";
import {
  HSTS_HEADER,
  SECURITY_HEADERS,
  withSecurityHeaders,
} from "./security_headers.ts";

Deno.test("every security header is added", () => {
  const response = withSecurityHeaders(new Response("ok"));
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    expect(response.headers.get(name)).toBe(value);
  }
});

Deno.test("a header the route chose is kept", () => {
  const response = withSecurityHeaders(
    new Response("ok", { headers: { "Referrer-Policy": "no-referrer" } }),
  );
  expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
});

Deno.test("a response with immutable headers is copied, not broken", async () => {
  const immutable = Response.redirect("http://x/elsewhere", 303);
  const response = withSecurityHeaders(immutable);
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe("http://x/elsewhere");
  expect(response.headers.get("X-Frame-Options")).toBe("DENY");
  expect(await response.text()).toBe("");
});

Deno.test("HSTS only over HTTPS", () => {
  expect(
    withSecurityHeaders(new Response("ok")).headers.has(
      "strict-transport-security",
    ),
  ).toBe(false);
  expect(
    withSecurityHeaders(new Response("ok"), { https: true }).headers.get(
      "strict-transport-security",
    ),
  ).toBe(HSTS_HEADER);
});
