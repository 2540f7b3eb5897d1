/**
 * App-wide HTTP behaviour, through the app's fetch handler: security headers
 * everywhere, the CSP (no inline script, so no nonce), body limits, and
 * unknown paths. API answers are
 * checked against the generated OpenAPI document as the tests run.
 */
import { expect } from "expect";
import { CONTACT_PREFIX } from "@/services/content/mod.ts";
import { createCheckedTestApp } from "./api/support.ts";
import { createAuthTestApp, signInAdmin, signUp } from "./support/auth.ts";

const ORIGIN = "http://localhost:8000";

Deno.test("every response carries the baseline security headers", async () => {
  await using app = await createCheckedTestApp();
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

Deno.test("HTML pages get a CSP that allows scripts from this origin only, and carry no inline script", async () => {
  await using app = await createCheckedTestApp();
  const response = await app.fetch(new Request(ORIGIN + "/experts"));
  const html = await response.text();
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  const scriptSrc = csp.split(";").find((part) =>
    part.trim().startsWith("script-src")
  );
  expect(scriptSrc?.trim()).toBe("script-src 'self'");
  // The browse page has an island: its props are a data block and its
  // runtime a static module from this origin; nothing runs inline.
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.some(([, attributes]) => / src="\/_fresh\//.test(attributes)))
    .toBe(true);
  for (const [, attributes, text] of scripts) {
    const isData = /type="application\/(ld\+)?json"/.test(attributes);
    const isStaticModule = /^ type="module" src="\/_fresh\/[^"]+"$/.test(
      attributes,
    ) && text === "";
    expect({ attributes, ok: isData || isStaticModule }).toEqual({
      attributes,
      ok: true,
    });
  }

  // The policy is the same for every response: nothing per visitor in it.
  const again = await app.fetch(new Request(ORIGIN + "/experts"));
  await again.body?.cancel();
  expect(again.headers.get("content-security-policy")).toBe(csp);
});

Deno.test("unknown paths get the 404 page", async () => {
  await using app = await createCheckedTestApp();
  const response = await app.fetch(new Request(ORIGIN + "/no/such/page"));
  expect(response.status).toBe(404);
  expect(response.headers.get("content-type")).toContain("text/html");
  expect(await response.text()).toMatch(/<title>[^<]*not found/i);
});

Deno.test("a declared body over 64 KiB gets 413 on pages and the API", async () => {
  await using app = await createCheckedTestApp();
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
  await using app = await createCheckedTestApp();
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
  const stored = await Array.fromAsync(app.kv.list({ prefix: CONTACT_PREFIX }));
  expect(stored).toEqual([]);
});

Deno.test("contact and feedback are limited per IP on the pages and the API", async () => {
  await using app = await createCheckedTestApp();
  const post = (path: string, body: string, type: string) =>
    app.fetch(
      new Request(ORIGIN + path, {
        method: "POST",
        headers: { "content-type": type, origin: ORIGIN },
        body,
      }),
    );
  const form = new URLSearchParams({
    name: "Ada",
    email: "ada@example.com",
    subject: "Hello",
    message: "A message that is long enough to be accepted.",
  }).toString();
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const response = await post(
      "/contact",
      form,
      "application/x-www-form-urlencoded",
    );
    statuses.push(response.status);
    if (response.status === 429) {
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await response.text()).toContain("Not sent");
    } else await response.body?.cancel();
  }
  expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
  // The API shares the same budget: it is the same visitor.
  const api = await post(
    "/api/contact",
    JSON.stringify(Object.fromEntries(new URLSearchParams(form))),
    "application/json",
  );
  expect(api.status).toBe(429);
  expect((await api.json()).error).toBe("rate_limited");
  const stored = await Array.fromAsync(app.kv.list({ prefix: CONTACT_PREFIX }));
  expect(stored.length).toBe(5);

  const feedback = [];
  for (let i = 0; i < 11; i++) {
    const response = await post(
      "/api/feedback",
      JSON.stringify({ rating: 5 }),
      "application/json",
    );
    feedback.push(response.status);
    await response.body?.cancel();
  }
  expect(feedback.filter((status) => status === 201).length).toBe(10);
  expect(feedback.at(-1)).toBe(429);
});

Deno.test("an absurdly long id in the path is a 404, never a 500", async () => {
  await using app = await createCheckedTestApp();
  const long = "x".repeat(3000);
  for (
    const path of [
      `/experts/${long}`,
      `/blog/${long}`,
      `/categories/${long}`,
      `/api/experts/${long}`,
    ]
  ) {
    const response = await app.fetch(new Request(ORIGIN + path));
    expect(response.status).toBe(404);
    await response.body?.cancel();
  }
  const api = await app.fetch(
    new Request(`${ORIGIN}/api/auth/sessions/${long}`, {
      method: "DELETE",
      headers: { origin: ORIGIN },
    }),
  );
  expect(api.status).toBe(404);
  expect((await api.json()).error).toBe("not_found");
});

Deno.test("an oversized form post gets the site's 413 page, in plain words", async () => {
  await using app = await createCheckedTestApp();
  const response = await app.fetch(
    new Request(ORIGIN + "/contact", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "content-length": String(65 * 1024),
        origin: ORIGIN,
      },
      body: "name=x",
    }),
  );
  expect(response.status).toBe(413);
  expect(response.headers.get("content-type")).toContain("text/html");
  const html = await response.text();
  expect(html).toContain("too much to send at once");
  expect(html).toContain("larger than 64 KiB");
});

Deno.test("a malformed address gets the site's error page, or the API's JSON error", async () => {
  // Unchecked: the contract checker knows only 404 and 405 as the router's
  // own refusals, and this 400 comes before routing.
  await using app = await createAuthTestApp();
  for (const path of ["/experts/%E0%A4%A", "/%ff", "/categories/%E0%A4%A"]) {
    const response = await app.fetch(new Request(ORIGIN + path));
    expect({ path, status: response.status }).toEqual({ path, status: 400 });
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain("That request didn't look right");
    expect(html).toContain('aria-label="Main"');
  }
  for (const path of ["/api/%ff", "/api/experts/%E0%A4%A"]) {
    const response = await app.fetch(new Request(ORIGIN + path));
    expect({ path, status: response.status }).toEqual({ path, status: 400 });
    expect((await response.json()).error).toBe("malformed_path");
  }
  // `..` resolves to /api/, which the API answers itself, like /api.
  for (const path of ["/api/experts/..", "/api/", "/api"]) {
    const response = await app.fetch(new Request(ORIGIN + path));
    expect({ path, status: response.status }).toEqual({ path, status: 404 });
    expect(response.headers.get("content-type")).toContain("application/json");
    expect((await response.json()).error).toBe("not_found");
  }
});

Deno.test("a cursor KV cannot read (not even Latin-1) is a 400, never a 500", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const learner = await signUp(app, "learner");
  const cursor = "?cursor=%EF%BF%BD";
  for (
    const [client, path] of [
      [admin, "/admin/users"],
      [admin, "/admin/audit"],
      [admin, "/api/admin/users"],
      [admin, "/api/admin/audit"],
      [learner, "/api/me/security-events"],
    ] as const
  ) {
    const { status } = await client.api("GET", path + cursor);
    expect({ path, status }).toEqual({ path, status: 400 });
  }
  // The security page lists the latest events only: it ignores the cursor.
  const { status } = await learner.api("GET", "/account/security" + cursor);
  expect(status).toBe(200);
});
