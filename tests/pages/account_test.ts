/** The account pages: email verification, password reset, profile, sessions and two-factor set-up. */
import { expect } from "expect";
import { tidyTags } from "@/tests/support/helpers.ts";
import {
  createAuthTestApp,
  linkFromOutbox,
  logIn,
  signInAdmin,
  TEST_PASSWORD,
} from "@/tests/support/auth.ts";
import { getUserByEmail, totpCode } from "@/services/auth/mod.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import {
  NEW_PASSWORD,
  page,
  postForm,
  signUpWithForm,
} from "./page_helpers.ts";

Deno.test("verify-email: the emailed link verifies; a bad one says so", async () => {
  await using app = await createAuthTestApp();
  const { client, email } = await signUpWithForm(app, "learner");
  const link = await linkFromOutbox(app.kv, email, "/verify-email");
  const verified = await page(client, link);
  expect(verified.status).toBe(200);
  expect(verified.text).toContain("Email verified");
  expect((await page(client, "/account")).text).toContain("(verified)");

  const reused = await page(client, link);
  expect(reused.status).toBe(400);
  expect(reused.text).toContain("We couldn't verify your email");
  expect((await page(client, "/verify-email")).status).toBe(400);
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
  expect((await page(client, "/forgot-password?sent=1")).text).toContain(
    "Check your email",
  );

  const link = await linkFromOutbox(app.kv, email, "/reset-password");
  const form = await page(client, link);
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
  expect((await page(client, "/reset-password")).status).toBe(400);

  // A used or made-up link says so before anything is typed.
  for (const dead of [link, "/reset-password?token=" + "x".repeat(43)]) {
    const shown = await page(client, dead);
    expect(shown.status).toBe(400);
    expect(shown.text).toContain("This reset link can't be used");
    expect(shown.text).not.toContain('name="password"');
  }
});

Deno.test("account page: profile edits and verification resend", async () => {
  await using app = await createAuthTestApp();
  const { client, email } = await signUpWithForm(app, "learner");
  const shown = await page(client, "/account");
  expect(shown.status).toBe(200);
  expect(shown.text).toContain("(not verified yet)");

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

  const shown = await page(client, "/account/security");
  expect(shown.status).toBe(200);
  expect(shown.text).toContain("This device");
  expect(shown.text.match(/name="action" value="revoke-session"/g)?.length)
    .toBe(1);
  expect(shown.text).toContain("Account created");

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
  const enabledText = tidyTags(await enabled.text());
  const codes = enabledText.match(/<li>([a-z2-9-]{8,})<\/li>/g);
  expect(codes?.length).toBe(10);
  // The session got a new id: the list still knows it is this device.
  expect(enabledText).toContain("This device");
  expect(enabledText).not.toContain('name="sessionId"');
  expect((await page(client, "/account/security")).text).toContain(
    "Turn off two-factor authentication",
  );
});

Deno.test("security page: another session can be signed out", async () => {
  await using app = await createAuthTestApp();
  const { client, email } = await signUpWithForm(app, "learner");
  const other = await logIn(app, email);
  const shown = await page(client, "/account/security");
  const sessionId = shown.text.match(/name="sessionId" value="([^"]+)"/)?.[1];
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
  expect((await page(admin, location)).text).toContain(
    "Admins must turn on two-factor authentication before using admin tools.",
  );
});

Deno.test("security page: an email address already in use is explained beside the field", async () => {
  await using app = await createAuthTestApp();
  const { client } = await signUpWithForm(app, "learner");
  const { email: taken } = await signUpWithForm(app, "learner");
  const response = await postForm(client, "/account/security", {
    action: "change-email",
    newEmail: taken,
    emailPassword: TEST_PASSWORD,
  });
  expect(response.status).toBe(409);
  const text = await response.text();
  expect(text).toMatch(
    /id="newEmail-error"[^>]*>(<svg.*?<\/svg>)?[^<]*already/,
  );
  expect(text).toContain(`value="${taken}"`);
});

Deno.test("account page: a requested email change is pending until its link is opened", async () => {
  await using app = await createAuthTestApp();
  const { client, email } = await signUpWithForm(app, "learner");
  const newEmail = `moved-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const asked = await postForm(client, "/account/security", {
    action: "change-email",
    newEmail,
    emailPassword: TEST_PASSWORD,
  });
  expect(asked.status).toBe(303);
  const pending = await page(client, "/account");
  expect(pending.text).toContain(`You asked to change it to`);
  expect(pending.text).toContain(newEmail);
  expect(pending.text).not.toContain("when you signed up");
  expect((await getUserByEmail(app.kv, email))?.pendingEmail).toBe(newEmail);

  const link = await linkFromOutbox(app.kv, newEmail, "/verify-email");
  expect((await page(client, link)).status).toBe(200);
  const moved = await page(client, "/account");
  expect(moved.text).not.toContain("You asked to change it to");
  expect((await getUserByEmail(app.kv, newEmail))?.emailVerified).toBe(true);
  expect(await getUserByEmail(app.kv, email)).toBeNull();
});
