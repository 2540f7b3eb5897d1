/**
 * What every API route module shares: the Hono env (KV, the request state the
 * root middleware filled, and the request's meta for the audit log), the app
 * type routes are defined on, and small helpers for handlers.
 */
import type { Context } from "hono";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { PublicUser, RequestMeta } from "@/services/auth/mod.ts";
import type { AppState } from "@/state.ts";
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
 * Adds the cookies `write` sets (auth/cookies.ts writes into a Headers) to
 * the response the handler is about to return.
 */
export function setCookies(
  c: ApiContext,
  write: (headers: Headers) => void,
): void {
  const headers = new Headers();
  write(headers);
  for (const cookie of headers.getSetCookie()) {
    c.header("set-cookie", cookie, { append: true });
  }
}
