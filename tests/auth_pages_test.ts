/**
 * HTTP tests for the account pages: signup, login (with 2FA and `?next`),
 * logout, email verification, password reset, the account and security
 * pages, the role homes, the admin pages, the 403 page and the dev outbox.
 * Every request goes through the real app (middleware, access policy,
 * layouts) with a cookie-keeping client from auth/testing.ts.
 */
import { expect } from "expect";
import {
  type AuthTestApp,
  type Client,
  createAuthTestApp,
  linkFromOutbox,
  logIn,
  signInAdmin,
  signUp,
  TEST_PASSWORD,
  uniqueEmail,
} from "./support/auth.ts";
import { totpCode } from "@/services/auth/mod.ts";
import { getUserByEmail } from "@/services/auth/mod.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";

const NEW_PASSWORD = "a different long passphrase";

/** Posts a form as a browser on this site would. */
function postForm(
  client: Client,
  path: string,
  fields: Record<string, string>,
): Promise<Response> {
  return client.request(path, {
    method: "POST",
    body: new URLSearchParams(fields),
  });
}

async function html(client: Client, path: string) {
  const response = await client.request(path);
  return { status: response.status, text: await response.text(), response };
}

/** Signs up through the /signup form; the client keeps the session. */
async function signUpWithForm(
  app: AuthTestApp,
  role: "learner" | "expert",
  email = uniqueEmail(role),
): Promise<{ client: Client; response: Response; email: string }> {
  const client = app.client();
  const response = await postForm(client, "/signup", {
    role,
    name: `Pat ${role}`,
    email,
    password: TEST_PASSWORD,
    timeZone: "Europe/Berlin",
  });
  return { client, response, email };
}

