/**
 * The signed-in user of a page that needs one.
 *
 * The access policy (auth/policy.ts, applied by routes/_middleware.ts) sends
 * visitors to the login page before a signed-in page runs, so pages can
 * count on a user. If a route's policy entry is wrong (public where it
 * should be signed-in), this turns the mistake into a clear 401 page rather
 * than a crash on `null`.
 */
import { HttpError } from "@/framework/http_error.ts";
import type { PublicUser } from "@/services/auth/mod.ts";
import type { AppState } from "@/state.ts";

/** The request's user, or a 401 `HttpError` when nobody is signed in. */
export function requireUser(state: Pick<AppState, "user">): PublicUser {
  if (!state.user) {
    throw new HttpError(401, "Log in to see this page.");
  }
  return state.user;
}
