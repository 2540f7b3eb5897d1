/**
 * Accounts and security over HTTP: every account and session rule as a
 * client sees it, through the whole app (root middleware, CSRF, access
 * rules, API, flows), with every API answer checked against the generated
 * OpenAPI document. The authorization walk over every route is in
 * ./authorization_test.ts.
 */
import { expect } from "expect";
import { adminWithTwoFactor } from "@/auth/policy.ts";
import { createCheckedAuthApp } from "./api/support.ts";
import {
  enrolTwoFactor,
  linkFromOutbox,
  logIn,
  signInAdmin,
  signUp,
  TEST_ORIGIN,
  TEST_PASSWORD,
  uniqueEmail,
} from "./support/auth.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { totpCode } from "@/services/auth/mod.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

function sessionCookieOf(response: { headers: Headers }): string | undefined {
  return response.headers.getSetCookie().find((cookie) =>
    cookie.startsWith("tt_session=")
  );
}

Deno.test("signup answers 201 with the user and a locked-down session cookie", async () => {
  await using app = await createCheckedAuthApp();
  const client = app.client();
  const email = uniqueEmail();
  const answer = await client.api("POST", "/api/auth/signup", {
    email: email.toUpperCase(),
    password: TEST_PASSWORD,
    name: "Ada Lovelace",
    role: "learner",
    timeZone: "Europe/London",
  });
  expect(answer.status).toBe(201);
  expect(answer.body.user).toMatchObject({
    email,
    name: "Ada Lovelace",
    role: "learner",
    timeZone: "Europe/London",
    emailVerified: false,
    twoFactorEnabled: false,
  });
  expect(answer.body.user.passwordHash).toBeUndefined();
  const cookie = sessionCookieOf(answer)!;
  expect(cookie).toMatch(/^tt_session=[A-Za-z0-9_-]{43,}/);
  for (
    const attribute of ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=2592000"]
  ) {
    expect(cookie).toContain(attribute);
  }
  expect(cookie).not.toContain("Secure");

  const me = await client.api("GET", "/api/me");
  expect(me.status).toBe(200);
  expect(me.body.user.id).toBe(answer.body.user.id);
});

Deno.test("the session cookie is Secure when the request came over https", async () => {
  await using app = await createCheckedAuthApp();
  const response = await app.fetch(
    new Request("https://taptime.example/api/auth/signup", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "https://taptime.example",
      },
      body: JSON.stringify({
        email: uniqueEmail(),
        password: TEST_PASSWORD,
        name: "Grace",
        role: "expert",
      }),
    }),
  );
  expect(response.status).toBe(201);
  await response.body?.cancel();
  expect(sessionCookieOf(response)).toContain("; Secure");
});

Deno.test("signup refuses a taken email (409) and bad fields (400 with details)", async () => {
  await using app = await createCheckedAuthApp();
  const first = await signUp(app, "learner");
  const taken = await app.client().api("POST", "/api/auth/signup", {
    email: first.user!.email,
    password: TEST_PASSWORD,
    name: "Copy",
    role: "expert",
  });
  expect(taken.status).toBe(409);
  expect(taken.body.error).toBe("email_taken");
  expect(sessionCookieOf(taken)).toBeUndefined();

  const bad = await app.client().api("POST", "/api/auth/signup", {
    email: "not-an-email",
    password: "short",
    name: "",
    role: "admin",
  });
  expect(bad.status).toBe(400);
  expect(bad.body.error).toBe("validation_error");
  expect(Object.keys(bad.body.details)).toContain("role");

  const weak = await app.client().api("POST", "/api/auth/signup", {
    email: uniqueEmail(),
    password: "short",
    name: "Weak",
    role: "learner",
  });
  expect(weak.status).toBe(400);
  expect(weak.body.details.password).toHaveLength(1);

  const notJson = await app.client().request("/api/auth/signup", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{",
  });
  expect(notJson.status).toBe(400);
  expect((await notJson.json()).error).toBe("invalid_json");
});

