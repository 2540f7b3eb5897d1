/**
 * TapTime's JSON API, mounted at /api by routes/api/[...path].ts.
 *
 * Handlers are thin: parse the request, call a service, shape the JSON. They
 * live in ./routes/ by area. Before any of them runs, ./access.ts checks the
 * operation against the one access table (auth/policy.ts). Every failure has
 * the shape described in ./errors.ts; /api/openapi.json describes every
 * endpoint and /api/docs renders that description.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import {
  bodyLimitFor,
  payloadTooLargeMessage,
} from "@/middleware/body_limit.ts";
import { enforceAccess } from "./access.ts";
import { errorResponse, toErrorResponse } from "./errors.ts";
import type { ApiEnv } from "./http.ts";
import { accountRoutes } from "./routes/account.ts";
import { adminRoutes } from "./routes/admin.ts";
import { applicationReviewRoutes } from "./routes/applications.ts";
import { authRoutes } from "./routes/auth.ts";
import { catalogRoutes } from "./routes/catalog.ts";
import { categoryAdminRoutes } from "./routes/categories_admin.ts";
import { docsRoutes } from "./routes/docs.ts";
import { expertRoutes } from "./routes/expert.ts";
import { learnerRoutes } from "./routes/learner.ts";

export type { ApiBindings, ApiEnv } from "./http.ts";

/**
 * Creates the API app. Per-request values arrive through Hono's env:
 * `api.fetch(request, { kv, state, meta })`.
 */
export function createApi(): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>().basePath("/api");

  api.use("*", enforceAccess);
  // The same per-path limits as the root middleware, for callers (tests,
  // other mounts) that reach the API without it.
  api.use("*", (c, next) => bodyLimiter(bodyLimitFor(c.req.path))(c, next));

  catalogRoutes(api);
  authRoutes(api);
  accountRoutes(api);
  adminRoutes(api);
  docsRoutes(api);
  expertRoutes(api);
  applicationReviewRoutes(api);
  categoryAdminRoutes(api);
  learnerRoutes(api);

  api.notFound((c) =>
    errorResponse(
      404,
      "not_found",
      `There is no API endpoint at ${new URL(c.req.url).pathname}.`,
    )
  );
  api.onError((error) => toErrorResponse(error));

  return api;
}

const bodyLimiters = new Map<number, MiddlewareHandler<ApiEnv>>();

/** Hono's body limit at `maxSize` bytes, answering in the API's error shape. */
function bodyLimiter(maxSize: number): MiddlewareHandler<ApiEnv> {
  let limiter = bodyLimiters.get(maxSize);
  if (!limiter) {
    limiter = bodyLimit({
      maxSize,
      onError: () =>
        errorResponse(
          413,
          "payload_too_large",
          payloadTooLargeMessage(maxSize),
        ),
    });
    bodyLimiters.set(maxSize, limiter);
  }
  return limiter;
}
