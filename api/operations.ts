/**
 * The API's operations as one list, read from the route definitions the
 * OpenAPI document is generated from: method, path, access rule, and the
 * request and response schemas. The access check, the 404/405 answers, the
 * authorization walk and the response checks in tests all read this list,
 * so the router, the document and the access rules cannot disagree.
 */
import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { AccessRule } from "@/auth/policy.ts";
import type { ApiEnv } from "./http.ts";
import { API_BASE } from "./route.ts";

export interface ApiOperation {
  /** Upper case, e.g. `GET`. */
  method: string;
  /** As in the document: `/api/experts/{id}`. */
  path: string;
  /** As the router has it: `/api/experts/:id`. */
  pattern: string;
  access: AccessRule;
  /** The definition: request and response schemas, descriptions. */
  route: RouteConfig;
}

/** Every documented operation of `api`, in the order they were defined. */
export function apiOperations(
  // deno-lint-ignore no-explicit-any -- any route schema
  api: OpenAPIHono<ApiEnv, any, any>,
): ApiOperation[] {
  return api.openAPIRegistry.definitions.flatMap((definition) => {
    if (definition.type !== "route") return [];
    const route = definition.route as RouteConfig;
    const path = API_BASE + route.path;
    const access = (route as Record<string, unknown>)["x-access"];
    if (access === undefined) {
      throw new Error(
        `${route.method.toUpperCase()} ${path} has no access rule: define it with defineRoute.`,
      );
    }
    return [{
      method: route.method.toUpperCase(),
      path,
      pattern: path.replaceAll(/\{(\w+)\}/g, ":$1"),
      access: access as AccessRule,
      route,
    }];
  });
}

/** `GET /api/experts/:id`: how the router and the walk name an operation. */
export function operationKey(method: string, pattern: string): string {
  return `${method.toUpperCase()} ${pattern}`;
}

function matchesPath(pattern: string, pathname: string): boolean {
  const expected = pattern.split("/").filter(Boolean);
  const actual = pathname.split("/").filter(Boolean);
  return expected.length === actual.length &&
    expected.every((part, i) =>
      part.startsWith(":") ? actual[i] !== "" : part === actual[i]
    );
}

/**
 * The operation a request is for; or, when its path exists only for other
 * methods, those methods (for a 405, HEAD beside GET); or `null` when no
 * operation has this path.
 */
export function findOperation(
  operations: readonly ApiOperation[],
  method: string,
  pathname: string,
): ApiOperation | { allowedMethods: string[] } | null {
  const wanted = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  const samePath = operations.filter((op) => matchesPath(op.pattern, pathname));
  // A literal segment beats a parameter, as in the router.
  const exact =
    samePath.filter((op) => op.method === wanted).sort((a, b) =>
      a.pattern.split(":").length - b.pattern.split(":").length
    )[0];
  if (exact) return exact;
  if (samePath.length === 0) return null;
  const allowedMethods = [
    ...new Set(
      samePath.flatMap((op) =>
        op.method === "GET" ? ["GET", "HEAD"] : [op.method]
      ),
    ),
  ];
  return { allowedMethods };
}
