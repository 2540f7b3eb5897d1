/**
 * `Cache-Control` for responses that did not choose their own: nothing
 * that belongs to one visitor may be kept by a browser's back-forward
 * store or any shared cache.
 *
 * - a request with a session cookie or an Authorization header, a response
 *   that sets a cookie, and every API answer: `private, no-store`;
 * - any other page (signed out, not shared: sign-in forms, errors):
 *   `no-cache`, so it is revalidated rather than reused blindly.
 *
 * Shared pages (page_cache.ts) and static files set their own.
 */
import { hasSessionCookie } from "./page_cache.ts";

export const PRIVATE_NO_STORE = "private, no-store";
export const REVALIDATE = "no-cache";

/** The `Cache-Control` a response gets when it has none. */
export function defaultCacheControl(req: Request, response: Response): string {
  const pathname = new URL(req.url).pathname;
  const isApi = pathname === "/api" || pathname.startsWith("/api/");
  if (
    isApi || hasSessionCookie(req) || req.headers.has("authorization") ||
    response.headers.has("set-cookie")
  ) {
    return PRIVATE_NO_STORE;
  }
  return REVALIDATE;
}

/** Adds the default `Cache-Control` to a response without one. */
export function withCacheHeaders(req: Request, response: Response): Response {
  if (response.headers.has("cache-control")) return response;
  const value = defaultCacheControl(req, response);
  try {
    response.headers.set("cache-control", value);
    return response;
  } catch {
    // Immutable headers (e.g. a Response from fetch): copy it first.
    const copy = new Response(response.body, response);
    copy.headers.set("cache-control", value);
    return copy;
  }
}
