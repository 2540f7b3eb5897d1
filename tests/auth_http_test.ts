/**
 * Access over HTTP as a browser meets it, pages and API together: protected
 * pages send visitors to login and back, other roles get 403, and
 * cross-site unsafe requests are refused on forms and the API. The account
 * API itself is tested in ./api/, and the walk over every route in
 * ./authorization_test.ts.
 */
import { expect } from "expect";
import { listOutbox } from "@/services/platform/email/mod.ts";
import {
  signInAdmin,
  signUp,
  TEST_ORIGIN,
  uniqueEmail,
} from "./support/auth.ts";
import { createCheckedAuthApp } from "./api/support.ts";

Deno.test("CSRF: cross-site unsafe requests are refused on forms and the API", async () => {
  await using app = await createCheckedAuthApp();
  const client = await signUp(app, "learner");
  const form = {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body:
      "name=Eve&email=eve%40example.com&subject=Hi&message=Hello+there+friends",
  };

  const crossSiteForm = await client.request("/contact", {
    ...form,
    headers: { ...form.headers, "sec-fetch-site": "cross-site" },
  });
  expect(crossSiteForm.status).toBe(403);
  await crossSiteForm.body?.cancel();

  const foreignOrigin = await client.api(
    "POST",
    "/api/auth/logout",
    undefined,
    {
      origin: "https://evil.example",
    },
  );
  expect(foreignOrigin.status).toBe(403);
  expect(foreignOrigin.body.error).toBe("csrf_rejected");
  const sameSite = await client.api("PATCH", "/api/me", { name: "x" }, {
    "sec-fetch-site": "same-site",
  });
  expect(sameSite.status).toBe(403);
  expect((await client.api("GET", "/api/me")).body.user.name).not.toBe("x");

  // Same-origin requests, and tools that send neither header, pass.
  const sameOrigin = await client.api("PATCH", "/api/me", { name: "Ann" }, {
    "sec-fetch-site": "same-origin",
  });
  expect(sameOrigin.status).toBe(200);
  const plain = await app.fetch(
    new Request(`${TEST_ORIGIN}/api/auth/password/forgot`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: uniqueEmail() }),
    }),
  );
  expect(plain.status).toBe(202);
  await plain.body?.cancel();
  // Safe methods are never refused.
  const crossSiteGet = await client.request("/api/me", {
    headers: { "sec-fetch-site": "cross-site" },
  });
  expect(crossSiteGet.status).toBe(200);
  await crossSiteGet.body?.cancel();
});

Deno.test("with PUBLIC_URL set, the Host header decides neither trusted origins nor email links", async () => {
  await using app = await createCheckedAuthApp();
  // The same app reached under another host name, as a forged Host would.
  const other = "http://attacker.example";
  const forged = await app.fetch(
    new Request(`${other}/api/auth/password/forgot`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: other },
      body: JSON.stringify({ email: uniqueEmail() }),
    }),
  );
  expect(forged.status).toBe(403);
  await forged.body?.cancel();

  const email = uniqueEmail("reset");
  await signUp(app, "learner", { email });
  const asked = await app.fetch(
    new Request(`${other}/api/auth/password/forgot`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email }),
    }),
  );
  expect(asked.status).toBe(202);
  await asked.body?.cancel();
  const [reset] = (await listOutbox(app.kv, { to: email }))
    .filter((m) => /reset/i.test(m.subject));
  expect(reset.text).toContain(`${TEST_ORIGIN}/reset-password?token=`);
  expect(reset.text).not.toContain("attacker.example");
});

Deno.test("pages: protected pages send visitors to login and back, other roles get 403", async () => {
  await using app = await createCheckedAuthApp();
  const visitor = app.client();
  const toLogin = await visitor.request("/dashboard?tab=upcoming");
  expect(toLogin.status).toBe(303);
  expect(toLogin.headers.get("location")).toBe(
    "/login?next=%2Fdashboard%3Ftab%3Dupcoming",
  );
  await toLogin.body?.cancel();

  const expert = await signUp(app, "expert");
  const wrongRole = await expert.request("/dashboard");
  expect(wrongRole.status).toBe(403);
  expect(wrongRole.headers.get("content-type")).toContain("text/html");
  await wrongRole.body?.cancel();

  const home = await expert.request("/login");
  expect(home.status).toBe(303);
  expect(home.headers.get("location")).toBe("/expert");
  await home.body?.cancel();

  const weakAdmin = await signInAdmin(app, { twoFactor: false });
  const admin = await weakAdmin.request("/admin/users");
  expect(admin.status).toBe(303);
  expect(admin.headers.get("location")).toBe(
    "/account/security?notice=admin-2fa",
  );
  await admin.body?.cancel();

  // Static files and the 404 page stay public.
  for (const path of ["/favicon.svg", "/no/such/page"]) {
    const response = await visitor.request(path);
    expect([200, 404]).toContain(response.status);
    await response.body?.cancel();
  }
});