Deno.test("login: 200 with a new session id, 401 for bad credentials either way", async () => {
  await using app = await createCheckedAuthApp();
  const signedUp = await signUp(app, "expert");
  const email = signedUp.user!.email;

  const wrong = await app.client().api("POST", "/api/auth/login", {
    email,
    password: "wrong password 123",
  });
  const unknown = await app.client().api("POST", "/api/auth/login", {
    email: uniqueEmail("nobody"),
    password: "wrong password 123",
  });
  expect(wrong.status).toBe(401);
  expect(unknown.status).toBe(401);
  // The same answer whether or not the email exists.
  expect(unknown.body).toEqual(wrong.body);

  // A login from the same browser gets a new session id, never the old one.
  const oldToken = signedUp.cookies.get("tt_session");
  const login = await signedUp.api("POST", "/api/auth/login", {
    email,
    password: TEST_PASSWORD,
  });
  expect(login.status).toBe(200);
  expect(login.body.user.email).toBe(email);
  const newToken = signedUp.cookies.get("tt_session");
  expect(newToken).toBeDefined();
  expect(newToken).not.toBe(oldToken);

  // …and the session it replaced is over, not left valid behind the cookie.
  const withOldCookie = await app.client().request("/api/me", {
    headers: { cookie: `tt_session=${oldToken}` },
  });
  expect(withOldCookie.status).toBe(401);
  await withOldCookie.body?.cancel();
});

Deno.test("two-factor login: pending cookie, then a code; the pending cookie alone is no session", async () => {
  await using app = await createCheckedAuthApp();
  using clock = useFakeClock();
  const learner = await signUp(app, "learner");
  const { secret, recoveryCodes } = await enrolTwoFactor(learner);
  expect(recoveryCodes).toHaveLength(10);
  clock.advance(60_000);

  const browser = app.client();
  const step1 = await browser.api("POST", "/api/auth/login", {
    email: learner.user!.email,
    password: TEST_PASSWORD,
  });
  expect(step1.status).toBe(200);
  expect(step1.body).toEqual({ twoFactorRequired: true });
  expect(sessionCookieOf(step1)).toBeUndefined();
  const pending = step1.headers.getSetCookie().find((c) =>
    c.startsWith("tt_2fa=")
  )!;
  expect(pending).toContain("HttpOnly");
  expect(pending).toContain("Max-Age=300");
  expect((await browser.api("GET", "/api/me")).status).toBe(401);
  // A pending token used as a session cookie is not a session either.
  const forged = await app.client().api("GET", "/api/me", undefined, {
    cookie: `tt_session=${browser.cookies.get("tt_2fa")}`,
  });
  expect(forged.status).toBe(401);

  const wrongCode = await browser.api("POST", "/api/auth/login/2fa", {
    code: "000000",
  });
  expect([400, 401]).toContain(wrongCode.status);
  expect(wrongCode.body.error).toBe("invalid_code");

  const step2 = await browser.api("POST", "/api/auth/login/2fa", {
    code: await totpCode(secret),
  });
  expect(step2.status).toBe(200);
  expect(step2.body.user.twoFactorEnabled).toBe(true);
  expect(browser.cookies.has("tt_2fa")).toBe(false);
  expect((await browser.api("GET", "/api/me")).status).toBe(200);

  // A recovery code works once.
  for (const expected of [200, 400]) {
    const other = app.client();
    await other.api("POST", "/api/auth/login", {
      email: learner.user!.email,
      password: TEST_PASSWORD,
    });
    const answer = await other.api("POST", "/api/auth/login/2fa", {
      code: recoveryCodes[0],
    });
    if (expected === 200) expect(answer.status).toBe(200);
    else expect([400, 401]).toContain(answer.status);
  }

  const noPending = await app.client().api("POST", "/api/auth/login/2fa", {
    code: "123456",
  });
  expect(noPending.status).toBe(401);
});

Deno.test("logout answers 204, clears the cookie and ends the session", async () => {
  await using app = await createCheckedAuthApp();
  const client = await signUp(app, "learner");
  const token = client.cookies.get("tt_session")!;
  const answer = await client.api("POST", "/api/auth/logout");
  expect(answer.status).toBe(204);
  expect(sessionCookieOf(answer)).toContain("Max-Age=0");
  expect(client.cookies.has("tt_session")).toBe(false);
  // The old token is dead on the server, not only forgotten by the browser.
  const replay = await app.client().api("GET", "/api/me", undefined, {
    cookie: `tt_session=${token}`,
  });
  expect(replay.status).toBe(401);
  expect(replay.body.error).toBe("unauthenticated");
  // …and the middleware tells the browser to drop it.
  expect(sessionCookieOf(replay)).toContain("Max-Age=0");
});

