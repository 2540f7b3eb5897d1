/**
 * The privacy API and pages over HTTP: acceptance recorded at sign-up (and
 * required), an export emailed as a link only its owner can open, the
 * expired link's 410 page, and deletion with re-authentication, refused
 * while a session is booked. Every API answer is checked against the
 * OpenAPI document.
 */
import { expect } from "expect";
import { unzipSync } from "fflate";
import { POLICY_VERSION } from "@/services/privacy/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import {
  linkFromOutbox,
  signUp,
  TEST_PASSWORD,
  uniqueEmail,
} from "@/tests/support/auth.ts";
import { bookingOf } from "@/tests/support/bookings.ts";
import { postForm } from "@/tests/pages/page_helpers.ts";
import { createCheckedAuthApp } from "./support.ts";

/** Waits (a few seconds at most) for `check` to hold. */
async function eventually<T>(check: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await check().catch(() => null);
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("gave up waiting");
}

Deno.test("sign-up needs the terms accepted, and records the version and time", async () => {
  await using app = await createCheckedAuthApp();
  const refused = await app.client().api("POST", "/api/auth/signup", {
    email: uniqueEmail(),
    password: TEST_PASSWORD,
    name: "Nora",
    role: "learner",
  });
  expect(refused.status).toBe(400);
  expect(refused.body.details.acceptTerms).toEqual([
    "Accept the terms and the privacy policy to create an account.",
  ]);

  const client = await signUp(app, "learner");
  const { status, body } = await client.api("GET", "/api/me/privacy");
  expect(status).toBe(200);
  expect(body.acceptance).toMatchObject({
    accepted: { version: POLICY_VERSION },
    current: true,
    version: POLICY_VERSION,
  });
  expect(body.deletion).toEqual({
    pending: null,
    blockers: [],
    reauth: { password: true, code: false },
  });

  const form = await postForm(app.client(), "/signup", {
    role: "learner",
    name: "Nora",
    email: uniqueEmail(),
    password: TEST_PASSWORD,
    timeZone: "UTC",
  });
  expect(form.status).toBe(400);
  const page = await form.text();
  expect(page).toContain("Accept the terms and the privacy policy");
  expect(page).toContain('href="/privacy"');
});

Deno.test("an export is emailed as a link that only its owner can open, for 24 hours", async () => {
  await using app = await createCheckedAuthApp();
  const owner = await signUp(app, "learner");
  const stranger = await signUp(app, "learner");
  const asked = await owner.api("POST", "/api/me/export");
  expect(asked.status).toBe(202);
  expect(asked.body.export.status).toBe("preparing");
  const again = await owner.api("POST", "/api/me/export");
  expect([409, 202]).toContain(again.status);

  const link = await eventually(() =>
    linkFromOutbox(
      app.kv,
      owner.user!.email,
      `/account/privacy/exports/${asked.body.export.id}`,
    )
  );
  const download = await owner.request(link);
  expect(download.status).toBe(200);
  expect(download.headers.get("content-type")).toBe("application/zip");
  const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
  expect(JSON.parse(new TextDecoder().decode(files["account.json"])))
    .toMatchObject({ email: owner.user!.email });

  const foreign = await stranger.request(link);
  expect(foreign.status).toBe(404);
  await foreign.body?.cancel();
  const signedOut = await app.client().request(link);
  expect(signedOut.status).toBe(303);

  using _later = useFakeClock(new Date(Date.now() + 25 * 3_600_000));
  const expired = await owner.request(link);
  expect(expired.status).toBe(410);
  expect(await expired.text()).toContain("This download link has expired");
});

Deno.test("deletion needs the password, is refused while a session is booked, then signs out", async () => {
  await using app = await createCheckedAuthApp();
  const learner = await signUp(app, "learner");
  await bookingOf(app.kv, {
    id: learner.user!.id,
    role: "learner",
    timeZone: "UTC",
  });
  const missing = await learner.api("POST", "/api/me/deletion", {});
  expect(missing.status).toBe(400);
  expect(missing.body.details.password).toEqual(["Enter your password."]);
  const blocked = await learner.api("POST", "/api/me/deletion", {
    password: TEST_PASSWORD,
  });
  expect(blocked.status).toBe(409);
  expect(blocked.body.error).toBe("deletion_blocked");
  expect(blocked.body.details.blockers[0]).toMatch(/^Cancel or complete/);

  const other = await signUp(app, "learner");
  const wrong = await other.api("POST", "/api/me/deletion", {
    password: "not my password at all",
  });
  expect(wrong.status).toBeGreaterThanOrEqual(400);
  expect(wrong.status).toBeLessThan(500);
  const scheduled = await other.api("POST", "/api/me/deletion", {
    password: TEST_PASSWORD,
  });
  expect(scheduled.status).toBe(202);
  expect(
    Date.parse(scheduled.body.deletion.eraseAt) -
      Date.parse(scheduled.body.deletion.requestedAt),
  ).toBe(14 * 24 * 3_600_000);
  // Every session ended: this client is signed out.
  expect((await other.api("GET", "/api/me")).status).toBe(401);
});

Deno.test("the policy and terms pages are public, linked from the footer", async () => {
  await using app = await createCheckedAuthApp();
  for (const path of ["/privacy", "/terms"]) {
    const response = await app.client().request(path);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`Version ${POLICY_VERSION}`);
    expect(html).toContain('href="/privacy"');
    expect(html).toContain('href="/terms"');
  }
  const policy = await (await app.client().request("/privacy")).text();
  expect(policy).toContain("Session recordings: 90 days.");
});
