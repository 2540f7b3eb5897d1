/**
 * A learner's onboarding answers (goals, interests, a level per interest)
 * and the experts recommended from them.
 */
import type { Hono } from "hono";
import { toExpertSummary } from "@/services/experts/mod.ts";
import {
  getOnboarding,
  type OnboardingInput,
  saveOnboarding,
} from "@/services/learners/mod.ts";
import { recommendExperts } from "@/services/learners/mod.ts";
import { type ApiEnv, currentUser, readJson, readQuery } from "@/api/http.ts";
import { recommendationsQuerySchema } from "@/api/schemas.ts";

/** Registers /api/learner/* on `api`. */
export function learnerRoutes(api: Hono<ApiEnv>): void {
  api.get("/learner/onboarding", async (c) => {
    const onboarding = await getOnboarding(c.env.kv, currentUser(c).id);
    return c.json({ onboarding });
  });

  api.put("/learner/onboarding", async (c) => {
    // The service validates the whole body (and refuses unknown fields).
    const input = await readJson(c) as OnboardingInput;
    const onboarding = await saveOnboarding(c.env.kv, currentUser(c).id, input);
    return c.json({ onboarding });
  });

  api.get("/learner/recommendations", async (c) => {
    const { limit } = readQuery(c, recommendationsQuerySchema);
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
    });
  });
}