Deno.test("signup page: the role is preselected from ?role=expert", async () => {
  await using app = await createAuthTestApp();
  const client = app.client();
  const learner = await html(client, "/signup");
  expect(learner.status).toBe(200);
  expect(learner.text).toMatch(/id="role-learner"[^>]*checked/);
  const expert = await html(client, "/signup?role=expert");
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
  const dashboard = await html(learner.client, "/dashboard");
  expect(dashboard.status).toBe(200);
  expect(dashboard.text).toContain("Welcome, Pat learner");
  expect(dashboard.text).toContain("Please verify your email address");

  const expert = await signUpWithForm(app, "expert");
  expect(expert.response.headers.get("location")).toBe("/expert");
  const home = await html(expert.client, "/expert");
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
  const page = await html(withNext, "/login?next=%2Faccount%2Fsecurity");
  expect(page.text).toContain('name="next" value="/account/security"');
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
    const page = await html(client, `/login?next=${encodeURIComponent(next)}`);
    expect(page.text).not.toContain("evil.example");
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

  const step = await html(client, "/login/2fa?next=%2Fadmin%2Faudit");
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
  expect((await html(client, "/admin/audit")).status).toBe(200);

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

Deno.test("verify-email: the emailed link verifies; a bad one says so", async () => {
  await using app = await createAuthTestApp();
  const { client, email } = await signUpWithForm(app, "learner");
  const link = await linkFromOutbox(app.kv, email, "/verify-email");
  const verified = await html(client, link);
  expect(verified.status).toBe(200);
  expect(verified.text).toContain("Email verified");
  expect((await html(client, "/account")).text).toContain("(verified)");

  const reused = await html(client, link);
  expect(reused.status).toBe(400);
  expect(reused.text).toContain("We couldn't verify your email");
  expect((await html(client, "/verify-email")).status).toBe(400);
});

Deno.test("forgot and reset password: same answer, single-use link", async () => {
  await using app = await createAuthTestApp();
  const { email } = await signUpWithForm(app, "learner");
  const client = app.client();

  const known = await postForm(client, "/forgot-password", { email });
  const unknown = await postForm(client, "/forgot-password", {
    email: "nobody@example.com",
  });
  expect(known.status).toBe(303);
  expect(unknown.status).toBe(303);
  expect(known.headers.get("location")).toBe(
    unknown.headers.get("location"),
  );
  expect((await html(client, "/forgot-password?sent=1")).text).toContain(
    "Check your email",
  );

  const link = await linkFromOutbox(app.kv, email, "/reset-password");
  const form = await html(client, link);
  expect(form.status).toBe(200);
  const weak = await postForm(client, "/reset-password", {
    token: new URL(link, "http://x").searchParams.get("token")!,
    password: "password123",
  });
  expect(weak.status).toBe(400);
  expect(await weak.text()).toContain('id="password-error"');

  const token = new URL(link, "http://x").searchParams.get("token")!;
  const done = await postForm(client, "/reset-password", {
    token,
    password: NEW_PASSWORD,
  });
  expect(done.status).toBe(303);
  expect(done.headers.get("location")).toBe("/login?notice=password-reset");
  await logIn(app, email, NEW_PASSWORD);

  const again = await postForm(client, "/reset-password", {
    token,
    password: NEW_PASSWORD,
  });
  expect(again.status).toBe(400);
  expect(await again.text()).toContain("This reset link can't be used");
  expect((await html(client, "/reset-password")).status).toBe(400);
});

Deno.test("account page: profile edits and verification resend", async () => {
  await using app = await createAuthTestApp();
  const { client, email } = await signUpWithForm(app, "learner");
  const page = await html(client, "/account");
  expect(page.status).toBe(200);
  expect(page.text).toContain("(not verified yet)");

  const saved = await postForm(client, "/account", {
    action: "profile",
    name: "Pat Renamed",
    timeZone: "Asia/Tokyo",
  });
  expect(saved.status).toBe(303);
  const user = await getUserByEmail(app.kv, email);
  expect(user?.name).toBe("Pat Renamed");
  expect(user?.timeZone).toBe("Asia/Tokyo");

  const invalid = await postForm(client, "/account", {
    action: "profile",
    name: "",
    timeZone: "Mars/Olympus",
  });
  expect(invalid.status).toBe(400);
  const text = await invalid.text();
  expect(text).toContain('id="name-error"');
  expect(text).toContain('id="timeZone-error"');

  const before = (await listOutbox(app.kv, { to: email })).length;
  const resent = await postForm(client, "/account", {
    action: "resend-verification",
  });
  expect(resent.headers.get("location")).toBe("/account?done=verification");
  expect((await listOutbox(app.kv, { to: email })).length).toBe(before + 1);
});

Deno.test("security page: sessions, password change and two-factor setup", async () => {
  await using app = await createAuthTestApp();
  const { client, email } = await signUpWithForm(app, "expert");
  const otherDevice = await logIn(app, email);

  const page = await html(client, "/account/security");
  expect(page.status).toBe(200);
  expect(page.text).toContain("This device");
  expect(page.text.match(/name="action" value="revoke-session"/g)?.length)
    .toBe(1);
  expect(page.text).toContain("Account created");

  const wrong = await postForm(client, "/account/security", {
    action: "change-password",
    currentPassword: "not my password!",
    newPassword: NEW_PASSWORD,
  });
  expect([400, 401]).toContain(wrong.status);
  expect(await wrong.text()).toMatch(
    /id="currentPassword"[^>]*aria-invalid="true"/,
  );

  const changed = await postForm(client, "/account/security", {
    action: "change-password",
    currentPassword: TEST_PASSWORD,
    newPassword: NEW_PASSWORD,
  });
  expect(changed.status).toBe(303);
  expect(changed.headers.get("location")).toBe(
    "/account/security?done=password",
  );
  // This device stays in (with a new session id); the other one is out.
  expect((await client.request("/account/security")).status).toBe(200);
  expect((await otherDevice.request("/account")).status).toBe(303);

  const setup = await postForm(client, "/account/security", {
    action: "2fa-setup",
  });
  expect(setup.status).toBe(200);
  const setupText = await setup.text();
  expect(setupText).toContain("<svg");
  const secret = setupText.match(/id="totp-secret"[^>]*>([A-Z2-7]+)</)?.[1];
  expect(secret).toBeDefined();

  const badCode = await postForm(client, "/account/security", {
    action: "2fa-enable",
    code: "000000",
    setupSecret: secret!,
  });
  expect(badCode.status).toBe(400);
  const badText = await badCode.text();
  expect(badText).toContain('id="code-error"');
  expect(badText).toContain(secret!);

  const enabled = await postForm(client, "/account/security", {
    action: "2fa-enable",
    code: await totpCode(secret!),
    setupSecret: secret!,
  });
  expect(enabled.status).toBe(200);
  expect(enabled.headers.get("cache-control")).toBe("no-store");
  const codes = (await enabled.text()).match(/<li>([a-z2-9-]{8,})<\/li>/g);
  expect(codes?.length).toBe(10);
  expect((await html(client, "/account/security")).text).toContain(
    "Turn off two-factor authentication",
  );
});

Deno.test("security page: another session can be signed out", async () => {
  await using app = await createAuthTestApp();
  const { client, email } = await signUpWithForm(app, "learner");
  const other = await logIn(app, email);
  const page = await html(client, "/account/security");
  const sessionId = page.text.match(/name="sessionId" value="([^"]+)"/)?.[1];
  expect(sessionId).toBeDefined();
  const revoked = await postForm(client, "/account/security", {
    action: "revoke-session",
    sessionId: sessionId!,
  });
  expect(revoked.headers.get("location")).toBe(
    "/account/security?done=session",
  );
  expect((await other.request("/account")).status).toBe(303);

  const gone = await postForm(client, "/account/security", {
    action: "revoke-session",
    sessionId: "no-such-session",
  });
  expect(gone.status).toBe(404);
  await gone.body?.cancel();
});

Deno.test("security page: the admin 2FA notice", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: false });
  const blocked = await admin.request("/admin");
  expect(blocked.status).toBe(303);
  const location = blocked.headers.get("location")!;
  expect(location).toBe("/account/security?notice=admin-2fa");
  expect((await html(admin, location)).text).toContain(
    "Admins must turn on two-factor authentication before using admin tools.",
  );
});

