/** The admin pages, the header per role, the 403 page and the development outbox. */
import { expect } from "expect";
import {
  createAuthTestApp,
  signInAdmin,
  signUp,
} from "@/tests/support/auth.ts";
import { getUserByEmail } from "@/services/auth/mod.ts";
import { page, postForm, signUpWithForm } from "./page_helpers.ts";

Deno.test("the wrong role gets the friendly 403 page", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  const shown = await page(learner, "/expert");
  expect(shown.status).toBe(403);
  expect(shown.text).toContain("You don't have access to this page");
  expect(shown.text).toContain('href="/dashboard"');
  expect(shown.text).toContain("Log out and sign in as someone else");
  expect((await page(learner, "/admin")).status).toBe(403);
});

Deno.test("admin pages: home counts, user search and the audit log", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const learner = await signUp(app, "learner", { name: "Quinn Learner" });
  await signUp(app, "expert", { name: "Riley Expert" });

  const home = await page(admin, "/admin");
  expect(home.status).toBe(200);
  expect(home.text).toMatch(/learners<\/dt><dd[^>]*>1</);
  expect(home.text).toContain("Recent security events");

  const search = await page(admin, "/admin/users?q=quinn");
  expect(search.text).toContain("Quinn Learner");
  expect(search.text).not.toContain("Riley Expert");
  const experts = await page(admin, "/admin/users?role=expert");
  expect(experts.text).toContain("Riley Expert");
  expect(experts.text).not.toContain("Quinn Learner");
  expect(experts.text).toContain("Yes, suspend Riley Expert");

  await postForm(admin, "/admin/users", {
    action: "suspend",
    userId: learner.user!.id,
    reason: "Spam in booking notes.",
    back: "/admin/users?status=suspended",
  });
  const suspended = await page(admin, "/admin/users?status=suspended");
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

  const audit = await page(admin, "/admin/audit?type=user_suspended");
  expect(audit.status).toBe(200);
  expect(audit.text).toContain(">Account suspended</td>");
  expect(audit.text).not.toContain(">Account reactivated</td>");
  const byUser = await page(
    admin,
    `/admin/audit?user=${encodeURIComponent(learner.user!.email)}`,
  );
  expect(byUser.text).toContain(">Account reactivated</td>");
  expect(byUser.text).toContain("Quinn Learner");
  const nobody = await page(admin, "/admin/audit?user=nobody%40example.com");
  expect(nobody.status).toBe(400);
  expect(nobody.text).toContain(
    "No account has the email address nobody@example.com.",
  );
  // What the admin did, found by who did it (the account is the learner).
  const byAdmin = await page(
    admin,
    `/admin/audit?type=user_suspended&by=${
      encodeURIComponent(admin.user!.email)
    }`,
  );
  expect(byAdmin.text).toContain(">Account suspended</td>");
  const byLearner = await page(
    admin,
    `/admin/audit?type=user_suspended&by=${
      encodeURIComponent(learner.user!.email)
    }`,
  );
  expect(byLearner.text).not.toContain(">Account suspended</td>");
  expect(byLearner.text).toContain("No events match these filters.");

  // Tampered cursors are a clear 400, never a 500.
  expect((await page(admin, "/admin/users?cursor=%00garbage")).status).toBe(
    400,
  );
  expect((await page(admin, "/admin/audit?cursor=%00garbage")).status).toBe(
    400,
  );
});

Deno.test("/dev/mail shows the outbox, and is absent in production", async () => {
  await using app = await createAuthTestApp();
  const { email } = await signUpWithForm(app, "learner");
  // The outbox holds reset links: only this machine may read it.
  expect((await page(app.client(), "/dev/mail")).status).toBe(404);
  const client = app.client({ ip: "127.0.0.1" });
  const list = await page(client, "/dev/mail");
  expect(list.status).toBe(200);
  expect(list.text).toContain(`To ${email}`);
  const messagePath = list.text.match(/href="(\/dev\/mail\/[^"]+)"/)?.[1];
  const message = await page(client, messagePath!);
  expect(message.status).toBe(200);
  expect(message.text).toMatch(/<a href="http[^"]*\/verify-email\?token=/);
  expect((await page(client, "/dev/mail/no-such-id")).status).toBe(404);

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
    expect((await page(visitor, "/dev/mail")).status).toBe(404);
    expect((await page(visitor, messagePath!)).status).toBe(404);
  }
});

Deno.test("the header shows log in/sign up, or the signed-in menu", async () => {
  await using app = await createAuthTestApp();
  const anonymous = await page(app.client(), "/");
  expect(anonymous.text).toContain('href="/login"');
  expect(anonymous.text).toContain('href="/signup"');
  const learner = await signUp(app, "learner", { name: "Morgan Lee" });
  const signedIn = await page(learner, "/");
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

  const listing = await page(admin, "/admin/users");
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
  const experts = await page(admin, changed.headers.get("location")!);
  expect(experts.text).toContain("The account is now an expert");
  expect(experts.text).toContain("Quinn Learner");
  expect(experts.text).toContain("expert · active");
  expect(experts.text).toContain("Yes, make Quinn Learner a learner");
  // The learner's session ended with the privilege change.
  expect((await learner.request("/dashboard")).status).toBe(303);
  const audit = await page(admin, "/admin/audit?type=role_changed");
  expect(audit.text).toContain(">Role changed</td>");

  const back = await postForm(admin, "/admin/users", {
    action: "role",
    role: "learner",
    userId: learner.user!.id,
    back: "/admin/users",
  });
  expect(back.headers.get("location")).toBe("/admin/users?done=made_learner");
  expect((await page(admin, "/admin/users?role=learner")).text).toContain(
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
