/**
 * A real OpenID provider for tests: the `oidc-provider` package served over
 * node:http on a loopback port the OS picks, with one registered client.
 * Its login step signs in whichever test account `signInAs` named last
 * (the provider's own interaction endpoints, completed by the harness), and
 * consent is granted on the spot, so a test drives the real authorization,
 * token and user info endpoints with plain HTTP requests.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

// The package ships no types; these are the parts the harness touches.
interface Grant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface OidcContext {
  oidc: {
    client?: { clientId: string };
    session?: { accountId: string; grantIdFor(clientId: string): string };
    provider: {
      Grant: {
        new (init: { clientId: string; accountId: string }): Grant;
        find(id: string): Promise<Grant>;
      };
    };
  };
}

/** A person at the provider. */
export interface ProviderAccount {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface TestOidcProvider {
  /** The issuer URL (http://127.0.0.1:port). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Makes `account` the one the next login at the provider signs in. */
  signInAs(account: ProviderAccount): void;
  /**
   * Follows redirects from `url` (the provider's authorization URL) through
   * the login until the provider sends the browser to `callbackOrigin`;
   * returns that callback URL.
   */
  authorize(url: string, callbackOrigin: string): Promise<URL>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts a provider whose client may redirect to `redirectUris`. */
export async function startOidcProvider(
  redirectUris: string[],
): Promise<TestOidcProvider> {
  const clientId = "taptime-test";
  const clientSecret = "taptime-test-secret-0123456789abcdef";
  const accounts = new Map<string, ProviderAccount>();
  let current: ProviderAccount | null = null;
  const server: Server = createServer();
  await new Promise<void>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve())
  );
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_post",
    }],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
    },
    cookies: { keys: ["oidc-test-cookie-key"] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) =>
        `/interaction/${interaction.uid}`,
    },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account
        ? {
          accountId: id,
          claims: () => ({
            sub: id,
            email: account.email,
            email_verified: account.emailVerified,
            name: account.name,
          }),
        }
        : undefined;
    },
    // Consent is granted on the spot: the test client asks for what it may.
    loadExistingGrant: async (ctx: OidcContext) => {
      const clientId = ctx.oidc.client!.clientId;
      const existing = ctx.oidc.session!.grantIdFor(clientId);
      if (existing) return await ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({
        clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();
  server.on("request", async (req, res) => {
    if (req.url?.startsWith("/interaction/")) {
      try {
        if (!current) throw new Error("signInAs() was not called");
        await provider.interactionFinished(req, res, {
          login: { accountId: current.sub },
        }, { mergeWithLastSubmission: false });
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
      return;
    }
    callback(req, res);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs(account) {
      accounts.set(account.sub, account);
      current = account;
    },
    async authorize(url, callbackOrigin) {
      // A fresh browser at the provider each time: every sign-in logs in.
      const cookies = new Map<string, string>();
      let next = new URL(url);
      for (let hop = 0; hop < 10; hop++) {
        if (next.origin === callbackOrigin) return next;
        const response = await fetch(next, {
          redirect: "manual",
          headers: {
            cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
          },
        });
        await response.body?.cancel();
        for (const cookie of response.headers.getSetCookie()) {
          const [pair] = cookie.split(";");
          const at = pair.indexOf("=");
          cookies.set(pair.slice(0, at), pair.slice(at + 1));
        }
        const location = response.headers.get("location");
        if (!location) {
          throw new Error(
            `The provider answered ${response.status} at ${next}`,
          );
        }
        next = new URL(location, next);
      }
      throw new Error("Too many redirects at the provider");
    },
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
