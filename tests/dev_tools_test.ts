import { expect } from "expect";
import { isLocalRequest } from "@/routes/dev/_middleware.ts";
import { serveTestApp } from "./support/helpers.ts";

const tcp = (hostname: string): Deno.NetAddr => ({
  transport: "tcp",
  hostname,
  port: 50000,
});

Deno.test("only this machine may read the development outbox", () => {
  expect(isLocalRequest(tcp("127.0.0.1"))).toBe(true);
  expect(isLocalRequest(tcp("::1"))).toBe(true);
  expect(isLocalRequest(tcp("::ffff:127.0.0.1"))).toBe(true);
  expect(isLocalRequest(undefined)).toBe(true);
  expect(isLocalRequest(tcp("192.168.1.20"))).toBe(false);
  expect(isLocalRequest(tcp("10.0.0.7"))).toBe(false);
  expect(isLocalRequest(tcp("2001:db8::1"))).toBe(false);
});

Deno.test("the outbox answers over loopback in development", async () => {
  await using app = await serveTestApp();
  const response = await fetch(`${app.baseUrl}/dev/mail`);
  expect(response.status).toBe(200);
  await response.body?.cancel();
});
