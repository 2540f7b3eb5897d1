/**
 * How an API operation is declared. `defineRoute` wraps @hono/zod-openapi's
 * createRoute so that every operation carries its access rule (`x-access`,
 * built with auth/policy.ts's constructors and enforced by ./access.ts) and
 * documents the answers its kind of operation can give: 401 and 403 from its
 * rule, 400 for bad input, 404 for a path id that names nothing, 413 for a
 * body over the limit. The document is generated from these definitions, so
 * it says what the code does.
 */
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { AccessRule } from "@/auth/policy.ts";
import {
  bodyLimitFor,
  payloadTooLargeMessage,
} from "@/middleware/body_limit.ts";
import { MAX_ID_LENGTH } from "@/services/platform/model.ts";
import { errorBodySchema } from "./errors.ts";

/** Where the API is mounted; route paths below are relative to it. */
export const API_BASE = "/api";

/** What an operation declares: createRoute's config plus its access rule. */
export type ApiRouteConfig = Omit<RouteConfig, "middleware" | "hide"> & {
  operationId: string;
  summary: string;
  "x-access": AccessRule;
};

/** A JSON response (or request body content) described by `schema`. */
export function json<Schema extends z.ZodType>(
  description: string,
  schema: Schema,
) {
  return { description, content: { "application/json": { schema } } };
}

/**
 * A required JSON request body. Without `required`, a request with no JSON
 * body would skip validation; with it, a missing body is validated as `{}`,
 * so its required fields are reported.
 */
export function jsonBody<Schema extends z.ZodType>(schema: Schema) {
  return { required: true, content: { "application/json": { schema } } };
}

/** A response in the one error shape. */
export function errorDoc(description: string) {
  return json(description, errorBodySchema);
}

/** A 429: the caller must wait. */
export function rateLimited(
  what = "Too many attempts",
) {
  return errorDoc(
    `${what} (error: rate_limited); the Retry-After header says how many seconds to wait.`,
  );
}

/** The header of a response that starts a session. */
export const setsSessionCookie = {
  "Set-Cookie": {
    description:
      "tt_session=<token>; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000 (+ Secure over https).",
    schema: { type: "string" as const },
  },
};

/** A response without a body. */
export function noContent(description = "Done; no body.") {
  return { description };
}

/**
 * A path parameter naming one of our records. Only its shape is checked
 * (the one id rule, MAX_ID_LENGTH in services/platform/model.ts): anything
 * longer names nothing, and the validation hook answers 404 with `message`.
 */
export function idParam(what: string, description: string) {
  const message = `No such ${what}.`;
  return z.string().min(1, message).max(MAX_ID_LENGTH, message).describe(
    description,
  );
}

/** True when `rule` lets only signed-in users through. */
export function needsSession(rule: AccessRule): boolean {
  return rule.kind === "signedIn" || rule.kind === "role";
}

const UNSAFE_METHODS = new Set(["post", "put", "patch", "delete"]);

/** Who gets a 403 on an operation like `config`, or null when nobody can. */
function forbiddenDescription(config: ApiRouteConfig): string | null {
  const rule = config["x-access"];
  const reasons = rule.kind !== "role" ? [] : rule.twoFactor
    ? [
      `a signed-in user who is not ${rule.role} (error: forbidden)`,
      `an ${rule.role} without two-factor authentication (error: two_factor_required)`,
    ]
    : [`a signed-in user without the ${rule.role} role (error: forbidden)`];
  if (UNSAFE_METHODS.has(config.method)) {
    reasons.push(
      "a request sent from another site (error: csrf_rejected)",
    );
  }
  if (reasons.length === 0) return null;
  const text = reasons.join("; ");
  return `Refused: ${text}.`;
}

/** The answers every operation like `config` can give, whatever its handler does. */
function standardResponses(config: ApiRouteConfig) {
  const rule = config["x-access"];
  const request = config.request;
  const responses: Record<string, ReturnType<typeof errorDoc>> = {};
  if (request?.query || request?.body) {
    responses[400] = errorDoc(
      "Invalid input (error: validation_error, `details` lists the problems per field), or a body that is not a JSON object (invalid_json, unsupported_media_type).",
    );
  }
  if (needsSession(rule)) {
    responses[401] = errorDoc(
      "No valid session cookie (error: unauthenticated).",
    );
  }
  const forbidden = forbiddenDescription(config);
  if (forbidden) responses[403] = errorDoc(forbidden);
  if (config.path.includes("{")) {
    responses[404] = errorDoc("Nothing has this id (error: not_found).");
  }
  if (request?.body) {
    responses[413] = errorDoc(
      payloadTooLargeMessage(bodyLimitFor(API_BASE + config.path)),
    );
  }
  return responses;
}

/**
 * Declares an operation: `config` plus the standard answers of its kind (an
 * explicit response of the same status wins, for a better description) and,
 * for operations that need a session, the session cookie as its security.
 */
export function defineRoute<const R extends ApiRouteConfig>(config: R): R {
  const route = {
    ...(needsSession(config["x-access"])
      ? { security: [{ sessionCookie: [] }] }
      : {}),
    ...config,
    responses: { ...standardResponses(config), ...config.responses },
  };
  return createRoute(route as R);
}
