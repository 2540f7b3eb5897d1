import { expect } from "expect";
import { buildRequestMeta, clientIp, isHttpsRequest } from "./request_meta.ts";

const peer: Deno.Addr = {
  transport: "tcp",
  hostname: "203.0.113.7",
  port: 5000,
};
const forwarded = new Request("http://internal:8000/", {
  headers: {
    "x-forwarded-for": "198.51.100.1, 192.0.2.9",
    "x-forwarded-proto": "https",
    "user-agent": "Mozilla/5.0 Test",
  },
});

function withTrustProxy(value: string | undefined, fn: () => void) {
  const previous = Deno.env.get("TRUST_PROXY");
  if (value === undefined) Deno.env.delete("TRUST_PROXY");
  else Deno.env.set("TRUST_PROXY", value);
  try {
    fn();
  } finally {
    if (previous === undefined) Deno.env.delete("TRUST_PROXY");
    else Deno.env.set("TRUST_PROXY", previous);
  }
}

Deno.test("forwarded headers are ignored unless TRUST_PROXY=true", () => {
  withTrustProxy(undefined, () => {
    expect(clientIp(forwarded, peer)).toBe("203.0.113.7");
    expect(isHttpsRequest(forwarded)).toBe(false);
    expect(clientIp(forwarded)).toBe("unknown");
  });
  withTrustProxy("true", () => {
    // The last hop is the one our own proxy appended.
    expect(clientIp(forwarded, peer)).toBe("192.0.2.9");
    expect(isHttpsRequest(forwarded)).toBe(true);
  });
});

Deno.test("buildRequestMeta gathers ip, user agent and base URL", () => {
  withTrustProxy(undefined, () => {
    expect(buildRequestMeta(forwarded, peer, "https://taptime.example"))
      .toEqual({
        ip: "203.0.113.7",
        userAgent: "Mozilla/5.0 Test",
        baseUrl: "https://taptime.example",
      });
  });
});
