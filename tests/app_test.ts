/**
 * App-wide HTTP behaviour, through the app's fetch handler: security headers
 * everywhere, the CSP nonce, body limits, and unknown paths.
 */
import { expect } from "expect";
import { createTestApp } from "./helpers.ts";

const ORIGIN = "http://localhost:8000";

Deno.test("every response carries the baseline security headers", async () => {
  await using app = await createTestApp();
  for (const path of ["/", "/no-such-page", "/favicon.svg", "/api/health"]) {
    const response = await app.fetch(new Request(ORIGIN + path));
    await response.body?.cancel();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe(
      "strict-origin-when-cross-origin",
    );
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  }
});

Deno.test("HTML pages get a CSP whose nonce is the only inline script allowance", async () => {
  await using app = await createTestApp();
  const response = await app.fetch(new Request(ORIGIN + "/experts"));
  const html = await response.text();
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  const scriptSrc = csp.split(";").find((part) =>
    part.trim().startsWith("script-src")
  );
  expect(scriptSrc).toBeDefined();
  expect(scriptSrc).not.toContain("unsafe-inline");
  const nonce = scriptSrc!.match(/'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  // The browse page has an island, so its boot script must carry the nonce.
  const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)]
    .map((match) => match[1])
    .filter((attributes) => !attributes.includes("application/ld+json"));
  expect(inlineScripts.length).toBeGreaterThan(0);
  for (const attributes of inlineScripts) {
    expect(attributes).toContain(`nonce="${nonce}"`);
  }

  const again = await app.fetch(new Request(ORIGIN + "/experts"));
  await again.body?.cancel();
  expect(again.headers.get("content-security-policy")).not.toBe(csp);
});

Deno.test("unknown paths get the 404 page", async () => {
  await using app = await createTestApp();
  const response = await app.fetch(new Request(ORIGIN + "/no/such/page"));
  expect(response.status).toBe(404);
  expect(response.headers.get("content-type")).toContain("text/html");
  expect(await response.text()).toMatch(/<title>[^<]*not found/i);
});

Deno.test("a declared body over 64 KiB gets 413 on pages and the API", async () => {
  await using app = await createTestApp();
  const body = "message=" + "x".repeat(70 * 1024);
  for (const path of ["/contact", "/api/contact"]) {
    const response = await app.fetch(
      new Request(ORIGIN + path, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": String(body.length),
          origin: ORIGIN,
        },
        body,
      }),
    );
    expect(response.status).toBe(413);
    const text = await response.text();
    expect(text).toMatch(/larger than 64 KiB/);
  }
});

Deno.test("a chunked body over 64 KiB gets 413 and stores nothing", async () => {
  await using app = await createTestApp();
  const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
  for (const path of ["/contact", "/api/contact"]) {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await app.fetch(
      new Request(ORIGIN + path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      }),
    );
    expect(response.status).toBe(413);
    await response.body?.cancel();
  }
  const stored = await Array.fromAsync(app.kv.list({ prefix: ["contact"] }));
  expect(stored).toEqual([]);
});