Deno.test("the wrong role gets the friendly 403 page", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  const page = await html(learner, "/expert");
  expect(page.status).toBe(403);
  expect(page.text).toContain("You don't have access to this page");
  expect(page.text).toContain('href="/dashboard"');
  expect(page.text).toContain("Log out and sign in as someone else");
  expect((await html(learner, "/admin")).status).toBe(403);
});

Deno.test("admin pages: home counts, user search and the audit log", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const learner = await signUp(app, "learner", { name: "Quinn Learner" });
  await signUp(app, "expert", { name: "Riley Expert" });

  const home = await html(admin, "/admin");
  expect(home.status).toBe(200);
  expect(home.text).toMatch(/learners<\/dt><dd[^>]*>1</);
  expect(home.text).toContain("Recent security events");

  const search = await html(admin, "/admin/users?q=quinn");
  expect(search.text).toContain("Quinn Learner");
  expect(search.text).not.toContain("Riley Expert");
  const experts = await html(admin, "/admin/users?role=expert");
  expect(experts.text).toContain("Riley Expert");
  expect(experts.text).not.toContain("Quinn Learner");
  expect(experts.text).toContain("Yes, suspend Riley Expert");

  await postForm(admin, "/admin/users", {
    action: "suspend",
    userId: learner.user!.id,
    back: "/admin/users?status=suspended",
  });
  const suspended = await html(admin, "/admin/users?status=suspended");
  expect(suspended.text).toContain("Quinn Learner");
  expect(suspended.text).toContain("Yes, reactivate Quinn Learner");
  const reactivated = await postForm(admin, "/admin/users", {
    action: "reactivate",
    userId: learner.user!.id,
    back: "https://evil.example/",
  });
  expect(reactivated.headers.get("location")).toBe(
    "/admin/users?done=reactivated",
  );

  const audit = await html(admin, "/admin/audit?type=user_suspended");
  expect(audit.status).toBe(200);
  expect(audit.text).toContain(">Account suspended</td>");
  expect(audit.text).not.toContain(">Account reactivated</td>");
  const byUser = await html(
    admin,
    `/admin/audit?user=${encodeURIComponent(learner.user!.email)}`,
  );
  expect(byUser.text).toContain(">Account reactivated</td>");
  expect(byUser.text).toContain("Quinn Learner");
  const nobody = await html(admin, "/admin/audit?user=nobody%40example.com");
  expect(nobody.text).toContain("No account matches");

  // Tampered cursors are a clear 400, never a 500.
  expect((await html(admin, "/admin/users?cursor=%00garbage")).status).toBe(
    400,
  );
  expect((await html(admin, "/admin/audit?cursor=%00garbage")).status).toBe(
    400,
  );
});

