/**
 * TapTime's JSON API, mounted at /api by routes/api/[...path].ts.
 *
 * Handlers are thin: parse the request, call a service, shape the JSON.
 * Every failure has the shape described in ./errors.ts; /api/openapi.json
 * describes every endpoint and /api/docs renders that description.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { listCategories } from "../services/categories.ts";
import { type ContactInput, saveContactMessage } from "../services/contact.ts";
import {
  getPublishedExpert,
  searchExperts,
  toExpertSummary,
} from "../services/experts.ts";
import { type FeedbackInput, saveFeedback } from "../services/feedback.ts";
import { renderDocsPage } from "./docs.tsx";
import {
  ApiError,
  errorResponse,
  MAX_BODY_BYTES,
  payloadTooLargeMessage,
  toErrorResponse,
} from "./errors.ts";
import { buildOpenApiDocument } from "./openapi.ts";

export type ApiEnv = { Bindings: { kv: Deno.Kv } };

/** Which methods each path answers; anything else gets 405 with an Allow header. */
const ALLOWED_METHODS: Record<string, string[]> = {
  "/health": ["GET", "HEAD"],
  "/categories": ["GET", "HEAD"],
  "/experts": ["GET", "HEAD"],
  "/experts/:id": ["GET", "HEAD"],
  "/contact": ["POST"],
  "/feedback": ["POST"],
  "/openapi.json": ["GET", "HEAD"],
  "/docs": ["GET", "HEAD"],
};

/** Reads the body as JSON, turning an empty or malformed body into a 400. */
async function readJson(c: Context<ApiEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") {
    throw new ApiError(
      400,
      "invalid_json",
      "The request body is empty. Send a JSON object.",
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(
      400,
      "invalid_json",
      "The request body is not valid JSON.",
    );
  }
}

/**
 * Creates the API app. The KV handle arrives per request through Hono's env:
 * `api.fetch(request, { kv })`.
 */
export function createApi(): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>().basePath("/api");
  // Built lazily, once: the document only depends on the code.
  let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;
  const openApi = () => (openApiDocument ??= buildOpenApiDocument());

  api.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () =>
        errorResponse(413, "payload_too_large", payloadTooLargeMessage),
    }),
  );

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
    return c.json({ expert });
  });

  api.post("/contact", async (c) => {
    // The service validates the body; the cast only names what it expects.
    const body = await readJson(c) as ContactInput;
    const message = await saveContactMessage(c.env.kv, body);
    return c.json(
      { message: { id: message.id, createdAt: message.createdAt } },
      201,
    );
  });

  api.post("/feedback", async (c) => {
    const body = await readJson(c) as FeedbackInput;
    const feedback = await saveFeedback(c.env.kv, body);
    return c.json({
      feedback: { id: feedback.id, createdAt: feedback.createdAt },
    }, 201);
  });

  api.get("/openapi.json", (c) => c.json(openApi()));

  api.get("/docs", (c) => {
    return c.html(renderDocsPage(openApi()), 200, {
      // Self-contained: no scripts at all, only the page's own inline styles.
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
  });

  for (const [path, methods] of Object.entries(ALLOWED_METHODS)) {
    api.all(path, (c) =>
      errorResponse(
        405,
        "method_not_allowed",
        `${c.req.method} is not supported here. Use ${methods.join(" or ")}.`,
        undefined,
        { Allow: methods.join(", ") },
      ));
  }

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
