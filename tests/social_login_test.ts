/**
 * Social login over HTTP against a real OpenID provider (oidc-provider,
 * served on a loopback port by tests/support/oidc_provider.ts): the buttons,
 * the authorization code flow through the provider's real endpoints, and
 * what the callback does with new, known, matching and unverified
 * identities, plus linking and unlinking under Security.
 */
import { policyAcceptance } from "@/services/privacy/mod.ts";
import { expect } from "expect";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { getUserByEmail } from "@/services/auth/mod.ts";
import {
  type AuthTestApp,
  type Client,
  createAuthTestApp,
  linkFromOutbox,
  signInAdmin,
  signUp,
  TEST_ORIGIN,
  TEST_PASSWORD,
  uniqueEmail,
} from "./support/auth.ts";
import {
  type ProviderAccount,
  startOidcProvider,
  type TestOidcProvider,
} from "./support/oidc_provider.ts";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

interface World {
  app: AuthTestApp;
  google: TestOidcProvider;
  linkedin: TestOidcProvider;
}

async function withWorld(fn: (world: World) => Promise<void>) {
  await using google = await startOidcProvider([
    `${TEST_ORIGIN}/auth/google/callback`,
  ]);
  await using linkedin = await startOidcProvider([
    `${TEST_ORIGIN}/auth/linkedin/callback`,
  ]);
  await using app = await createAuthTestApp({
    env: {
      GOOGLE_CLIENT_ID: google.clientId,
      GOOGLE_CLIENT_SECRET: google.clientSecret,
      GOOGLE_ISSUER: google.issuer,
      LINKEDIN_CLIENT_ID: linkedin.clientId,
      LINKEDIN_CLIENT_SECRET: linkedin.clientSecret,
      LINKEDIN_ISSUER: linkedin.issuer,
    },
  });
  await fn({ app, google, linkedin });
}

let people = 0;
function person(overrides: Partial<ProviderAccount> = {}): ProviderAccount {
  people++;
  return {
    sub: `person-${people}-${crypto.randomUUID()}`,
    email: uniqueEmail("social"),
    emailVerified: true,
    name: `Social Person ${people}`,
    ...overrides,
  };
}

/** Presses "Continue with …" and signs in at the provider as `account`; returns the callback's answer. */
async function continueWith(
  client: Client,
  provider: TestOidcProvider,
  name: "google" | "linkedin",
  account: ProviderAccount,
  form: Record<string, string> = {},
  tamper?: (callback: URL) => void,
): Promise<Response> {
  provider.signInAs(account);
  const start = await client.request(`/auth/${name}`, {
    method: "POST",
    headers: FORM,
    body: new URLSearchParams(form),
  });
  expect(start.status).toBe(303);
  const callback = await provider.authorize(
    start.headers.get("location")!,
    TEST_ORIGIN,
  );
  tamper?.(callback);
  return await client.request(callback.pathname + callback.search);
}

async function me(client: Client) {
  return (await client.api("GET", "/api/me")).body.user ?? null;
}

Deno.test("the buttons show only for configured providers", async () => {
  await withWorld(async ({ app }) => {
    const login = await (await app.client().request("/login")).text();
    expect(login).toContain("Continue with Google");
    expect(login).toContain("Continue with LinkedIn");
  });
  await using plain = await createAuthTestApp();
  const login = await (await plain.client().request("/login")).text();
  expect(login).not.toContain("Continue with");
  const start = await plain.client().request("/auth/google", {
    method: "POST",
    headers: FORM,
    body: "",
  });
  expect(start.status).toBe(404);
  await start.body?.cancel();
});

Deno.test("a new verified identity signs up as a learner, and signs in again later", async () => {
  await withWorld(async ({ app, google }) => {
    const grace = person({ name: "Grace Hopper" });
    const first = app.client();
    const answer = await continueWith(first, google, "google", grace);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe("/dashboard");
    const user = await me(first);
    expect(user).toMatchObject({
      email: grace.email,
      name: "Grace Hopper",
      role: "learner",
      emailVerified: true,
    });
    // The buttons say a new account accepts the terms: it is on record.
    expect((await policyAcceptance(app.kv, user.id)).current).toBe(true);

    const again = app.client();
    const second = await continueWith(again, google, "google", grace);
    expect(second.headers.get("location")).toBe("/dashboard");
    expect((await me(again)).id).toBe(user.id);

    // From the sign-up page, the chosen role is the new account's.
    const expert = app.client();
    await continueWith(expert, google, "google", person(), { role: "expert" });
    expect((await me(expert)).role).toBe("expert");
  });
});

Deno.test("an identity whose email matches an account links only with that account's password", async () => {
  await withWorld(async ({ app, google }) => {
    const email = uniqueEmail("owner");
    const owner = await signUp(app, "learner", { email });
    const attacker = person({ email });
    const browser = app.client();
    const answer = await continueWith(browser, google, "google", attacker);
    expect(answer.headers.get("location")).toBe("/auth/link");
    expect(await me(browser)).toBeNull();
    const page = await (await browser.request("/auth/link")).text();
    expect(page).toContain("already has a TapTime account");

    const wrong = await browser.request("/auth/link", {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({
        action: "password",
        password: "not it at all",
      }),
    });
    expect(wrong.status).toBe(400);
    await wrong.body?.cancel();
    expect(await me(browser)).toBeNull();

    const right = await browser.request("/auth/link", {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({
        action: "password",
        password: TEST_PASSWORD,
      }),
    });
    expect(right.status).toBe(303);
    expect((await me(browser)).id).toBe(owner.user!.id);

    // Linked now: the next sign-in goes straight in.
    const later = app.client();
    await continueWith(later, google, "google", attacker);
    expect((await me(later)).id).toBe(owner.user!.id);
  });
});

