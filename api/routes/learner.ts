/**
 * A learner's onboarding answers (goals, interests, a level per interest
 * with its self-assessment), the draft they fill in step by step, and the
 * experts recommended from them, each with the reason.
 */
import { z } from "zod";
import { role } from "@/auth/policy.ts";
import { toExpertSummary } from "@/services/experts/mod.ts";
import {
  assessmentsSchema,
  draftChangeSchema,
  getOnboarding,
  getOnboardingDraft,
  getOnboardingProgress,
  ONBOARDING_STEPS,
  onboardingDraftSchema,
  recommendExperts,
  saveOnboarding,
  saveOnboardingDraft,
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

/** The saved answers, with each interest's self-assessment answers. */
const onboardingAnswersSchema = learnerProfileSchema.extend({
  assessments: assessmentsSchema.describe(
    "Interest id → the self-assessment's yes/no answers, in the order asked.",
  ),
}).meta({ id: "LearnerOnboarding" });

const draftAnswerSchema = z.object({
  draft: onboardingDraftSchema.nullable().describe(
    "The answers entered so far; null before the first step is saved and after finishing.",
  ),
  progress: z.object({
    status: z.enum(["new", "in_progress", "skipped", "finished"]),
    step: z.enum(ONBOARDING_STEPS).describe(
      "The first unfinished step, where the learner resumes.",
    ),
    completed: z.record(z.enum(ONBOARDING_STEPS), z.boolean()),
  }),
}).meta({ id: "OnboardingDraftAnswer" });

const getDraftRoute = defineRoute({
  method: "get",
  path: "/learner/onboarding/draft",
  operationId: "getMyOnboardingDraft",
  summary: "The onboarding answers entered so far, and where to resume",
  "x-access": learner,
  responses: { 200: json("The draft and progress.", draftAnswerSchema) },
});

const saveDraftRoute = defineRoute({
  method: "put",
  path: "/learner/onboarding/draft",
  operationId: "saveMyOnboardingDraft",
  summary: "Save some steps' answers for later",
  description:
    'Parts left out stay as they were. Each part is checked as the finished answers are (categories, dates, a level choice only for an interest); empty lists are allowed until the end. `levels` values may be "answers": the self-assessment decides. PUT /learner/onboarding saves the finished answers and removes the draft.',
  "x-access": learner,
  request: {
    body: jsonBody(draftChangeSchema.meta({ id: "OnboardingDraftInput" })),
  },
  responses: { 200: json("Saved.", draftAnswerSchema) },
});

const recommendationsAnswerSchema = z.object({
  recommendations: z.array(
    recommendationsSchema.shape.recommendations.element.extend({
      reason: z.string().describe(
        'Why, in one sentence, e.g. "Because you want to learn Piano at beginner level"; the first of `reasons`.',
      ),
    }),
  ),
});

const getRoute = defineRoute({
  method: "get",
  path: "/learner/onboarding",
  operationId: "getMyOnboarding",
  summary: "The learner's goals, interests and levels",
  "x-access": learner,
  responses: {
    200: json(
      "The answers; null before onboarding.",
      z.object({ onboarding: onboardingAnswersSchema.nullable() }),
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
    200: json("Saved.", z.object({ onboarding: onboardingAnswersSchema })),
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
  responses: { 200: json("Best first.", recommendationsAnswerSchema) },
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

  api.openapi(getDraftRoute, async (c) => {
    const userId = currentUser(c).id;
    return c.json(await draftAnswer(c.env.kv, userId), 200);
  });

  api.openapi(saveDraftRoute, async (c) => {
    const userId = currentUser(c).id;
    await saveOnboardingDraft(c.env.kv, userId, c.req.valid("json"));
    return c.json(await draftAnswer(c.env.kv, userId), 200);
  });

  api.openapi(recommendationsRoute, async (c) => {
    const { limit } = c.req.valid("query");
    const recommendations = await recommendExperts(
      c.env.kv,
      currentUser(c).id,
      limit,
    );
    return c.json({
      recommendations: recommendations.map(({ expert, reason, reasons }) => ({
        expert: toExpertSummary(expert),
        reason,
        reasons,
      })),
    }, 200);
  });
}

async function draftAnswer(kv: Deno.Kv, userId: string) {
  const [draft, { status, step, completed }] = await Promise.all([
    getOnboardingDraft(kv, userId),
    getOnboardingProgress(kv, userId),
  ]);
  return { draft, progress: { status, step, completed } };
}
