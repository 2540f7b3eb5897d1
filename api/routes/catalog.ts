/**
 * The public catalogue and contact endpoints: health, categories, experts,
 * contact messages and feedback.
 */
import { enforceRateLimit, RATE_LIMITS } from "@/services/auth/mod.ts";
import type { Hono } from "hono";
import { listCategories } from "@/services/categories/mod.ts";
import {
  type ContactInput,
  saveContactMessage,
} from "@/services/content/mod.ts";
import {
  getPublishedExpert,
  searchExperts,
  toExpertSummary,
} from "@/services/experts/mod.ts";
import { type FeedbackInput, saveFeedback } from "@/services/content/mod.ts";
import { listOfferings } from "@/services/offerings/mod.ts";
import { ApiError } from "@/api/errors.ts";
import { type ApiEnv, readJson } from "@/api/http.ts";

/** Registers the catalogue routes on `api`. */
export function catalogRoutes(api: Hono<ApiEnv>): void {
  api.get("/health", (c) => c.json({ ok: true }));

  api.get("/categories", async (c) => {
    const categories = await listCategories(c.env.kv);
    return c.json({ categories });
  });

  api.get("/experts", async (c) => {
    const result = await searchExperts(c.env.kv, c.req.query());
    return c.json({
      experts: result.experts.map(toExpertSummary),
      nextCursor: result.nextCursor,
      total: result.total,
    });
  });

  api.get("/experts/:id", async (c) => {
    const id = c.req.param("id");
    const expert = id.length <= 64
      ? await getPublishedExpert(c.env.kv, id)
      : null;
    if (expert === null) {
      throw new ApiError(
        404,
        "not_found",
        `No expert with id "${id.slice(0, 64)}".`,
      );
    }
    // What learners can book: active offerings, without bookkeeping fields.
    const offerings = (await listOfferings(c.env.kv, expert.id)).map((
      { active: _active, createdAt: _created, updatedAt: _updated, ...rest },
    ) => rest);
    return c.json({ expert, offerings });
  });

  api.post("/contact", async (c) => {
    // The service validates the body; the cast only names what it expects.
    const body = await readJson(c) as ContactInput;
    await enforceRateLimit(c.env.kv, RATE_LIMITS.contactPerIp, c.env.meta.ip);
    const message = await saveContactMessage(c.env.kv, body);
    return c.json(
      { message: { id: message.id, createdAt: message.createdAt } },
      201,
    );
  });

  api.post("/feedback", async (c) => {
    const body = await readJson(c) as FeedbackInput;
    await enforceRateLimit(c.env.kv, RATE_LIMITS.feedbackPerIp, c.env.meta.ip);
    const feedback = await saveFeedback(c.env.kv, body);
    return c.json({
      feedback: { id: feedback.id, createdAt: feedback.createdAt },
    }, 201);
  });
}
