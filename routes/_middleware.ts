import { isCrossSiteRequest } from "@/auth/csrf.ts";
import {
  clearSessionCookie,
  readCookie,
  SESSION_COOKIE,
  setsCookie,
} from "@/auth/cookies.ts";
import { decideAccess, PAGE_RULES, roleHome } from "@/auth/policy.ts";
import { HttpError } from "@/framework/http_error.ts";
import type { FreshContext } from "@/framework/types.ts";
import {
  bodyLimitFor,
  hasOverlongSegment,
  limitRequestBody,
  PayloadTooLargeError,
  payloadTooLargeMessage,
} from "@/middleware/body_limit.ts";
import { authenticate } from "@/services/auth/mod.ts";
import {
  notificationBellRead,
  type NotificationBellState,
} from "@/services/notifications/mod.ts";
import {
  combineReads,
  type CompanionRead,
} from "@/services/platform/companion_read.ts";
import { policyAcceptanceRead } from "@/services/privacy/mod.ts";
import type { AppState } from "@/state.ts";
import { define } from "@/web/define.ts";

/**
 * Runs first for every request, pages and API alike:
 *
 * 1. refuses oversized bodies with 413 (see BODY_LIMIT_OVERRIDES);
 * 2. reads the `tt_session` cookie into `ctx.state.user`/`session`/`sessionToken`
 *    (an invalid or expired cookie is cleared on the response);
 * 3. refuses cross-site unsafe requests (CSRF) with 403;
 * 4. applies the page's access rule from auth/policy.ts (the API applies its
 *    own rules from the same table).
 *
 * Security headers are added in `app.ts`, around error pages too.
 */
export const handler = define.middleware(async (req, ctx) => {
  const bodyLimit = bodyLimitFor(ctx.url.pathname);
  const limited = limitRequestBody(req, bodyLimit);
  if (limited === "too-large") {
    return payloadTooLarge(ctx.url, bodyLimit);
  }
  // Handlers read the body from `ctx.req`; a chunked body over the limit
  // errors while they read it, and becomes a 413 here.
  ctx.req = limited;

  const isApi = ctx.url.pathname === "/api" ||
    ctx.url.pathname.startsWith("/api/");
  if (hasOverlongSegment(ctx.url.pathname)) {
    return isApi
      ? Response.json({
        error: "not_found",
        message: "There is nothing at this address.",
      }, { status: 404 })
      : ctx.renderNotFound();
  }

  // A page's header shows the bell and may ask for the terms: read with
  // the account. Static files (no route) never render the header.
  const staleCookie = await loadSession(
    ctx,
    !isApi && ctx.route !== "" ? headerReads(ctx.state.kv) : undefined,
  );

  if (isCrossSiteRequest(req, trustedOrigins(ctx))) {
    const message =
      "This request came from another site, so it was refused. Reload the page and try again.";
    if (isApi) {
      return Response.json({ error: "csrf_rejected", message }, {
        status: 403,
      });
    }
    throw new HttpError(403, message);
  }

  if (!isApi) {
    const refusal = checkPageAccess(ctx);
    if (refusal) return refusal;
  }

  let response: Response;
  try {
    response = await ctx.next();
  } catch (error) {
    if (error instanceof PayloadTooLargeError) {
      return payloadTooLarge(ctx.url, bodyLimit);
    }
    throw error;
  }
  if (staleCookie && !setsCookie(response.headers, SESSION_COOKIE)) {
    response = withHeadersCopy(response);
    clearSessionCookie(response.headers, req, ctx.state.config.trustProxy);
  }
  return response;
});

type HeaderState = [NotificationBellState, boolean];

/** What a page's header needs of the signed-in user, as a read to carry. */
function headerReads(
  kv: Deno.Kv,
): (userId: string) => Promise<CompanionRead<HeaderState>> {
  return async (userId) =>
    combineReads(
      await notificationBellRead(kv, userId),
      policyAcceptanceRead(kv, userId),
    );
}

/**
 * Fills the auth part of `ctx.state` (and, with `header`, the header's bell
 * and terms notice). Returns true when the request carried a session cookie
 * that no longer names a live session.
 */
async function loadSession(
  ctx: FreshContext<AppState>,
  header?: (userId: string) => Promise<CompanionRead<HeaderState>>,
): Promise<boolean> {
  ctx.state.user = null;
  ctx.state.session = null;
  ctx.state.sessionToken = null;
  const token = readCookie(ctx.req, SESSION_COOKIE);
  if (token === null) {
    return ctx.req.headers.get("cookie")?.includes(`${SESSION_COOKIE}=`) ??
      false;
  }
  const authenticated = await authenticate(ctx.state.kv, token, header);
  if (!authenticated) return true;
  ctx.state.user = authenticated.user;
  ctx.state.session = authenticated.session;
  ctx.state.sessionToken = token;
  if (authenticated.along) {
    [ctx.state.notificationBell, ctx.state.policyOutdated] =
      authenticated.along;
  }
  return false;
}

/**
 * The origins our own forms post from. With PUBLIC_URL set, only its origin:
 * the Host header is the client's to choose, so it must not decide what
 * counts as this site. Without it (development), the request's own origin.
 */
function trustedOrigins(ctx: FreshContext<AppState>): string[] {
  const publicUrl = ctx.state.config.publicUrl;
  return [publicUrl ? new URL(publicUrl).origin : ctx.url.origin];
}

/**
 * Applies the matched page's rule. Static files and unmatched paths (the 404
 * page) have no route and are public. A route without a rule is refused: a
 * forgotten entry must not become a public page.
 */
function checkPageAccess(ctx: FreshContext<AppState>): Response | null {
  if (ctx.route === "") return null;
  const rule = PAGE_RULES[ctx.route];
  if (!rule) {
    console.error(
      `The page route ${ctx.route} has no access rule in auth/policy.ts; refusing it.`,
    );
    throw new HttpError(403);
  }
  const user = ctx.state.user;
  switch (decideAccess(rule, user)) {
    case "allowed":
      return null;
    case "unauthenticated": {
      const next = ctx.url.pathname + ctx.url.search;
      return redirect(`/login?next=${encodeURIComponent(next)}`);
    }
    case "signed_in":
      // Only a signed-in user is refused as "signed_in".
      return redirect(user ? roleHome(user) : "/");
    case "two_factor_required":
      return redirect("/account/security?notice=admin-2fa");
    case "forbidden":
      throw new HttpError(403);
  }
}

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { location } });
}

/** A response whose headers may be changed (some, e.g. from `fetch`, are immutable). */
function withHeadersCopy(response: Response): Response {
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: new Headers(response.headers),
  });
}

function payloadTooLarge(url: URL, limitBytes: number): Response {
  const message = payloadTooLargeMessage(limitBytes);
  if (url.pathname.startsWith("/api/")) {
    return Response.json({ error: "payload_too_large", message }, {
      status: 413,
    });
  }
  // Pages answer with the site's error page, which shows this message.
  throw new HttpError(413, message);
}
