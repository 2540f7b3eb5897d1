/** Signing up, in (with two-factor) and out through the pages. */
import { expect } from "expect";
import {
  createAuthTestApp,
  signInAdmin,
  signUp,
  TEST_PASSWORD,
  uniqueEmail,
} from "@/tests/support/auth.ts";
import { getUserByEmail } from "@/services/auth/mod.ts";
import { page, postForm, signUpWithForm } from "./page_helpers.ts";

Deno.test("signup page: the role is preselected from ?role=expert", async () => {
  await using app = await createAuthTestApp();
  const client = app.client();
  const learner = await page(client, "/signup");
  expect(learner.status).toBe(200);
  expect(learner.text).toMatch(/id="role-learner"[^>]*checked/);
  const expert = await page(client, "/signup?role=expert");
  expect(expert.text).toMatch(/id="role-expert"[^>]*checked/);
  expect(expert.text).not.toMatch(/id="role-learner"[^>]*checked/);
  // The time-zone select is server-rendered with the IANA zones.
  expect(expert.text).toContain('<option value="Europe/Berlin"');
  expect(expert.text).toContain("At least 10 characters");
});

Deno.test("signup: each role lands on its home, signed in", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUpWithForm(app, "learner");
  expect(learner.response.status).toBe(303);
  expect(learner.response.headers.get("location")).toBe(
    "/dashboard/onboarding",
  );
  const dashboard = await page(learner.client, "/dashboard");
  expect(dashboard.status).toBe(200);
  expect(dashboard.text).toContain("Welcome, Pat learner");
  expect(dashboard.text).toContain("Please verify your email address");

  const expert = await signUpWithForm(app, "expert");
  expect(expert.response.headers.get("location")).toBe("/expert");
  const home = await page(expert.client, "/expert");
  expect(home.status).toBe(200);
  expect(home.text).toContain("Welcome, Pat expert");
  const user = await getUserByEmail(app.kv, expert.email);
  expect(user?.role).toBe("expert");
  expect(user?.timeZone).toBe("Europe/Berlin");
});

Deno.test("signup: errors stand next to their fields and input is kept", async () => {
  await using app = await createAuthTestApp();
  const client = app.client();
  const response = await postForm(client, "/signup", {
    role: "learner",
    name: "Kim",
    email: "not-an-email",
    password: "short",
    timeZone: "UTC",
  });
  expect(response.status).toBe(400);
  const text = await response.text();
  expect(text).toMatch(/id="email"[^>]*aria-invalid="true"/);
  expect(text).toMatch(/id="email"[^>]*aria-describedby="email-error"/);
  expect(text).toContain('id="password-error"');
  expect(text).toContain('value="Kim"');
  expect(text).not.toContain('value="short"');

  const badRole = await postForm(client, "/signup", {
    role: "admin",
    name: "Kim",
    email: uniqueEmail(),
    password: TEST_PASSWORD,
  });
  expect(badRole.status).toBe(400);
  expect(await badRole.text()).toContain('id="role-error"');

  const first = await signUpWithForm(app, "learner");
  const taken = await signUpWithForm(app, "learner", first.email);
  expect(taken.response.status).toBe(409);
  expect(await taken.response.text()).toContain(
    "An account with this email already exists.",
  );
});

Deno.test("login: success goes home or to a same-site ?next", async () => {
  await using app = await createAuthTestApp();
  const { email } = await signUpWithForm(app, "learner");

  const plain = app.client();
  const home = await postForm(plain, "/login", {
    email,
    password: TEST_PASSWORD,
  });
  expect(home.status).toBe(303);
  expect(home.headers.get("location")).toBe("/dashboard");
  expect(plain.cookies.has("tt_session")).toBe(true);

  const withNext = app.client();
  const shown = await page(withNext, "/login?next=%2Faccount%2Fsecurity");
  expect(shown.text).toContain('name="next" value="/account/security"');
  const next = await postForm(withNext, "/login", {
    email,
    password: TEST_PASSWORD,
    next: "/account/security",
  });
  expect(next.headers.get("location")).toBe("/account/security");
});

