/**
 * The public catalogue and contact endpoints: health, categories, experts,
 * contact messages and feedback.
 */
import { z } from "zod";
import { publicAccess } from "@/auth/policy.ts";
import { enforceRateLimit, RATE_LIMITS } from "@/services/auth/mod.ts";
import { listCategories } from "@/services/categories/mod.ts";
import { saveContactMessage, saveFeedback } from "@/services/content/mod.ts";
import {
  expertSearchSchema,
  expertSummarySchema,
  getPublishedExpert,
  searchExperts,
  toExpertSummary,
} from "@/services/experts/mod.ts";
import { listOfferings } from "@/services/offerings/mod.ts";
import { ApiError } from "@/api/errors.ts";
import { publicOfferingSchema } from "@/api/expert_schemas.ts";
import type { ApiApp } from "@/api/http.ts";
import {
  defineRoute,
  errorDoc,
  idParam,
  json,
  jsonBody,
  rateLimited,
} from "@/api/route.ts";
import {
  categoryTree,
  contactBodySchema,
  createdSchema,
  expertProfile,
  expertsPageSchema,
  feedbackBodySchema,
} from "@/api/schemas.ts";

const tooMany = rateLimited("Too many messages from this address");

const health = defineRoute({
  method: "get",
  path: "/health",
  operationId: "health",
  summary: "Check that the API is up",
  "x-access": publicAccess,
  responses: {
    200: json("The API is serving.", z.object({ ok: z.literal(true) })),
  },
});

const categories = defineRoute({
  method: "get",
  path: "/categories",
  operationId: "listCategories",
  summary: "List categories with their subcategories",
  description:
    "Top-level categories in display order, each with its subcategories. Retired categories are left out.",
  "x-access": publicAccess,
  responses: {
    200: json("The category tree.", z.object({ categories: categoryTree })),
  },
});

/** A search result: the summary plus when the expert is next free. */
const expertSearchHit = expertSummarySchema.extend({
  nextAvailableAt: z.iso.datetime().nullable().describe(
    "The soonest start (UTC) at which one of the expert's sessions can be booked, as of the last background refresh (kept within about 15 minutes, and after every change of hours or bookings); null when nothing is free in the next two months or it is not known yet. What `available` filters on and `sort=soonest` orders by.",
  ),
}).meta({ id: "ExpertSearchHit" });

const experts = defineRoute({
  method: "get",
  path: "/experts",
  operationId: "searchExperts",
  summary: "Search published experts",
  description:
    "Filter by text, category, language, price, rating and availability (`available=7d`: a free session time within the next 7 days); sort by relevance, rating, price, newest or `soonest` (earliest free time first, experts with no free time last).",
  "x-access": publicAccess,
  request: { query: expertSearchSchema },
  responses: {
    200: json(
      "One page of matching experts.",
      expertsPageSchema.extend({ experts: z.array(expertSearchHit) }),
    ),
  },
});

const expert = defineRoute({
  method: "get",
  path: "/experts/{id}",
  operationId: "getExpert",
  summary: "Get one published expert",
  "x-access": publicAccess,
  request: {
    params: z.object({ id: idParam("expert", "The expert's id.") }),
  },
  responses: {
    200: json(
      "The expert's full profile and active offerings (what learners can book).",
      z.object({
        expert: expertProfile,
        offerings: z.array(publicOfferingSchema),
      }),
    ),
    404: errorDoc("No published expert has this id."),
  },
});

const contact = defineRoute({
  method: "post",
  path: "/contact",
  operationId: "sendContactMessage",
  summary: "Send a message to the TapTime team",
  "x-access": publicAccess,
  request: { body: jsonBody(contactBodySchema) },
  responses: {
    201: json(
      "The message was received.",
      z.object({ message: createdSchema }),
    ),
    429: tooMany,
  },
});

const feedback = defineRoute({
  method: "post",
  path: "/feedback",
  operationId: "sendFeedback",
  summary: "Rate the site and leave a note",
  "x-access": publicAccess,
  request: { body: jsonBody(feedbackBodySchema) },
  responses: {
    201: json("The feedback was saved.", z.object({ feedback: createdSchema })),
    429: tooMany,
  },
});

/** Defines the catalogue operations on `api`. */
export function catalogRoutes(api: ApiApp): void {
  api.openapi(health, (c) => c.json({ ok: true as const }, 200));

  api.openapi(categories, async (c) => {
    return c.json({ categories: await listCategories(c.env.kv) }, 200);
  });

  api.openapi(experts, async (c) => {
    const result = await searchExperts(c.env.kv, c.req.valid("query"));
    return c.json({
      experts: result.experts.map((expert) => ({
        ...toExpertSummary(expert),
        nextAvailableAt: result.nextFree[expert.id] ?? null,
      })),
      nextCursor: result.nextCursor,
      total: result.total,
    }, 200);
  });

  api.openapi(expert, async (c) => {
    const { id } = c.req.valid("param");
    const found = await getPublishedExpert(c.env.kv, id);
    if (found === null) {
      throw new ApiError(404, "not_found", `No expert with id "${id}".`);
    }
    // What learners can book: active offerings, without bookkeeping fields.
    const offerings = (await listOfferings(c.env.kv, found.id)).map((
      { active: _active, createdAt: _created, updatedAt: _updated, ...rest },
    ) => rest);
    return c.json({ expert: found, offerings }, 200);
  });

  api.openapi(contact, async (c) => {
    const body = c.req.valid("json");
    await enforceRateLimit(c.env.kv, RATE_LIMITS.contactPerIp, c.env.meta.ip);
    const message = await saveContactMessage(c.env.kv, body);
    return c.json(
      { message: { id: message.id, createdAt: message.createdAt } },
      201,
    );
  });

  api.openapi(feedback, async (c) => {
    const body = c.req.valid("json");
    await enforceRateLimit(c.env.kv, RATE_LIMITS.feedbackPerIp, c.env.meta.ip);
    const saved = await saveFeedback(c.env.kv, body);
    return c.json(
      { feedback: { id: saved.id, createdAt: saved.createdAt } },
      201,
    );
  });
}