Deno.test("GET /api/me: the public user fields, or 401", async () => {
  await using app = await createCheckedAuthApp();
  const anonymous = await app.client().api("GET", "/api/me");
  expect(anonymous.status).toBe(401);
  expect(anonymous.body.error).toBe("unauthenticated");

  const client = await signUp(app, "expert");
  const me = await client.api("GET", "/api/me");
  expect(me.status).toBe(200);
  expect(Object.keys(me.body.user)).toEqual(
    expect.arrayContaining([
      "id",
      "email",
      "name",
      "role",
      "timeZone",
      "emailVerified",
      "twoFactorEnabled",
    ]),
  );

  const patched = await client.api("PATCH", "/api/me", {
    name: "New Name",
    timeZone: "Asia/Tokyo",
  });
  expect(patched.status).toBe(200);
  expect(patched.body.user).toMatchObject({
    name: "New Name",
    timeZone: "Asia/Tokyo",
  });
  const badZone = await client.api("PATCH", "/api/me", {
    timeZone: "Mars/Base",
  });
  expect(badZone.status).toBe(400);
});

Deno.test("email verification through the link in the outbox, once", async () => {
  await using app = await createCheckedAuthApp();
  const client = await signUp(app, "learner");
  const link = await linkFromOutbox(
    app.kv,
    client.user!.email,
    "/verify-email",
  );
  const token = new URL(link, TEST_ORIGIN).searchParams.get("token");
  // Verifying works from any browser: the token is the proof.
  const verified = await app.client().api("POST", "/api/auth/email/verify", {
    token,
  });
  expect(verified.status).toBe(200);
  expect(verified.body.user.emailVerified).toBe(true);
  expect((await client.api("GET", "/api/me")).body.user.emailVerified).toBe(
    true,
  );
  const again = await app.client().api("POST", "/api/auth/email/verify", {
    token,
  });
  expect(again.status).toBe(400);
  expect(again.body.error).toBe("invalid_token");

  const verifiedAlready = await client.api("POST", "/api/auth/email/resend");
  expect(verifiedAlready.status).toBe(409);
});

Deno.test("forgot password is always 202 with the same body; reset is single use and ends sessions", async () => {
  await using app = await createCheckedAuthApp();
  const owner = await signUp(app, "learner");
  const email = owner.user!.email;
  const known = await app.client().api("POST", "/api/auth/password/forgot", {
    email,
  });
  const unknown = await app.client().api("POST", "/api/auth/password/forgot", {
    email: uniqueEmail("nobody"),
  });
  expect(known.status).toBe(202);
  expect(unknown.status).toBe(202);
  expect(unknown.body).toEqual(known.body);

  const link = await linkFromOutbox(app.kv, email, "/reset-password");
  const token = new URL(link, TEST_ORIGIN).searchParams.get("token");
  const newPassword = "a brand new passphrase";
  const reset = await app.client().api("POST", "/api/auth/password/reset", {
    token,
    password: newPassword,
  });
  expect(reset.status).toBe(200);
  // Every old session ended.
  expect((await owner.api("GET", "/api/me")).status).toBe(401);
  // The link works once.
  const reuse = await app.client().api("POST", "/api/auth/password/reset", {
    token,
    password: "yet another passphrase",
  });
  expect(reuse.status).toBe(400);
  expect(reuse.body.error).toBe("invalid_token");
  // The new password works, the old one does not.
  const oldLogin = await app.client().api("POST", "/api/auth/login", {
    email,
    password: TEST_PASSWORD,
  });
  expect(oldLogin.status).toBe(401);
  await logIn(app, email, newPassword);
});

