/**
 * What the social login routes (routes/auth/) share: the two short-lived cookies that tie a sign-in to the browser that
 * started it, and how a finished sign-in becomes a response.
 *
 * - `tt_oidc`: the sign-in under way (10 minutes). SameSite=Lax, so the
 *   provider's redirect back (a top-level GET) carries it.
 * - `tt_oidc_link`: a provider identity waiting for the account owner's
 *   password or emailed confirmation (30 minutes).
 * Both are HttpOnly, Path=/auth, Secure over https.
 */
import { roleHome } from "@/auth/policy.ts";
import { isHttpsRequest } from "@/auth/request_meta.ts";
import { setPendingCookie, setSessionCookie } from "@/auth/cookies.ts";
import {
  FLOW_MS,
  PENDING_LINK_MS,
  PROVIDER_INFO,
  type SocialLoginOutcome,
} from "@/services/social_login/mod.ts";
import type { AppState } from "@/state.ts";
import { seeOther } from "@/web/navigation.ts";

export const FLOW_COOKIE = "tt_oidc";
export const LINK_COOKIE = "tt_oidc_link";

/** Adds (or, with `value` "", clears) one of the two cookies. */
export function setSocialCookie(
  headers: Headers,
  name: typeof FLOW_COOKIE | typeof LINK_COOKIE,
  value: string,
  req: Request,
  state: AppState,
): void {
  const maxAge = value === ""
    ? 0
    : (name === FLOW_COOKIE ? FLOW_MS : PENDING_LINK_MS) / 1000;
  const attributes = [
    `${name}=${value}`,
    "Path=/auth",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAge}`,
  ];
  if (isHttpsRequest(req, state.config.trustProxy)) attributes.push("Secure");
  headers.append("set-cookie", attributes.join("; "));
}

/** The callback URL registered with each provider: `<origin>/auth/<provider>/callback`. */
export function callbackUrl(state: AppState, provider: string): string {
  return `${state.siteUrl}/auth/${provider}/callback`;
}

/** The response a finished sign-in, link or link request leads to. */
export function outcomeResponse(
  outcome: SocialLoginOutcome,
  req: Request,
  state: AppState,
  headers = new Headers(),
): Response {
  const trustProxy = state.config.trustProxy;
  switch (outcome.kind) {
    case "signed_in":
      setSessionCookie(headers, outcome.sessionToken, req, trustProxy);
      return seeOther(outcome.next ?? roleHome(outcome.user), headers);
    case "two_factor": {
      setPendingCookie(headers, outcome.pendingToken, req, trustProxy);
      const next = outcome.next
        ? `?next=${encodeURIComponent(outcome.next)}`
        : "";
      return seeOther(`/login/2fa${next}`, headers);
    }
    case "linked":
      return seeOther(
        `/auth/accounts?linked=${outcome.provider}`,
        headers,
      );
    case "confirm_link":
      setSocialCookie(headers, LINK_COOKIE, outcome.linkToken, req, state);
      return seeOther("/auth/link", headers);
  }
}

/** "Google", "LinkedIn", or the name as given. */
export function providerLabel(provider: string): string {
  return PROVIDER_INFO[provider as keyof typeof PROVIDER_INFO]?.label ??
    provider;
}
