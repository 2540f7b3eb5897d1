/**
 * Passwords, email addresses and two-factor settings over HTTP: verification
 * links, resets, changes that end other sessions, and the session rotation
 * when 2FA turns on. Every API answer is checked against the document.
 */
import { expect } from "expect";
import {
  enrolTwoFactor,
  linkFromOutbox,
  logIn,
  signUp,
  TEST_ORIGIN,
  TEST_PASSWORD,
  uniqueEmail,
} from "@/tests/support/auth.ts";
import { createCheckedAuthApp } from "./support.ts";

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
  // The old address stays until the new one is confirmed.
  expect(changed.body.user).toMatchObject({
    email: laptop.user!.email,
    pendingEmail: newEmail,
  });
  expect((await phone.api("GET", "/api/me")).status).toBe(401);
  const link = await linkFromOutbox(app.kv, newEmail, "/verify-email");
  const verified = await app.client().api("POST", "/api/auth/email/verify", {
    token: new URL(link, "http://x").searchParams.get("token"),
  });
  expect(verified.status).toBe(200);
  expect(verified.body.user).toMatchObject({
    email: newEmail,
    emailVerified: true,
  });
  expect(verified.body.user.pendingEmail).toBeUndefined();
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