Deno.test("changing the password needs the current one and ends every other session", async () => {
  await using app = await createCheckedAuthApp();
  const laptop = await signUp(app, "expert");
  const email = laptop.user!.email;
  const phone = await logIn(app, email);

  const wrong = await laptop.api("POST", "/api/auth/password/change", {
    currentPassword: "not my password",
    newPassword: "another long passphrase",
  });
  expect([400, 401]).toContain(wrong.status);
  expect((await phone.api("GET", "/api/me")).status).toBe(200);

  const changed = await laptop.api("POST", "/api/auth/password/change", {
    currentPassword: TEST_PASSWORD,
    newPassword: "another long passphrase",
  });
  expect(changed.status).toBe(200);
  expect((await laptop.api("GET", "/api/me")).status).toBe(200);
  expect((await phone.api("GET", "/api/me")).status).toBe(401);
  const events = await laptop.api("GET", "/api/me/security-events");
  expect(events.body.events.map((e: { type: string }) => e.type)).toContain(
    "password_changed",
  );
});

Deno.test("changing the email needs the password, ends other sessions and asks for verification", async () => {
  await using app = await createCheckedAuthApp();
  const laptop = await signUp(app, "learner");
  const phone = await logIn(app, laptop.user!.email);
  const newEmail = uniqueEmail("moved");
  const changed = await laptop.api("POST", "/api/auth/email/change", {
    currentPassword: TEST_PASSWORD,
    newEmail,
  });
  expect(changed.status).toBe(200);
  expect(changed.body.user).toMatchObject({
    email: newEmail,
    emailVerified: false,
  });
  expect((await phone.api("GET", "/api/me")).status).toBe(401);
  await linkFromOutbox(app.kv, newEmail, "/verify-email");
});

Deno.test("turning 2FA on rotates the session id; the old id stops working", async () => {
  await using app = await createCheckedAuthApp();
  const client = await signUp(app, "expert");
  const before = client.cookies.get("tt_session")!;
  await enrolTwoFactor(client);
  const after = client.cookies.get("tt_session")!;
  expect(after).not.toBe(before);
  expect((await client.api("GET", "/api/me")).status).toBe(200);
  const old = await app.client().api("GET", "/api/me", undefined, {
    cookie: `tt_session=${before}`,
  });
  expect(old.status).toBe(401);
});

Deno.test("sessions expire after 7 idle days and after 30 days in any case", async () => {
  await using app = await createCheckedAuthApp();
  using clock = useFakeClock(new Date("2030-01-01T00:00:00Z"));
  const idle = await signUp(app, "learner");
  const busy = await logIn(app, idle.user!.email);
  clock.advance(6 * DAY_MS);
  expect((await idle.api("GET", "/api/me")).status).toBe(200);
  clock.advance(7 * DAY_MS + 60_000);
  expect((await idle.api("GET", "/api/me")).status).toBe(401);

  // Seen every 5 days: alive until the 30-day limit.
  const busyFresh = await logIn(app, idle.user!.email);
  for (let day = 5; day < 30; day += 5) {
    clock.advance(5 * DAY_MS);
    expect((await busyFresh.api("GET", "/api/me")).status).toBe(200);
  }
  clock.advance(5 * DAY_MS + 60_000);
  expect((await busyFresh.api("GET", "/api/me")).status).toBe(401);
  expect((await busy.api("GET", "/api/me")).status).toBe(401);
});

Deno.test("sessions: list with the current one marked, end one; another user's id is a 404", async () => {
  await using app = await createCheckedAuthApp();
  const laptop = await signUp(app, "learner");
  const phone = await logIn(app, laptop.user!.email, TEST_PASSWORD);
  const stranger = await signUp(app, "learner");

  const listed = await laptop.api("GET", "/api/auth/sessions");
  expect(listed.status).toBe(200);
  expect(listed.body.sessions).toHaveLength(2);
  const current = listed.body.sessions.filter((s: { current?: boolean }) =>
    s.current
  );
  expect(current).toHaveLength(1);
  const phoneSession = listed.body.sessions.find((s: { current?: boolean }) =>
    !s.current
  );
  expect(phoneSession.ip).toBe(phone.ip);
  expect(JSON.stringify(listed.body)).not.toContain(
    laptop.cookies.get("tt_session")!,
  );

  const theirs = await stranger.api(
    "DELETE",
    `/api/auth/sessions/${phoneSession.id}`,
  );
  expect(theirs.status).toBe(404);
  expect((await phone.api("GET", "/api/me")).status).toBe(200);

  const ended = await laptop.api(
    "DELETE",
    `/api/auth/sessions/${phoneSession.id}`,
  );
  expect(ended.status).toBe(204);
  expect((await phone.api("GET", "/api/me")).status).toBe(401);
  expect((await laptop.api("GET", "/api/me")).status).toBe(200);
});

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