Deno.test("/dev/mail shows the outbox, and is absent in production", async () => {
  await using app = await createAuthTestApp();
  const { email } = await signUpWithForm(app, "learner");
  // The outbox holds reset links: only this machine may read it.
  expect((await html(app.client(), "/dev/mail")).status).toBe(404);
  const client = app.client({ ip: "127.0.0.1" });
  const list = await html(client, "/dev/mail");
  expect(list.status).toBe(200);
  expect(list.text).toContain(`To ${email}`);
  const messagePath = list.text.match(/href="(\/dev\/mail\/[^"]+)"/)?.[1];
  const message = await html(client, messagePath!);
  expect(message.status).toBe(200);
  expect(message.text).toMatch(/<a href="http[^"]*\/verify-email\?token=/);
  expect((await html(client, "/dev/mail/no-such-id")).status).toBe(404);

  // The same database served by a production build of the app: no outbox.
  const productions: Record<string, string>[] = [
    { TAPTIME_ENV: "production" },
    { DENO_DEPLOYMENT_ID: "abc" },
  ];
  // What production refuses to start without (no request here reaches Stripe).
  const essentials = {
    STRIPE_SECRET_KEY: "sk_test_unused",
    STRIPE_WEBHOOK_SECRET: "whsec_unused",
    ENCRYPTION_KEY: btoa("k".repeat(32)),
  };
  for (const env of productions) {
    await using production = await createAuthTestApp({
      env: { ...env, ...essentials },
    });
    const visitor = production.client();
    expect((await html(visitor, "/dev/mail")).status).toBe(404);
    expect((await html(visitor, messagePath!)).status).toBe(404);
  }
});

Deno.test("the header shows log in/sign up, or the signed-in menu", async () => {
  await using app = await createAuthTestApp();
  const anonymous = await html(app.client(), "/");
  expect(anonymous.text).toContain('href="/login"');
  expect(anonymous.text).toContain('href="/signup"');
  const learner = await signUp(app, "learner", { name: "Morgan Lee" });
  const signedIn = await html(learner, "/");
  expect(signedIn.text).toContain("Morgan");
  expect(signedIn.text).toContain('action="/logout"');
  expect(signedIn.text).not.toContain('href="/signup"');
  // Signed-in people are sent home from login and signup.
  const login = await learner.request("/login");
  expect(login.status).toBe(303);
  expect(login.headers.get("location")).toBe("/dashboard");
});

Deno.test("admin users page: switch a learner to expert and back, with confirmation; never for admins", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const otherAdmin = await signInAdmin(app, { twoFactor: false });
  const learner = await signUp(app, "learner", { name: "Quinn Learner" });

  const listing = await html(admin, "/admin/users");
  expect(listing.text).toContain("Make Quinn Learner an expert instead of a");
  expect(listing.text).toContain("Yes, make Quinn Learner an expert");
  // Admin rows (another admin's, and one's own) have no role switch.
  expect(listing.text.match(/Yes, make /g)).toHaveLength(1);

  const changed = await postForm(admin, "/admin/users", {
    action: "role",
    role: "expert",
    userId: learner.user!.id,
    back: "/admin/users?role=expert",
  });
  expect(changed.status).toBe(303);
  expect(changed.headers.get("location")).toBe(
    "/admin/users?role=expert&done=made_expert",
  );
  const experts = await html(admin, changed.headers.get("location")!);
  expect(experts.text).toContain("The account is now an expert");
  expect(experts.text).toContain("Quinn Learner");
  expect(experts.text).toContain("expert · active");
  expect(experts.text).toContain("Yes, make Quinn Learner a learner");
  // The learner's session ended with the privilege change.
  expect((await learner.request("/dashboard")).status).toBe(303);
  const audit = await html(admin, "/admin/audit?type=role_changed");
  expect(audit.text).toContain(">Role changed</td>");

  const back = await postForm(admin, "/admin/users", {
    action: "role",
    role: "learner",
    userId: learner.user!.id,
    back: "/admin/users",
  });
  expect(back.headers.get("location")).toBe("/admin/users?done=made_learner");
  expect((await html(admin, "/admin/users?role=learner")).text).toContain(
    "Quinn Learner",
  );

  // Admins stay admins; a made-up role is a clear 400.
  const adminTarget = await postForm(admin, "/admin/users", {
    action: "role",
    role: "learner",
    userId: otherAdmin.user!.id,
  });
  expect(adminTarget.status).toBe(409);
  expect(await adminTarget.text()).toContain("ADMIN_EMAIL");
  const toAdmin = await postForm(admin, "/admin/users", {
    action: "role",
    role: "admin",
    userId: learner.user!.id,
  });
  expect(toAdmin.status).toBe(400);
  expect(await toAdmin.text()).toContain("Choose learner or expert");
  expect((await getUserByEmail(app.kv, learner.user!.email))?.role).toBe(
    "learner",
  );
});
