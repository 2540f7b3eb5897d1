/**
 * TapTime's JSON API, mounted at /api by routes/api/[...path].ts.
 *
 * Each area defines its operations in ./routes/ with `defineRoute`
 * (./route.ts): path, parameters, body and every response as zod schemas,
 * plus the operation's access rule. From those one list the router serves,
 * ./access.ts enforces the rules, the validators refuse bad input in the
 * shape described in ./errors.ts, and /api/openapi.json is generated
 * (rendered at /api/docs). Handlers are thin: read the validated input,
 * call a service, shape the JSON.
 */
import type { MiddlewareHandler } from "hono";
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import {
  bodyLimitFor,
  payloadTooLargeMessage,
} from "@/middleware/body_limit.ts";
import { accessControl, noSuchOperation } from "./access.ts";
import { registerSecuritySchemes } from "./document.ts";
import { errorResponse, toErrorResponse, validationHook } from "./errors.ts";
import type { ApiApp, ApiEnv } from "./http.ts";
import { type ApiOperation, apiOperations } from "./operations.ts";
import { API_BASE } from "./route.ts";
import { accountRoutes } from "./routes/account.ts";
import { adminRoutes } from "./routes/admin.ts";
import { analyticsRoutes } from "./routes/analytics.ts";
import { adminStatsRoutes } from "./routes/admin_stats.ts";
import { applicationReviewRoutes } from "./routes/applications.ts";
import { authRoutes } from "./routes/auth.ts";
import { availabilityRoutes } from "./routes/availability.ts";
import { bookingRoutes } from "./routes/bookings.ts";
import { bookingAdminRoutes } from "./routes/bookings_admin.ts";
import { blogAdminRoutes } from "./routes/blog_admin.ts";
import { callRoutes } from "./routes/calls.ts";
import { recordingRoutes } from "./routes/recordings.ts";
import { calendarRoutes } from "./routes/calendars.ts";
import { catalogRoutes } from "./routes/catalog.ts";
import { categoryAdminRoutes } from "./routes/categories_admin.ts";
import { credentialRoutes } from "./routes/credentials.ts";
import { docsRoutes } from "./routes/docs.ts";
import { expertApplicationRoutes } from "./routes/expert_application.ts";
import { expertOfferingRoutes } from "./routes/expert_offerings.ts";
import { learnerRoutes } from "./routes/learner.ts";
import { liveRoutes } from "./routes/live.ts";
import { messagingRoutes } from "./routes/messaging.ts";
import { messageFileRoutes } from "./routes/message_files.ts";
import { messageModerationRoutes } from "./routes/message_moderation.ts";
import { notificationRoutes } from "./routes/notifications.ts";
import { earningsRoutes } from "./routes/earnings.ts";
import { financeRoutes } from "./routes/finance.ts";
import { paymentRoutes } from "./routes/payments.ts";
import { packageRoutes } from "./routes/packages.ts";
import { phoneRoutes } from "./routes/phone.ts";
import { privacyRoutes } from "./routes/privacy.ts";
import { reviewRoutes } from "./routes/reviews.ts";
import { sessionNoteRoutes } from "./routes/session_notes.ts";
import { savedExpertRoutes } from "./routes/saved_experts.ts";
import { progressRoutes } from "./routes/progress.ts";
import { walletRoutes } from "./routes/wallet.ts";

export type { ApiApp, ApiBindings, ApiEnv } from "./http.ts";

/**
 * Creates the API app. Per-request values arrive through Hono's env:
 * `api.fetch(request, { kv, state, meta })`.
 */
export function createApi(): ApiApp {
  const api: ApiApp = new OpenAPIHono<ApiEnv>({
    defaultHook: validationHook,
  }).basePath(API_BASE);
  let operations: ApiOperation[] = [];

  api.use("*", refuseMalformedPath);
  api.use("*", accessControl(() => operations));
  // The same per-path limits as the root middleware, for callers (tests,
  // other mounts) that reach the API without it.
  api.use("*", (c, next) => bodyLimiter(bodyLimitFor(c.req.path))(c, next));

  registerSecuritySchemes(api);
  catalogRoutes(api);
  authRoutes(api);
  credentialRoutes(api);
  accountRoutes(api);
  phoneRoutes(api);
  privacyRoutes(api);
  adminRoutes(api);
  adminStatsRoutes(api);
  expertApplicationRoutes(api);
  expertOfferingRoutes(api);
  applicationReviewRoutes(api);
  categoryAdminRoutes(api);
  learnerRoutes(api);
  walletRoutes(api);
  paymentRoutes(api);
  earningsRoutes(api);
  financeRoutes(api);
  availabilityRoutes(api);
  bookingRoutes(api);
  packageRoutes(api);
  bookingAdminRoutes(api);
  recordingRoutes(api);
  callRoutes(api);
  calendarRoutes(api);
  liveRoutes(api);
  blogAdminRoutes(api);
  messagingRoutes(api);
  reviewRoutes(api);
  sessionNoteRoutes(api);
  messageFileRoutes(api);
  messageModerationRoutes(api);
  notificationRoutes(api);
  analyticsRoutes(api);
  savedExpertRoutes(api);
  progressRoutes(api);
  docsRoutes(api);
  operations = apiOperations(api);

  api.notFound((c) =>
    noSuchOperation(operations, c.req.method, new URL(c.req.url).pathname)
  );
  api.onError((error) => toErrorResponse(error));

  return api;
}

/**
 * A path whose percent-encoding is broken names nothing: a 400 in the API's
 * error shape, before routing tries to decode it.
 */
const refuseMalformedPath: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const pathname = new URL(c.req.url).pathname;
  try {
    decodeURIComponent(pathname);
  } catch {
    return errorResponse(
      400,
      "malformed_path",
      "This address is malformed: part of it is not valid percent-encoding.",
    );
  }
  await next();
};

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
