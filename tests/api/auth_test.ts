/**
 * Signing up, in and out over HTTP: the session cookie, two-factor login,
 * rate limits and the lockout after wrong passwords, through the whole app
 * (root middleware, CSRF, access rules, API, flows), with every API answer
 * checked against the generated OpenAPI document.
 */
import { expect } from "expect";
import {
  createAuthTestApp,
  enrolTwoFactor,
  logIn,
  signUp,
  TEST_PASSWORD,
  uniqueEmail,
} from "@/tests/support/auth.ts";
import { createCheckedAuthApp, sessionCookieOf } from "./support.ts";
import { checkApiAnswers } from "./contract.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { totpCode } from "@/services/auth/mod.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";

Deno.test("signup answers 201 with the user and a locked-down session cookie", async () => {
  await using app = await createCheckedAuthApp();
  const client = app.client();
  const email = uniqueEmail();
  const answer = await client.api("POST", "/api/auth/signup", {
    acceptTerms: true,
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
  expect(cookie).toMatch(
    new RegExp(`^tt_session=${answer.body.user.id}\\.[A-Za-z0-9_-]{43};`),
  );
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
  // The site's public address is https, and the request comes from it.
  await using app = checkApiAnswers(
    await createAuthTestApp({ env: { PUBLIC_URL: "https://taptime.example" } }),
  );
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
        acceptTerms: true,
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
    acceptTerms: true,
    email: first.user!.email,
    password: TEST_PASSWORD,
    name: "Copy",
    role: "expert",
  });
  expect(taken.status).toBe(409);
  expect(taken.body.error).toBe("email_taken");
  expect(sessionCookieOf(taken)).toBeUndefined();

  const bad = await app.client().api("POST", "/api/auth/signup", {
    acceptTerms: true,
    email: "not-an-email",
    password: "short",
    name: "",
    role: "admin",
  });
  expect(bad.status).toBe(400);
  expect(bad.body.error).toBe("validation_error");
  expect(Object.keys(bad.body.details)).toContain("role");

  const weak = await app.client().api("POST", "/api/auth/signup", {
    acceptTerms: true,
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

Deno.test("rate limits over HTTP: 429 with Retry-After for login, signup and password reset", async () => {
  await using app = await createCheckedAuthApp();
  const owner = await signUp(app, "learner");

  // Login: a handful of wrong passwords per account from one address.
  const guesser = app.client();
  let login;
  for (let attempt = 0; attempt < 12; attempt++) {
    login = await guesser.api("POST", "/api/auth/login", {
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
      acceptTerms: true,
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
