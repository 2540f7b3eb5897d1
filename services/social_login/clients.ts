/**
 * The OpenID Connect clients, one per configured provider, through
 * `openid-client`: authorization code flow with PKCE (S256), `state` and
 * `nonce`, the ID token's signature, issuer, audience and nonce checked by
 * the library. Built once at start and bound to the database (runtime.ts:
 * `socialLoginProvider`; features find them with `getSocialLoginClients`);
 * each provider's discovery
 * document is fetched on first use and kept, and fetched again after a
 * failure, so a provider that is down at start does not need a restart.
 */
import * as oidc from "openid-client";
import {
  defineProviderSlot,
  providerFor,
} from "@/services/platform/providers.ts";
import {
  PROVIDER_INFO,
  SOCIAL_PROVIDERS,
  SocialLoginError,
  type SocialLoginSettings,
  type SocialProvider,
  type VerifiedIdentity,
} from "./model.ts";

/** What the callback must check: kept server-side between the two legs. */
export interface FlowChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

/** The configured providers' clients. */
export interface SocialLoginClients {
  /** The configured providers, in button order. */
  readonly providers: readonly SocialProvider[];
  /**
   * The origins of the configured providers' sign-in pages (their issuers'),
   * where "Continue with …" forms end up: the pages' Content-Security-Policy
   * lets forms go on to these (browsers check `form-action` on the redirect
   * too), and to nowhere else.
   */
  readonly signInOrigins: readonly string[];
  /** Where to send the browser, and the checks to keep for the callback. */
  begin(
    provider: SocialProvider,
    redirectUri: string,
  ): Promise<{ url: string; checks: FlowChecks }>;
  /**
   * Redeems the callback's code (PKCE, state and nonce checked) and returns
   * who the provider says signed in. SocialLoginError when anything fails.
   */
  finish(
    provider: SocialProvider,
    query: URLSearchParams,
    checks: FlowChecks,
  ): Promise<VerifiedIdentity>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Clients for the providers `settings` configures (none: no buttons). */
export function createSocialLoginClients(
  settings: SocialLoginSettings,
): SocialLoginClients {
  const providers = SOCIAL_PROVIDERS.filter((provider) => settings[provider]);
  const signInOrigins = [
    ...new Set(
      providers.map((provider) =>
        new URL(settings[provider]!.issuer ?? PROVIDER_INFO[provider].issuer)
          .origin
      ),
    ),
  ];
  const configurations = new Map<SocialProvider, Promise<oidc.Configuration>>();

  function configuration(provider: SocialProvider) {
    const found = configurations.get(provider);
    if (found) return found;
    const registration = settings[provider];
    if (!registration) {
      throw new SocialLoginError(
        `Signing in with ${PROVIDER_INFO[provider].label} is not available.`,
        404,
      );
    }
    const issuer = new URL(
      registration.issuer ?? PROVIDER_INFO[provider].issuer,
    );
    // Plain http only to a provider on this machine (tests, development).
    const execute = issuer.protocol === "http:" &&
        LOOPBACK.has(issuer.hostname)
      ? [oidc.allowInsecureRequests]
      : [];
    const discovered = oidc.discovery(
      issuer,
      registration.clientId,
      registration.clientSecret,
      undefined,
      { execute },
    );
    configurations.set(provider, discovered);
    discovered.catch(() => configurations.delete(provider));
    return discovered;
  }

  async function reach(provider: SocialProvider) {
    try {
      return await configuration(provider);
    } catch (error) {
      if (error instanceof SocialLoginError) throw error;
      console.error(`${provider} discovery failed:`, error);
      throw new SocialLoginError(
        `${
          PROVIDER_INFO[provider].label
        } can't be reached right now. Try again in a moment, or use your password.`,
        503,
      );
    }
  }

  return {
    providers,
    signInOrigins,
    async begin(provider, redirectUri) {
      const config = await reach(provider);
      const checks: FlowChecks = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        redirectUri,
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: PROVIDER_INFO[provider].scope,
        code_challenge: await oidc.calculatePKCECodeChallenge(
          checks.codeVerifier,
        ),
        code_challenge_method: "S256",
        state: checks.state,
        nonce: checks.nonce,
      });
      return { url: url.href, checks };
    },
    async finish(provider, query, checks) {
      const config = await reach(provider);
      const label = PROVIDER_INFO[provider].label;
      if (query.get("error") === "access_denied") {
        throw new SocialLoginError(
          `You cancelled signing in with ${label}.`,
        );
      }
      const current = new URL(checks.redirectUri);
      for (const [name, value] of query) {
        current.searchParams.append(name, value);
      }
      let tokens;
      try {
        tokens = await oidc.authorizationCodeGrant(config, current, {
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          pkceCodeVerifier: checks.codeVerifier,
          idTokenExpected: true,
        });
      } catch (error) {
        // A forged or replayed callback, or the provider refusing the code.
        console.warn(`${provider} sign-in refused:`, String(error));
        throw new SocialLoginError(
          `We couldn't confirm your ${label} sign-in. Start again.`,
        );
      }
      const claims = tokens.claims()!;
      let info: Record<string, unknown> = claims;
      if (typeof claims.email !== "string") {
        // Some providers keep the email out of the ID token.
        info = {
          ...await oidc.fetchUserInfo(config, tokens.access_token, claims.sub),
          ...claims,
        };
      }
      return {
        provider,
        subject: claims.sub,
        email: typeof info.email === "string"
          ? info.email.trim().toLowerCase()
          : null,
        emailVerified: info.email_verified === true ||
          info.email_verified === "true",
        name: typeof info.name === "string" && info.name.trim()
          ? info.name.trim()
          : null,
      };
    },
  };
}

/** The clients' slot; a database nothing was bound to has no providers. */
export const socialLoginProvider = defineProviderSlot<SocialLoginClients>(
  "social login",
  () => createSocialLoginClients({}),
);

/** The clients bound to `kv`. */
export function getSocialLoginClients(kv: Deno.Kv): SocialLoginClients {
  return providerFor(kv, socialLoginProvider);
}
