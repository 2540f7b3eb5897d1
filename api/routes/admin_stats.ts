/**
 * The platform statistics for admins: a period's sign-ups, activity,
 * bookings and their outcomes, money and top lists, as the statistics page
 * shows them. Admins with two-factor authentication only.
 */
import { adminWithTwoFactor } from "@/auth/policy.ts";
import {
  periodFor,
  periodQuerySchema,
  platformStats,
  platformStatsSchema,
} from "@/services/platform_stats/mod.ts";
import type { ApiApp } from "@/api/http.ts";
import { defineRoute, json } from "@/api/route.ts";

const statsRoute = defineRoute({
  method: "get",
  path: "/admin/stats",
  operationId: "adminPlatformStats",
  summary: "Platform statistics for a period",
  description:
    "Chosen dates (`from` and `to`, UTC days, both included, at most 366 days, none after today) or a preset (`days`: the last 7, 30 or 90 days up to today; 30 when nothing is given). Sign-ups count on the day the account was made; bookings on the day they were made; sessions and the completion, cancellation and no-show rates on the day the session starts (rates over sessions whose outcome is known); active learners and experts signed in during the period or are a party to a booking made or a session held in it; money comes from the ledger per currency.",
  "x-access": adminWithTwoFactor,
  request: { query: periodQuerySchema },
  responses: {
    200: json("The period's figures.", platformStatsSchema),
  },
});

/** Defines GET /api/admin/stats. */
export function adminStatsRoutes(api: ApiApp): void {
  api.openapi(statsRoute, async (c) => {
    const period = periodFor(c.env.kv, c.req.valid("query"));
    return c.json(await platformStats(c.env.kv, period), 200);
  });
}
