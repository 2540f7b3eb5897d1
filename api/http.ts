/**
 * What every API route module shares: the Hono env (KV, the request state the
 * root middleware filled, and the request's meta for the audit log), the app
 * type routes are defined on, and small helpers for handlers.
 */
import type { Context } from "hono";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { PublicUser, RequestMeta } from "@/services/auth/mod.ts";
import type { AppState } from "@/state.ts";
import {
  clearPendingCookie,
  clearSessionCookie,
  setPendingCookie,
  setSessionCookie,
} from "@/auth/cookies.ts";
import { ApiError } from "./errors.ts";

/** Per-request values, passed as `api.fetch(request, bindings)`. */
export type ApiBindings = {
  kv: Deno.Kv;
  /** `ctx.state` from the page layer: who is signed in. */
  state: AppState;
  meta: RequestMeta;
};

export type ApiEnv = { Bindings: ApiBindings };
export type ApiContext = Context<ApiEnv>;

/** The app every area defines its operations on (mounted at /api). */
// deno-lint-ignore ban-types -- Hono's own default for "no routes typed yet"
export type ApiApp = OpenAPIHono<ApiEnv, {}, "/api">;

/**
 * The signed-in user. The access check has already refused anonymous
 * callers of operations that use this; the check keeps a wrong rule from
 * turning into a crash.
 */
export function currentUser(c: ApiContext): PublicUser {
  const user = c.env.state.user;
  if (!user) {
    throw new ApiError(401, "unauthenticated", "Sign in to use this endpoint.");
  }
  return user;
}

/** The token of the request's own session (present wherever a route needs a session). */
export function currentToken(c: ApiContext): string {
  const token = c.env.state.sessionToken;
  if (!token) {
    throw new ApiError(401, "unauthenticated", "Sign in to use this endpoint.");
  }
  return token;
}

/**
 * Sets (a token) or clears (null) the session and pending-2FA cookies on the
 * response the handler is about to return, Secure as this request's scheme
 * and the app's proxy setting say; a cookie left out is left alone. The
 * session cookie comes first.
 */
export function writeAuthCookies(
  c: ApiContext,
  cookies: { session?: string | null; pending?: string | null },
): void {
  const req = c.req.raw;
  const { trustProxy } = c.env.state.config;
  const headers = new Headers();
  if (cookies.session === null) clearSessionCookie(headers, req, trustProxy);
  else if (cookies.session !== undefined) {
    setSessionCookie(headers, cookies.session, req, trustProxy);
  }
  if (cookies.pending === null) clearPendingCookie(headers, req, trustProxy);
  else if (cookies.pending !== undefined) {
    setPendingCookie(headers, cookies.pending, req, trustProxy);
  }
  for (const cookie of headers.getSetCookie()) {
    c.header("set-cookie", cookie, { append: true });
  }
}
