/**
 * The API's access check. Every request runs through `accessControl` before
 * any validator or handler: it takes the operation the router matched, looks
 * up that operation's declared rule (its `x-access`, see ./route.ts) and
 * applies it with auth/policy.ts's `decideAccess`. A request no operation
 * matches is a 404, or a 405 listing the methods when the path exists; a
 * route registered without a rule is never served (404), so an endpoint
 * cannot go live without one.
 */
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { decideAccess } from "@/auth/policy.ts";
import { errorResponse } from "./errors.ts";
import type { ApiEnv } from "./http.ts";
import {
  type ApiOperation,
  findOperation,
  operationKey,
} from "./operations.ts";

/** The 404 (no such path) or 405 (other methods only) for an unmatched request. */
export function noSuchOperation(
  operations: readonly ApiOperation[],
  method: string,
  pathname: string,
): Response {
  const found = findOperation(operations, method, pathname);
  if (found !== null && "allowedMethods" in found) {
    const methods = found.allowedMethods;
    return errorResponse(
      405,
      "method_not_allowed",
      `${method} is not supported here. Use ${methods.join(" or ")}.`,
      undefined,
      { Allow: methods.join(", ") },
    );
  }
  return errorResponse(
    404,
    "not_found",
    `There is no API endpoint at ${pathname}.`,
  );
}

/**
 * Hono middleware enforcing each operation's rule. `operations` is read at
 * request time, when every route has been defined.
 */
export function accessControl(
  operations: () => readonly ApiOperation[],
): MiddlewareHandler<ApiEnv> {
  let byKey: Map<string, ApiOperation> | undefined;
  return async (c, next) => {
    byKey ??= new Map(
      operations().map((op) => [operationKey(op.method, op.pattern), op]),
    );
    const route = matchedRoutes(c).find((r) => r.method !== "ALL");
    const operation = route &&
      byKey.get(operationKey(route.method, route.path));
    if (!operation) {
      return noSuchOperation(
        operations(),
        c.req.method,
        new URL(c.req.url).pathname,
      );
    }
    switch (decideAccess(operation.access, c.env.state.user)) {
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
}
