/**
 * First-party analytics: browsers that allowed anonymous usage statistics
 * report page views, profile views and bookings opened (sent by
 * web/scripts/consent.ts with `navigator.sendBeacon`). Nothing is recorded
 * without the consent cookie saying "allow"; the visitor id comes from its
 * cookie, the user from the session, never from the body. Bodies are tiny
 * (one event), so the limit here is far below the API's usual one.
 */
import { bodyLimit } from "hono/body-limit";
import { publicAccess } from "@/auth/policy.ts";
import { enforceRateLimit, type RateLimitRule } from "@/services/auth/mod.ts";
import {
  beaconEventSchema,
  recordBeaconEvent,
  visitorIdSchema,
} from "@/services/analytics/mod.ts";
import { payloadTooLargeMessage } from "@/middleware/body_limit.ts";
import { consentFrom, readCookie, VISITOR_COOKIE } from "@/web/consent.ts";
import type { ApiApp } from "@/api/http.ts";
import { ApiError, errorResponse } from "@/api/errors.ts";
import {
  defineRoute,
  errorDoc,
  jsonBody,
  noContent,
  rateLimited,
} from "@/api/route.ts";

/** The largest event body: a few short fields. */
export const ANALYTICS_BODY_BYTES = 2 * 1024;

/** A page sends one to three events; a person reads a few pages a minute. */
export const ANALYTICS_RATE_LIMITS = {
  perVisitor: { bucket: "analytics_visitor", limit: 120, windowSeconds: 600 },
  // Many people behind one address (an office, a school) share this.
  perIp: { bucket: "analytics_ip", limit: 1200, windowSeconds: 600 },
} as const satisfies Record<string, RateLimitRule>;

const recordRoute = defineRoute({
  method: "post",
  path: "/analytics/events",
  operationId: "recordAnalyticsEvent",
  summary: "Count a page view, profile view or booking opened (with consent)",
  description:
    "Sent by the site's own script after the visitor allowed anonymous usage statistics. Needs the `tt_consent=allow` and `tt_visitor` cookies; the event names no visitor or user (the cookies and the session do).",
  "x-access": publicAccess,
  request: { body: jsonBody(beaconEventSchema) },
  responses: {
    204: noContent("Counted."),
    400: errorDoc(
      "Invalid event (error: validation_error, `details` per field), a body that is not JSON (invalid_json, unsupported_media_type), or no valid visitor id cookie (error: visitor_id_missing).",
    ),
    403: errorDoc(
      "The visitor has not allowed usage statistics (error: consent_required), or the request came from another site (error: csrf_rejected).",
    ),
    404: errorDoc(
      "The event names an expert or offering that is not published (error: not_found).",
    ),
    413: errorDoc(payloadTooLargeMessage(ANALYTICS_BODY_BYTES)),
    429: rateLimited("Too many events"),
  },
});

/** Defines /api/analytics/events on `api`. */
export function analyticsRoutes(api: ApiApp): void {
  api.use(
    recordRoute.path,
    bodyLimit({
      maxSize: ANALYTICS_BODY_BYTES,
      onError: () =>
        errorResponse(
          413,
          "payload_too_large",
          payloadTooLargeMessage(ANALYTICS_BODY_BYTES),
        ),
    }),
  );

  api.openapi(recordRoute, async (c) => {
    const cookies = c.req.header("cookie");
    if (consentFrom(cookies) !== "allow") {
      throw new ApiError(
        403,
        "consent_required",
        "Usage statistics are off for this browser: nothing was recorded. Allow them in the cookie choices first.",
      );
    }
    const visitorId = visitorIdSchema.safeParse(
      readCookie(cookies, VISITOR_COOKIE),
    );
    if (!visitorId.success) {
      throw new ApiError(
        400,
        "visitor_id_missing",
        "No valid visitor id cookie (tt_visitor); the site's script sets it when statistics are allowed.",
      );
    }
    const { kv, meta, state } = c.env;
    await enforceRateLimit(
      kv,
      ANALYTICS_RATE_LIMITS.perVisitor,
      visitorId.data,
    );
    await enforceRateLimit(kv, ANALYTICS_RATE_LIMITS.perIp, meta.ip);
    await recordBeaconEvent(kv, c.req.valid("json"), {
      visitorId: visitorId.data,
      ...(state.user ? { userId: state.user.id } : {}),
    });
    return c.body(null, 204);
  });
}
