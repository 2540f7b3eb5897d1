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

Deno.test("forwarded headers are ignored unless the proxy is trusted", () => {
  expect(clientIp(forwarded, peer, false)).toBe("203.0.113.7");
  expect(isHttpsRequest(forwarded, false)).toBe(false);
  expect(clientIp(forwarded, undefined, false)).toBe("unknown");
  // The last hop is the one our own proxy appended.
  expect(clientIp(forwarded, peer, true)).toBe("192.0.2.9");
  expect(isHttpsRequest(forwarded, true)).toBe(true);
});

Deno.test("buildRequestMeta gathers ip, user agent and base URL", () => {
  expect(buildRequestMeta(forwarded, peer, "https://taptime.example", false))
    .toEqual({
      ip: "203.0.113.7",
      userAgent: "Mozilla/5.0 Test",
      baseUrl: "https://taptime.example",
    });
  expect(buildRequestMeta(forwarded, peer, "https://taptime.example", true).ip)
    .toBe("192.0.2.9");
});
