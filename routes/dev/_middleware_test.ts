import { expect } from "expect";
import { isLocalRequest } from "./_middleware.ts";

const loopback: Deno.NetAddr = {
  transport: "tcp",
  hostname: "127.0.0.1",
  port: 40000,
};

Deno.test("the outbox stays closed to requests a proxy on this machine forwarded", () => {
  const direct = new Request("http://localhost:8000/dev/mail");
  expect(isLocalRequest(loopback, direct)).toBe(true);
  for (
    const [name, value] of [
      ["x-forwarded-for", "203.0.113.9"],
      ["forwarded", "for=203.0.113.9"],
      ["x-real-ip", "203.0.113.9"],
      ["via", "1.1 proxy"],
      ["x-forwarded-host", "taptime.example"],
    ]
  ) {
    const proxied = new Request("http://localhost:8000/dev/mail", {
      headers: { [name]: value },
    });
    expect({ name, local: isLocalRequest(loopback, proxied) }).toEqual({
      name,
      local: false,
    });
  }
});
