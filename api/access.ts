/**
 * The API's access check: every request is looked up in auth/policy.ts's
 * API_RULES before any handler runs. An operation missing from the table is
 * not served at all (404, or 405 when the path exists for other methods), so
 * a new endpoint cannot go live without a declared rule.
 */
import type { MiddlewareHandler } from "hono";
import { decideAccess, findApiRule } from "@/auth/policy.ts";
import { errorResponse } from "./errors.ts";
import type { ApiEnv } from "./http.ts";

/** Hono middleware enforcing API_RULES. */
export const enforceAccess: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const pathname = new URL(c.req.url).pathname;
  const found = findApiRule(c.req.method, pathname);
  if (found === null) {
    return errorResponse(
      404,
      "not_found",
      `There is no API endpoint at ${pathname}.`,
    );
  }
  if ("allowedMethods" in found) {
    const methods = found.allowedMethods;
    return errorResponse(
      405,
      "method_not_allowed",
      `${c.req.method} is not supported here. Use ${methods.join(" or ")}.`,
      undefined,
      { Allow: methods.join(", ") },
    );
  }
  switch (decideAccess(found.rule, c.env.state.user)) {
    case "unauthenticated":
      return errorResponse(
        401,
        "unauthenticated",
        "Sign in to use this endpoint.",
      );
    case "forbidden":
      return errorResponse(
        403,
        "forbidden",
        "Your account may not use this endpoint.",
      );
    case "two_factor_required":
      return errorResponse(
        403,
        "two_factor_required",
        "Turn on two-factor authentication before using admin tools.",
      );
    // "signed_in" only concerns pages for visitors; the API has none.
    case "signed_in":
    case "allowed":
      await next();
  }
};