Deno.test("the emailed confirmation links an identity too", async () => {
  await withWorld(async ({ app, linkedin }) => {
    const email = uniqueEmail("mailer");
    const owner = await signUp(app, "learner", { email });
    const browser = app.client();
    await continueWith(browser, linkedin, "linkedin", person({ email }));
    const sent = await browser.request("/auth/link", {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({ action: "email" }),
    });
    expect(await sent.text()).toContain("Check your email");
    const link = await linkFromOutbox(app.kv, email, "/auth/link/confirm");
    const token = new URL(link, TEST_ORIGIN).searchParams.get("token")!;
    const inbox = app.client();
    const opened = await inbox.request(link);
    expect(opened.status).toBe(200);
    await opened.body?.cancel();
    expect(await me(inbox)).toBeNull();
    const confirmed = await inbox.request("/auth/link/confirm", {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({ token }),
    });
    expect(confirmed.status).toBe(303);
    expect((await me(inbox)).id).toBe(owner.user!.id);
  });
});

Deno.test("an unverified provider email neither signs up nor matches an account", async () => {
  await withWorld(async ({ app, google }) => {
    const email = uniqueEmail("victim");
    await signUp(app, "learner", { email });
    const fresh = uniqueEmail("fresh");
    for (const address of [email, fresh]) {
      const browser = app.client();
      const answer = await continueWith(
        browser,
        google,
        "google",
        person({ email: address, emailVerified: false }),
      );
      expect(answer.status).toBe(403);
      expect(await answer.text()).toContain("hasn't verified the email");
      expect(await me(browser)).toBeNull();
    }
    expect(await getUserByEmail(app.kv, fresh)).toBeNull();
  });
});

Deno.test("a callback with another state, or in another browser, is refused", async () => {
  await withWorld(async ({ app, google }) => {
    const browser = app.client();
    const forged = await continueWith(
      browser,
      google,
      "google",
      person(),
      {},
      (callback) => callback.searchParams.set("state", "forged-state-value"),
    );
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("couldn't confirm");
    expect(await me(browser)).toBeNull();

    // The callback reaching a browser that did not start the sign-in.
    google.signInAs(person());
    const start = await app.client().request("/auth/google", {
      method: "POST",
      headers: FORM,
      body: "",
    });
    const callback = await google.authorize(
      start.headers.get("location")!,
      TEST_ORIGIN,
    );
    const elsewhere = app.client();
    const answer = await elsewhere.request(callback.pathname + callback.search);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain(
      "expired or was started in another browser",
    );
    expect(await me(elsewhere)).toBeNull();
  });
});

Deno.test("linking under Security, and unlinking keeps one way to sign in", async () => {
  await withWorld(async ({ app, google, linkedin }) => {
    // A password account links Google from Security, then unlinks it.
    const owner = await signUp(app, "learner");
    const security = await (await owner.request("/account/security")).text();
    expect(security).toContain("/auth/accounts");
    const account = person();
    const linked = await continueWith(owner, google, "google", account, {
      intent: "link",
    });
    expect(linked.headers.get("location")).toBe("/auth/accounts?linked=google");
    const listing = await (await owner.request("/auth/accounts")).text();
    expect(listing).toContain("Unlink Google");
    const unlink = await owner.request("/auth/accounts", {
      method: "POST",
      headers: FORM,
      body: "provider=google",
    });
    expect(unlink.status).toBe(303);
    const { events } = await listSecurityEvents(app.kv, {
      userId: owner.user!.id,
    });
    expect(
      events.filter((e) => e.type.startsWith("identity_")).map((e) => [
        e.type,
        e.details.provider,
      ]),
    ).toEqual([["identity_unlinked", "google"], ["identity_linked", "google"]]);

    // A Google-only account cannot drop its only way in…
    const socialOnly = app.client();
    await continueWith(socialOnly, google, "google", person());
    const refused = await socialOnly.request("/auth/accounts", {
      method: "POST",
      headers: FORM,
      body: "provider=google",
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("only way to sign in");
    // …until it has another.
    const secondWay = person();
    await continueWith(socialOnly, linkedin, "linkedin", secondWay, {
      intent: "link",
    });
    const allowed = await socialOnly.request("/auth/accounts", {
      method: "POST",
      headers: FORM,
      body: "provider=google",
    });
    expect(allowed.status).toBe(303);

    // An identity linked to one account cannot be linked to another.
    const other = await signUp(app, "learner");
    const taken = await continueWith(other, linkedin, "linkedin", secondWay, {
      intent: "link",
    });
    expect(taken.status).toBe(409);
    await taken.body?.cancel();
  });
});

Deno.test("an admin signing in with a linked identity still gives the second factor", async () => {
  await withWorld(async ({ app, google }) => {
    const email = uniqueEmail("admin");
    await signInAdmin(app, { twoFactor: true, email });
    const browser = app.client();
    await continueWith(browser, google, "google", person({ email }));
    const linked = await browser.request("/auth/link", {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({
        action: "password",
        password: TEST_PASSWORD,
      }),
    });
    expect(linked.status).toBe(303);
    expect(linked.headers.get("location")).toBe("/login/2fa");
    expect(await me(browser)).toBeNull();
  });
});