Deno.test("rate limits over HTTP: 429 with Retry-After for login, signup and password reset", async () => {
  await using app = await createCheckedAuthApp();
  const owner = await signUp(app, "learner");

  // Login: a handful of attempts per minute per account.
  let login;
  for (let attempt = 0; attempt < 12; attempt++) {
    login = await app.client().api("POST", "/api/auth/login", {
      email: owner.user!.email,
      password: "wrong password 123",
    });
    if (login.status === 429) break;
  }
  expect(login!.status).toBe(429);
  expect(login!.body.error).toBe("rate_limited");
  expect(Number(login!.headers.get("retry-after"))).toBeGreaterThan(0);

  // Signup: a few accounts per hour from one address.
  const signupFrom = app.client();
  let signup;
  for (let attempt = 0; attempt < 8; attempt++) {
    signup = await signupFrom.api("POST", "/api/auth/signup", {
      email: uniqueEmail(),
      password: TEST_PASSWORD,
      name: "Many",
      role: "learner",
    });
    if (signup.status === 429) break;
    expect(signup.status).toBe(201);
  }
  expect(signup!.status).toBe(429);
  expect(Number(signup!.headers.get("retry-after"))).toBeGreaterThan(0);

  // Password reset: a few requests per hour per address.
  let forgot;
  for (let attempt = 0; attempt < 8; attempt++) {
    forgot = await app.client().api("POST", "/api/auth/password/forgot", {
      email: owner.user!.email,
    });
    if (forgot.status === 429) break;
    expect(forgot.status).toBe(202);
  }
  expect(forgot!.status).toBe(429);
  expect(Number(forgot!.headers.get("retry-after"))).toBeGreaterThan(0);
});

