/**
 * "Continue with Google" in a real browser against a real OpenID provider
 * (the `oidc-provider` package on a loopback port), through the provider's
 * own sign-in and consent pages: signing up, signing in again later, and the
 * linked accounts under Security, where the only way to sign in cannot be
 * unlinked and a password account links and unlinks Google.
 *
 * tests/support/oidc_provider.ts completes the provider's login itself (for
 * HTTP tests); here the browser must see the provider's pages, so this
 * provider keeps its development login and consent screens.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { expect } from "expect";
import type { Page } from "playwright-core";
import { getUserByEmail } from "@/services/auth/mod.ts";
import {
  browserTestsEnabled,
  launchBrowser,
  serveTestApp,
} from "@/tests/support/helpers.ts";
import {
  expectAccessible,
  newPhonePage,
  signUpInBrowser,
} from "@/tests/support/browser_flows.ts";

/** A person at the provider; they sign in there by typing `login`. */
interface ProviderPerson {
  login: string;
  email: string;
  name: string;
}

/**
 * Listens first (the app must be told the issuer before it starts), then
 * serves the provider once the app's callback address is known.
 */
async function listenForProvider() {
  const server = createServer();
  await new Promise<void>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve())
  );
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "taptime-browser-test";
  const clientSecret = "taptime-browser-test-secret-0123456789";
  const people = new Map<string, ProviderPerson>();
  return {
    issuer,
    clientId,
    clientSecret,
    addPerson(person: ProviderPerson) {
      people.set(person.login, person);
    },
    serve(redirectUri: string) {
      const provider = new Provider(issuer, {
        clients: [{
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          response_types: ["code"],
          grant_types: ["authorization_code"],
          token_endpoint_auth_method: "client_secret_post",
        }],
        claims: {
          openid: ["sub"],
          email: ["email", "email_verified"],
          profile: ["name"],
        },
        cookies: { keys: ["oidc-browser-test-cookie-key"] },
        // The provider's own login and consent pages (its defaults).
        features: { devInteractions: { enabled: true } },
        pkce: { required: () => true },
        findAccount: (_ctx: unknown, id: string) => {
          const person = people.get(id);
          return person && {
            accountId: id,
            claims: () => ({
              sub: id,
              email: person.email,
              email_verified: true,
              name: person.name,
            }),
          };
        },
      });
      server.on("request", provider.callback());
    },
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * At the provider: types the login on its sign-in page, then consents if
 * asked (once per provider session). Returns whether consent was asked.
 */
async function signInAtProvider(
  page: Page,
  issuer: string,
  login: string,
): Promise<boolean> {
  await page.waitForURL((url) => url.href.startsWith(issuer));
  const signInPage = page.url();
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("anything at all");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForURL((url) => url.href !== signInPage);
  if (!page.url().startsWith(issuer)) return false;
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => !url.href.startsWith(issuer));
  return true;
}

Deno.test({
  name:
    "continuing with Google signs up and in, and Security shows and guards the link",
  ignore: !browserTestsEnabled,
  async fn() {
    await using google = await listenForProvider();
    await using app = await serveTestApp({
      env: {
        GOOGLE_CLIENT_ID: google.clientId,
        GOOGLE_CLIENT_SECRET: google.clientSecret,
        GOOGLE_ISSUER: google.issuer,
      },
    });
    google.serve(`${app.baseUrl}/auth/google/callback`);
    const grace: ProviderPerson = {
      login: "grace",
      email: "grace.social@example.com",
      name: "Grace Social",
    };
    const lin: ProviderPerson = {
      login: "lin",
      email: "lin.google@example.com",
      name: "Lin at Google",
    };
    google.addPerson(grace);
    google.addPerson(lin);
    const browser = await launchBrowser();
    try {
      // Sign up: a new learner, straight from the sign-up page.
      {
        const { page, errors, close } = await newPhonePage(browser);
        await page.goto(`${app.baseUrl}/signup`);
        await expectAccessible(page);
        await page.getByRole("button", { name: "Continue with Google" })
          .click();
        await expect(signInAtProvider(page, google.issuer, grace.login))
          .resolves.toBe(true);
        await page.waitForURL((url) =>
          url.href.startsWith(`${app.baseUrl}/dashboard`)
        );
        await expectAccessible(page);
        const user = await getUserByEmail(app.kv, grace.email);
        expect(user).toMatchObject({
          name: "Grace Social",
          role: "learner",
          emailVerified: true,
        });

        // Security points to the linked accounts; Google is the only way in.
        await page.goto(`${app.baseUrl}/account/security`);
        await expectAccessible(page);
        await page.getByRole("link", { name: "Link or unlink Google" }).click();
        await page.waitForURL(`${app.baseUrl}/auth/accounts`);
        await expectAccessible(page);
        await expect(page.getByText(`Linked (${grace.email})`).count())
          .resolves.toBe(1);
        const unlink = page.getByRole("button", { name: "Unlink Google" });
        await expect(unlink.isDisabled()).resolves.toBe(true);
        await expect(
          page.getByText("You can't unlink your only way to sign in.").count(),
        ).resolves.toBe(1);
        // Sent anyway (the button forced on), the server refuses it too.
        await unlink.evaluate((button) => button.removeAttribute("disabled"));
        await unlink.click();
        await page.waitForLoadState();
        await expect(page.getByText("only way to sign in").count()).resolves
          .toBeGreaterThan(0);
        await expect(page.getByText(`Linked (${grace.email})`).count())
          .resolves.toBe(1);
        expect(errors).toEqual([]);
        await close();
      }

      // Sign in later, in another browser, from the login page.
      {
        const { page, errors, close } = await newPhonePage(browser);
        await page.goto(`${app.baseUrl}/login`);
        await expectAccessible(page);
        await page.getByRole("button", { name: "Continue with Google" })
          .click();
        await signInAtProvider(page, google.issuer, grace.login);
        await page.waitForURL((url) =>
          url.href.startsWith(`${app.baseUrl}/dashboard`)
        );
        await page.goto(`${app.baseUrl}/account`);
        await expect(page.getByText(grace.email).count()).resolves
          .toBeGreaterThan(0);
        expect(errors).toEqual([]);
        await close();
      }

      // A password account links Google under Security, then unlinks it.
      {
        const { page, errors, close } = await newPhonePage(browser);
        await signUpInBrowser(page, app.baseUrl, {
          role: "learner",
          name: "Lin Password",
          email: "lin@example.com",
        });
        await page.goto(`${app.baseUrl}/auth/accounts`);
        await expect(page.getByText("Not linked").count()).resolves.toBe(1);
        await page.getByRole("button", { name: "Link Google" }).click();
        await signInAtProvider(page, google.issuer, lin.login);
        await page.waitForURL(`${app.baseUrl}/auth/accounts?linked=google`);
        await expect(page.getByText("Google is linked.").count()).resolves
          .toBe(1);
        await expect(page.getByText(`Linked (${lin.email})`).count()).resolves
          .toBe(1);
        await expectAccessible(page);
        const unlink = page.getByRole("button", { name: "Unlink Google" });
        await expect(unlink.isDisabled()).resolves.toBe(false);
        await unlink.click();
        await page.waitForURL(`${app.baseUrl}/auth/accounts?unlinked=google`);
        await expect(page.getByText("Google is unlinked.").count()).resolves
          .toBe(1);
        await expect(page.getByText("Not linked").count()).resolves.toBe(1);
        expect(errors).toEqual([]);
        await close();
      }
    } finally {
      await browser.close();
    }
  },
});
