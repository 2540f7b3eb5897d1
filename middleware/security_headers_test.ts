import { expect } from "expect";
import {
  allowFormActions,
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

Deno.test("sign-in providers' origins join the page's form-action, and nothing else changes", () => {
  const policy = "default-src 'self'; form-action 'self'; base-uri 'none'";
  const page = () =>
    new Response("<p>hi</p>", {
      headers: { "content-security-policy": policy },
    });
  const extended = withSecurityHeaders(page(), {
    formActions: ["https://accounts.google.com", "https://www.linkedin.com"],
  });
  expect(extended.headers.get("content-security-policy")).toBe(
    "default-src 'self'; form-action 'self' https://accounts.google.com https://www.linkedin.com; base-uri 'none'",
  );
  expect(withSecurityHeaders(page()).headers.get("content-security-policy"))
    .toBe(policy);
  // A response without a policy (an API answer) gets none.
  expect(
    withSecurityHeaders(new Response("{}"), {
      formActions: ["https://accounts.google.com"],
    }).headers.get("content-security-policy"),
  ).toBeNull();
  expect(allowFormActions("default-src 'self'", ["https://x.example"]))
    .toBe("default-src 'self'");
});
