/**
 * A learner's onboarding answers (goals, interests, a level per interest)
 * and the experts recommended from them.
 */
import { z } from "zod";
import { role } from "@/auth/policy.ts";
import { toExpertSummary } from "@/services/experts/mod.ts";
import {
  getOnboarding,
  recommendExperts,
  saveOnboarding,
} from "@/services/learners/mod.ts";
import {
  learnerProfileSchema,
  onboardingBodySchema,
  recommendationsQuerySchema,
  recommendationsSchema,
} from "@/api/expert_schemas.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { defineRoute, json, jsonBody } from "@/api/route.ts";

const learner = role("learner");

const getRoute = defineRoute({
  method: "get",
  path: "/learner/onboarding",
  operationId: "getMyOnboarding",
  summary: "The learner's goals, interests and levels",
  "x-access": learner,
  responses: {
    200: json(
      "The answers; null before onboarding.",
      z.object({ onboarding: learnerProfileSchema.nullable() }),
    ),
  },
});

const saveRoute = defineRoute({
  method: "put",
  path: "/learner/onboarding",
  operationId: "saveMyOnboarding",
  summary: "Save goals, interests and a level per interest",
  description:
    "Replaces earlier answers. Interests are existing, non-retired category ids, each with exactly one level; target dates are today or later.",
  "x-access": learner,
  request: { body: jsonBody(onboardingBodySchema) },
  responses: {
    200: json("Saved.", z.object({ onboarding: learnerProfileSchema })),
  },
});

const recommendationsRoute = defineRoute({
  method: "get",
  path: "/learner/recommendations",
  operationId: "getMyRecommendations",
  summary: "Published experts recommended for the learner",
  description:
    "From the learner's interests, levels and goals; top-rated experts overall before onboarding.",
  "x-access": learner,
  request: { query: recommendationsQuerySchema },
  responses: { 200: json("Best first.", recommendationsSchema) },
});

/** Defines /api/learner/* on `api`. */
export function learnerRoutes(api: ApiApp): void {
  api.openapi(getRoute, async (c) => {
    const onboarding = await getOnboarding(c.env.kv, currentUser(c).id);
    return c.json({ onboarding }, 200);
  });

  api.openapi(saveRoute, async (c) => {
    const onboarding = await saveOnboarding(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json"),
    );
    return c.json({ onboarding }, 200);
  });

  api.openapi(recommendationsRoute, async (c) => {
    const { limit } = c.req.valid("query");
    const recommendations = await recommendExperts(
      c.env.kv,
      currentUser(c).id,
      limit,
    );
    return c.json({
      recommendations: recommendations.map(({ expert, reasons }) => ({
        expert: toExpertSummary(expert),
        reasons,
      })),
    }, 200);
  });
}