Deno.test("login: ?next never redirects off the site", async () => {
  await using app = await createAuthTestApp();
  const { email } = await signUpWithForm(app, "learner");
  for (
    const next of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "javascript:alert(1)",
    ]
  ) {
    const client = app.client();
    const shown = await page(client, `/login?next=${encodeURIComponent(next)}`);
    expect(shown.text).not.toContain("evil.example");
    const response = await postForm(client, "/login", {
      email,
      password: TEST_PASSWORD,
      next,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/dashboard");
  }
});

Deno.test("login: wrong password, lockout and suspension are explained", async () => {
  await using app = await createAuthTestApp();
  const { email } = await signUpWithForm(app, "learner");
  const wrong = await postForm(app.client(), "/login", {
    email,
    password: "not the password at all",
  });
  expect(wrong.status).toBe(401);
  const wrongText = await wrong.text();
  expect(wrongText).toContain("Email or password is incorrect.");
  expect(wrongText).toContain(`value="${email}"`);

  // Each attempt from its own client (IP); per-email limits may answer 429
  // before the lockout's 423: both must be clear pages with Retry-After.
  let last: Response | null = null;
  for (let attempt = 0; attempt < 12; attempt++) {
    last = await postForm(app.client(), "/login", {
      email,
      password: `wrong password ${attempt}`,
    });
    if (last.status !== 401) break;
    await last.body?.cancel();
  }
  expect([423, 429]).toContain(last!.status);
  expect(last!.headers.get("retry-after")).toMatch(/^\d+$/);
  expect(await last!.text()).toMatch(/Too many attempts|locked/);

  // Suspension: an admin suspends a fresh learner; login says so (423).
  const admin = await signInAdmin(app, { twoFactor: true });
  const other = await signUpWithForm(app, "learner");
  const suspended = await postForm(admin, "/admin/users", {
    action: "suspend",
    reason: "Testing the suspended sign-in.",
    userId: other.client.user?.id ??
      (await getUserByEmail(app.kv, other.email))!.id,
    back: "/admin/users",
  });
  expect(suspended.status).toBe(303);
  expect(suspended.headers.get("location")).toBe("/admin/users?done=suspended");
  const denied = await postForm(app.client(), "/login", {
    email: other.email,
    password: TEST_PASSWORD,
  });
  expect(denied.status).toBe(423);
  expect(await denied.text()).toContain("This account is suspended.");
  // The suspended user's session ended at once.
  const after = await other.client.request("/dashboard");
  expect(after.status).toBe(303);
  expect(after.headers.get("location")).toMatch(/^\/login\?next=/);
});

Deno.test("login with two-factor: the code step, then home", async () => {
  await using app = await createAuthTestApp();
  const email = uniqueEmail("admin");
  const admin = await signInAdmin(app, { twoFactor: true, email });

  const client = app.client();
  const first = await postForm(client, "/login", {
    email,
    password: TEST_PASSWORD,
    next: "/admin/audit",
  });
  expect(first.status).toBe(303);
  expect(first.headers.get("location")).toBe(
    "/login/2fa?next=%2Fadmin%2Faudit",
  );
  expect(client.cookies.has("tt_2fa")).toBe(true);
  expect(client.cookies.has("tt_session")).toBe(false);

  const step = await page(client, "/login/2fa?next=%2Fadmin%2Faudit");
  expect(step.status).toBe(200);
  expect(step.text).toContain('autocomplete="one-time-code"');

  const wrong = await postForm(client, "/login/2fa", {
    code: "000000",
    next: "/admin/audit",
  });
  expect([400, 401]).toContain(wrong.status);
  expect(await wrong.text()).toContain('id="code-error"');

  const right = await postForm(client, "/login/2fa", {
    code: admin.recoveryCodes![0],
    next: "/admin/audit",
  });
  expect(right.status).toBe(303);
  expect(right.headers.get("location")).toBe("/admin/audit");
  expect(client.cookies.has("tt_session")).toBe(true);
  expect(client.cookies.has("tt_2fa")).toBe(false);
  expect((await page(client, "/admin/audit")).status).toBe(200);

  // Without a pending login the step sends people back to the password.
  const stray = await app.client().request("/login/2fa");
  expect(stray.status).toBe(303);
  expect(stray.headers.get("location")).toBe("/login?notice=2fa-expired");
});

Deno.test("logout: POST clears the cookie and ends the session", async () => {
  await using app = await createAuthTestApp();
  const client = await signUp(app, "learner");
  const token = client.cookies.get("tt_session")!;
  const response = await postForm(client, "/logout", {});
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe("/");
  expect(client.cookies.has("tt_session")).toBe(false);
  // The old token no longer works either.
  const reused = await app.fetch(
    new Request("http://localhost:8000/dashboard", {
      headers: { cookie: `tt_session=${token}` },
    }),
  );
  expect(reused.status).toBe(303);
  // GET cannot log anyone out.
  expect((await app.client().request("/logout")).status).toBe(405);
});

Deno.test("login: strangers' guesses never lock out the owner's browser", async () => {
  await using app = await createAuthTestApp();
  const { email } = await signUpWithForm(app, "learner");
  const laptop = app.client();
  const first = await postForm(laptop, "/login", {
    email,
    password: TEST_PASSWORD,
  });
  expect(first.status).toBe(303);
  expect(first.headers.getSetCookie().join("\n")).toMatch(
    /tt_device=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=31536000/,
  );
  // Strangers, each from an address of their own, guess until locked out.
  let last: Response | null = null;
  for (let attempt = 0; attempt < 12; attempt++) {
    last = await postForm(app.client(), "/login", {
      email,
      password: `wrong password ${attempt}`,
    });
    if (last.status !== 401) break;
    await last.body?.cancel();
  }
  expect(last!.status).toBe(423);
  await last!.body?.cancel();
  // The owner's browser, now on another network, still gets in.
  const travelling = app.client();
  travelling.cookies.set("tt_device", laptop.cookies.get("tt_device")!);
  const back = await postForm(travelling, "/login", {
    email,
    password: TEST_PASSWORD,
  });
  expect(back.status).toBe(303);
  expect(back.headers.get("location")).toBe("/dashboard");
});
