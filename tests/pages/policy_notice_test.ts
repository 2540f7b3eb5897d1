/**
 * Signed-in pages ask a user who has not accepted the terms in force to
 * read and accept them; once accepted, the notice goes.
 */
import { expect } from "expect";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";

const NOTICE = "Please read the current Terms and Privacy policy.";

Deno.test("a user without the current terms on record is asked to accept them", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  // Sign-up recorded the acceptance: no notice.
  expect(await (await learner.request("/dashboard")).text()).not.toContain(
    NOTICE,
  );

  // An account from before the terms existed (or an older version).
  const other = await signUp(app, "learner");
  await app.kv.set(["privacy_acceptances", other.user!.id], {
    version: "2000-01-01",
    acceptedAt: "2000-01-01T00:00:00.000Z",
  });
  const page = await (await other.request("/dashboard")).text();
  expect(page).toContain(NOTICE);
  expect(page).toContain('href="/account/privacy#policy"');

  const accepted = await other.api("POST", "/api/me/policy-acceptance");
  expect(accepted.status).toBe(200);
  expect(await (await other.request("/dashboard")).text()).not.toContain(
    NOTICE,
  );
});
