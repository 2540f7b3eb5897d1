/**
 * TapTime's JSON API, mounted at /api by routes/api/[...path].ts.
 *
 * Handlers are thin: parse the request, call a service, shape the JSON. They
 * live in ./routes/ by area. Before any of them runs, ./access.ts checks the
 * operation against the one access table (auth/policy.ts). Every failure has
 * the shape described in ./errors.ts; /api/openapi.json describes every
 * endpoint and /api/docs renders that description.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { enforceAccess } from "./access.ts";
import {
  errorResponse,
  MAX_BODY_BYTES,
  payloadTooLargeMessage,
  toErrorResponse,
} from "./errors.ts";
import type { ApiEnv } from "./http.ts";
import { accountRoutes } from "./routes/account.ts";
import { adminRoutes } from "./routes/admin.ts";
import { authRoutes } from "./routes/auth.ts";
import { catalogRoutes } from "./routes/catalog.ts";
import { docsRoutes } from "./routes/docs.ts";

export type { ApiBindings, ApiEnv } from "./http.ts";

/**
 * Creates the API app. Per-request values arrive through Hono's env:
 * `api.fetch(request, { kv, state, meta })`.
 */
export function createApi(): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>().basePath("/api");

  api.use("*", enforceAccess);
  api.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () =>
        errorResponse(413, "payload_too_large", payloadTooLargeMessage),
    }),
  );

  catalogRoutes(api);
  authRoutes(api);
  accountRoutes(api);
  adminRoutes(api);
  docsRoutes(api);

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