Deno.test("ten wrong passwords lock the account for 15 minutes and email the owner", async () => {
  await using app = await createCheckedAuthApp();
  using clock = useFakeClock(new Date("2030-03-01T10:00:00Z"));
  const owner = await signUp(app, "expert");
  const email = owner.user!.email;
  for (let attempt = 0; attempt < 10; attempt++) {
    // Spread out so the per-minute rate limits never apply: this is the lockout.
    clock.advance(13_000);
    const wrong = await app.client().api("POST", "/api/auth/login", {
      email,
      password: `wrong password ${attempt}`,
    });
    expect(wrong.status).toBe(401);
  }
  clock.advance(13_000);
  const locked = await app.client().api("POST", "/api/auth/login", {
    email,
    password: TEST_PASSWORD,
  });
  expect(locked.status).toBe(423);
  expect(locked.body.error).toBe("account_locked");
  const retryAfter = Number(locked.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  const mail = await listOutbox(app.kv, { to: email });
  expect(mail.some((message) => /lock/i.test(message.subject))).toBe(true);

  clock.advance(15 * 60_000 + 1000);
  await logIn(app, email);
});

Deno.test("suspension: only a 2FA admin; the user's sessions end at once and login says suspended", async () => {
  await using app = await createCheckedAuthApp();
  const target = await signUp(app, "learner");
  const weakAdmin = await signInAdmin(app, { twoFactor: false });
  const admin = await signInAdmin(app, { twoFactor: true });
  const path = `/api/admin/users/${target.user!.id}`;

  const refused = await weakAdmin.api("POST", `${path}/suspend`);
  expect(refused.status).toBe(403);
  expect(refused.body.error).toBe("two_factor_required");
  expect((await target.api("POST", `${path}/suspend`)).status).toBe(403);

  const suspended = await admin.api("POST", `${path}/suspend`);
  expect(suspended.status).toBe(200);
  expect(suspended.body.user.status).toBe("suspended");
  expect((await target.api("GET", "/api/me")).status).toBe(401);
  const login = await app.client().api("POST", "/api/auth/login", {
    email: target.user!.email,
    password: TEST_PASSWORD,
  });
  expect(login.status).toBe(423);
  expect(login.body.error).toBe("account_suspended");
  expect(login.body.message).toMatch(/suspended/i);

  const reactivated = await admin.api("POST", `${path}/reactivate`);
  expect(reactivated.status).toBe(200);
  expect(reactivated.body.user.status).toBe("active");
  await logIn(app, target.user!.email);

  const missing = await admin.api("POST", "/api/admin/users/nobody/suspend");
  expect(missing.status).toBe(404);
});

Deno.test("role change: only a 2FA admin, learner ↔ expert; the user's sessions end and role_changed is logged", async () => {
  await using app = await createCheckedAuthApp();
  const target = await signUp(app, "learner");
  const otherDevice = await logIn(app, target.user!.email);
  const bystander = await signUp(app, "expert");
  const weakAdmin = await signInAdmin(app, { twoFactor: false });
  const admin = await signInAdmin(app, { twoFactor: true });
  const path = `/api/admin/users/${target.user!.id}/role`;

  const refused = await weakAdmin.api("POST", path, { role: "expert" });
  expect(refused.status).toBe(403);
  expect(refused.body.error).toBe("two_factor_required");
  for (const caller of [target, bystander]) {
    const answer = await caller.api("POST", path, { role: "expert" });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toBe("forbidden");
  }
  expect((await target.api("GET", "/api/me")).body.user.role).toBe("learner");

  const changed = await admin.api("POST", path, { role: "expert" });
  expect(changed.status).toBe(200);
  expect(changed.body.user).toMatchObject({
    id: target.user!.id,
    role: "expert",
  });
  // A privilege change ends every session; the next login is an expert.
  expect((await target.api("GET", "/api/me")).status).toBe(401);
  expect((await otherDevice.api("GET", "/api/me")).status).toBe(401);
  const again = await logIn(app, target.user!.email);
  expect(again.user!.role).toBe("expert");
  const experts = await admin.api("GET", "/api/admin/users?role=expert");
  expect(experts.body.users.map((user: { id: string }) => user.id))
    .toContain(target.user!.id);

  const audit = await admin.api(
    "GET",
    `/api/admin/audit?userId=${target.user!.id}&type=role_changed`,
  );
  expect(audit.body.events).toHaveLength(1);
  expect(audit.body.events[0]).toMatchObject({
    actorId: admin.user!.id,
    details: { from: "learner", to: "expert" },
  });

  // The same role again is a no-op that keeps the session.
  expect((await admin.api("POST", path, { role: "expert" })).status).toBe(200);
  expect((await again.api("GET", "/api/me")).status).toBe(200);

  const back = await admin.api("POST", path, { role: "learner" });
  expect(back.body.user.role).toBe("learner");
});

Deno.test("role change refuses admin as a role, admin targets, oneself, bad bodies and unknown ids", async () => {
  await using app = await createCheckedAuthApp();
  const target = await signUp(app, "expert");
  const otherAdmin = await signInAdmin(app, { twoFactor: false });
  const admin = await signInAdmin(app, { twoFactor: true });
  const roleOf = (id: string) => `/api/admin/users/${id}/role`;

  const toAdmin = await admin.api("POST", roleOf(target.user!.id), {
    role: "admin",
  });
  expect(toAdmin.status).toBe(400);
  expect(Object.keys(toAdmin.body.details)).toEqual(["role"]);
  const empty = await admin.api("POST", roleOf(target.user!.id), {});
  expect(empty.status).toBe(400);

  const adminTarget = await admin.api("POST", roleOf(otherAdmin.user!.id), {
    role: "learner",
  });
  expect(adminTarget.status).toBe(409);
  expect(adminTarget.body.message).toMatch(/ADMIN_EMAIL/);
  const self = await admin.api("POST", roleOf(admin.user!.id), {
    role: "expert",
  });
  expect(self.status).toBe(409);
  expect(self.body.message).toMatch(/your own account/);
  expect((await otherAdmin.api("GET", "/api/me")).body.user.role).toBe("admin");
  expect((await admin.api("GET", "/api/me")).body.user.role).toBe("admin");

  const missing = await admin.api("POST", roleOf("nobody"), {
    role: "expert",
  });
  expect(missing.status).toBe(404);
  expect((await target.api("GET", "/api/me")).body.user.role).toBe("expert");
  const audit = await admin.api("GET", "/api/admin/audit?type=role_changed");
  expect(audit.body.events).toEqual([]);
});

Deno.test("admin user list filters by q, role and status", async () => {
  await using app = await createCheckedAuthApp();
  const ada = await signUp(app, "learner", { name: "Ada Lovelace" });
  const grace = await signUp(app, "expert", { name: "Grace Hopper" });
  const admin = await signInAdmin(app, { twoFactor: true });
  await admin.api("POST", `/api/admin/users/${ada.user!.id}/suspend`);

  const ids = async (query: string) => {
    const answer = await admin.api("GET", `/api/admin/users${query}`);
    expect(answer.status).toBe(200);
    return answer.body.users.map((user: { id: string }) => user.id);
  };
  expect(await ids("?q=lovelace")).toEqual([ada.user!.id]);
  expect(await ids(`?q=${encodeURIComponent(grace.user!.email.toUpperCase())}`))
    .toEqual([grace.user!.id]);
  expect(await ids("?role=expert")).toEqual([grace.user!.id]);
  expect(await ids("?status=suspended")).toEqual([ada.user!.id]);
  expect(await ids("?role=admin")).toEqual([admin.user!.id]);
  expect((await ids("")).length).toBe(3);

  const bad = await admin.api("GET", "/api/admin/users?role=superuser&limit=0");
  expect(bad.status).toBe(400);
  expect(Object.keys(bad.body.details).sort()).toEqual(["limit", "role"]);
});

Deno.test("security events: the user's own log, and the admin audit log with filters", async () => {
  await using app = await createCheckedAuthApp();
  const user = await signUp(app, "learner");
  await app.client().api("POST", "/api/auth/login", {
    email: user.user!.email,
    password: "wrong password 123",
  });
  await logIn(app, user.user!.email);

  const own = await user.api("GET", "/api/me/security-events");
  expect(own.status).toBe(200);
  const types = own.body.events.map((event: { type: string }) => event.type);
  expect(types).toEqual(
    expect.arrayContaining(["signup", "login_failed", "login_succeeded"]),
  );
  for (const event of own.body.events) {
    expect(event.userId).toBe(user.user!.id);
    expect(typeof event.ip).toBe("string");
    expect(typeof event.at).toBe("string");
  }
  expect(own.body.events[0].ip).toMatch(/^10\.0\./);

  const admin = await signInAdmin(app, { twoFactor: true });
  const filtered = await admin.api(
    "GET",
    `/api/admin/audit?userId=${user.user!.id}&type=login_failed`,
  );
  expect(filtered.status).toBe(200);
  expect(filtered.body.events.length).toBeGreaterThan(0);
  for (const event of filtered.body.events) {
    expect(event).toMatchObject({
      userId: user.user!.id,
      type: "login_failed",
    });
  }
  const all = await admin.api("GET", "/api/admin/audit?limit=2");
  expect(all.body.events).toHaveLength(2);
  expect(typeof all.body.nextCursor).toBe("string");
  const next = await admin.api(
    "GET",
    `/api/admin/audit?limit=2&cursor=${
      encodeURIComponent(all.body.nextCursor)
    }`,
  );
  expect(next.body.events[0].id).not.toBe(all.body.events[0].id);
  expect((await admin.api("GET", "/api/admin/audit?type=nonsense")).status)
    .toBe(400);
  expect((await user.api("GET", "/api/admin/audit")).status).toBe(403);
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

Deno.test("the OpenAPI document describes the account API and its cookie", async () => {
  await using app = await createCheckedAuthApp();
  const { body } = await app.client().api("GET", "/api/openapi.json");
  expect(body.components.securitySchemes.sessionCookie).toEqual(
    expect.objectContaining({
      type: "apiKey",
      in: "cookie",
      name: "tt_session",
    }),
  );
  expect(body.paths["/api/me"].get.security).toEqual([{ sessionCookie: [] }]);
  expect(body.paths["/api/admin/users"].get["x-access"]).toEqual(
    adminWithTwoFactor,
  );
  expect(body.paths["/api/auth/signup"].post.security).toBeUndefined();
  const docs = await app.client().request("/api/docs");
  const html = await docs.text();
  expect(html).toContain("POST /api/auth/login");
  expect(html).toContain("Who may call it");
});
