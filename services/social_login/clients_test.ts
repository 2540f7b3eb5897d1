import { expect } from "expect";
import { startOidcProvider } from "@/tests/support/oidc_provider.ts";
import { createSocialLoginClients } from "./clients.ts";
import { SocialLoginError } from "./model.ts";

const APP = "http://localhost:8000";
const CALLBACK = `${APP}/auth/google/callback`;

Deno.test("the client runs the code flow with PKCE, state and nonce against a real provider", async () => {
  await using provider = await startOidcProvider([CALLBACK]);
  const clients = createSocialLoginClients({
    google: {
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      issuer: provider.issuer,
    },
  });
  expect(clients.providers).toEqual(["google"]);
  provider.signInAs({
    sub: "g-1",
    email: "Grace@Example.com",
    emailVerified: true,
    name: "Grace Hopper",
  });
  const { url, checks } = await clients.begin("google", CALLBACK);
  const authorize = new URL(url);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("state")).toBe(checks.state);
  expect(authorize.searchParams.get("nonce")).toBe(checks.nonce);

  const callback = await provider.authorize(url, APP);
  const identity = await clients.finish(
    "google",
    callback.searchParams,
    checks,
  );
  expect(identity).toEqual({
    provider: "google",
    subject: "g-1",
    email: "grace@example.com",
    emailVerified: true,
    name: "Grace Hopper",
  });

  // The same callback again, or with another flow's checks, is refused.
  await expect(clients.finish("google", callback.searchParams, checks))
    .rejects.toBeInstanceOf(SocialLoginError);
  const other = await clients.begin("google", CALLBACK);
  const second = await provider.authorize(other.url, APP);
  await expect(
    clients.finish("google", second.searchParams, {
      ...other.checks,
      state: checks.state,
    }),
  ).rejects.toBeInstanceOf(SocialLoginError);
  await expect(
    clients.finish("google", second.searchParams, {
      ...other.checks,
      codeVerifier: checks.codeVerifier,
    }),
  ).rejects.toBeInstanceOf(SocialLoginError);
});

Deno.test("the providers' sign-in origins are the ones pages may send forms on to", () => {
  const clients = createSocialLoginClients({
    google: { clientId: "g", clientSecret: "s" },
    linkedin: {
      clientId: "l",
      clientSecret: "s",
      issuer: "http://127.0.0.1:4444/oidc",
    },
  });
  expect(clients.signInOrigins).toEqual([
    "https://accounts.google.com",
    "http://127.0.0.1:4444",
  ]);
  expect(createSocialLoginClients({}).signInOrigins).toEqual([]);
});
