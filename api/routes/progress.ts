/**
 * A learner's progress: their onboarding goals with milestones (add, tick
 * off or back on, remove) and the numbers of their learning from completed
 * sessions. The same rules as the home's forms (services/progress).
 */
import { z } from "zod";
import { role } from "@/auth/policy.ts";
import {
  addMilestone,
  addMilestoneSchema,
  goalProgressSchema,
  learnerStatsNow,
  learningStatsSchema,
  listGoalProgress,
  MAX_MILESTONES_PER_GOAL,
  milestoneChangeSchema,
  milestoneSchema,
  removeMilestone,
  setMilestoneDone,
} from "@/services/progress/mod.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import {
  defineRoute,
  errorDoc,
  idParam,
  json,
  jsonBody,
  noContent,
} from "@/api/route.ts";

const learner = role("learner");

const goalParams = z.object({
  goalId: idParam("goal", "The goal's id (from GET /learner/progress)."),
});
const milestoneParams = goalParams.extend({
  milestoneId: idParam("milestone", "The milestone's id."),
});
const notFound = errorDoc(
  "The goal is no longer among the learner's goals, or the milestone is gone (error: not_found).",
);
const conflict = errorDoc(
  "The milestones changed at the same time too often (error: conflict); try again.",
);

const progressRoute = defineRoute({
  method: "get",
  path: "/learner/progress",
  operationId: "getMyProgress",
  summary: "The learner's goals with milestones, and their learning numbers",
  "x-access": learner,
  responses: {
    200: json(
      "Goals in the onboarding order (none before onboarding), and the stats of the last 12 months.",
      z.object({
        goals: z.array(goalProgressSchema),
        stats: learningStatsSchema,
      }),
    ),
  },
});

const addRoute = defineRoute({
  method: "post",
  path: "/learner/goals/{goalId}/milestones",
  operationId: "addMilestone",
  summary: "Add a milestone at the end of a goal's list",
  description:
    `At most ${MAX_MILESTONES_PER_GOAL} milestones per goal, each one line of 1 to 200 characters.`,
  "x-access": learner,
  request: {
    params: goalParams,
    body: jsonBody(addMilestoneSchema.meta({ id: "MilestoneInput" })),
  },
  responses: {
    201: json("Added.", z.object({ milestone: milestoneSchema })),
    404: notFound,
    409: conflict,
  },
});

const changeRoute = defineRoute({
  method: "patch",
  path: "/learner/goals/{goalId}/milestones/{milestoneId}",
  operationId: "changeMilestone",
  summary: "Tick a milestone off, or back on",
  "x-access": learner,
  request: {
    params: milestoneParams,
    body: jsonBody(milestoneChangeSchema.meta({ id: "MilestoneChange" })),
  },
  responses: {
    200: json("Changed.", z.object({ milestone: milestoneSchema })),
    404: notFound,
    409: conflict,
  },
});

const removeRoute = defineRoute({
  method: "delete",
  path: "/learner/goals/{goalId}/milestones/{milestoneId}",
  operationId: "removeMilestone",
  summary: "Remove a milestone",
  "x-access": learner,
  request: { params: milestoneParams },
  responses: { 204: noContent("Removed."), 404: notFound, 409: conflict },
});

/** Defines /api/learner/progress and /api/learner/goals/* on `api`. */
export function progressRoutes(api: ApiApp): void {
  api.openapi(progressRoute, async (c) => {
    const user = currentUser(c);
    const [goals, stats] = await Promise.all([
      listGoalProgress(c.env.kv, user.id),
      learnerStatsNow(c.env.kv, user),
    ]);
    return c.json({ goals, stats }, 200);
  });

  api.openapi(addRoute, async (c) => {
    const milestone = await addMilestone(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").goalId,
      c.req.valid("json"),
    );
    return c.json({ milestone }, 201);
  });

  api.openapi(changeRoute, async (c) => {
    const { goalId, milestoneId } = c.req.valid("param");
    const milestone = await setMilestoneDone(
      c.env.kv,
      currentUser(c).id,
      goalId,
      milestoneId,
      c.req.valid("json").done,
    );
    return c.json({ milestone }, 200);
  });

  api.openapi(removeRoute, async (c) => {
    const { goalId, milestoneId } = c.req.valid("param");
    await removeMilestone(c.env.kv, currentUser(c).id, goalId, milestoneId);
    return c.body(null, 204);
  });
}
