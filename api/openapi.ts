/**
 * The OpenAPI 3.1 description of the API, generated from the same zod
 * schemas the services validate with, so the document cannot drift from
 * the code.
 */
import { z } from "zod";
import {
  categorySchema,
  categoryWithChildrenSchema,
} from "../services/categories.ts";
import { contactInputSchema } from "../services/contact.ts";
import {
  expertProfileSchema,
  expertSearchSchema,
  expertSummarySchema,
} from "../services/experts.ts";
import { feedbackInputSchema } from "../services/feedback.ts";
import { errorBodySchema } from "./errors.ts";

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) for a zod schema, without `$schema`. */
function jsonSchema(
  schema: z.ZodType,
  io: "input" | "output" = "output",
): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const jsonContent = (schema: JsonSchema) => ({
  "application/json": { schema },
});

const errorResponse = (description: string) => ({
  description,
  content: jsonContent(ref("Error")),
});

const createdResponse = (property: string, description: string) => ({
  description,
  content: jsonContent({
    type: "object",
    required: [property],
    properties: {
      [property]: {
        type: "object",
        required: ["id", "createdAt"],
        properties: {
          id: { type: "string" },
          createdAt: { type: "string", format: "date-time" },
        },
      },
    },
  }),
});

const FIELD_DESCRIPTIONS: Record<string, string> = {
  category: "A category id; matches the category and all of its subcategories.",
  q: "Words to find in name, headline and skills (all must match; case and accents ignored).",
  minRating: "Lowest average rating, 0 to 5.",
  minPrice:
    "Lowest hourly rate in minor units (cents). Currencies are compared as-is.",
  maxPrice:
    "Highest hourly rate in minor units (cents). Currencies are compared as-is.",
  language: "Two-letter ISO 639-1 code the expert speaks, e.g. en.",
  sort:
    "Result order. relevance = text match when q is given, otherwise rating weighted by review count.",
  cursor: "The nextCursor of the previous page, with the same filters.",
  limit: "Results per page, 1 to 50.",
};

/** Query parameters for GET /api/experts, one per field of the search schema. */
function expertSearchParameters() {
  return Object.entries(expertSearchSchema.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: false,
    description: FIELD_DESCRIPTIONS[name],
    schema: jsonSchema(field as z.ZodType, "input"),
  }));
}

const badRequest = errorResponse(
  "Invalid input: `details` lists the problems per field.",
);
const notAllowed = errorResponse("The method is not supported on this path.");

/** Builds the whole OpenAPI document. */
export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "TapTime API",
      version: "1.0.0",
      description:
        "Public JSON API of TapTime, the expert-consultation marketplace. Every error has the Error shape. Request bodies are limited to 64 KiB.",
    },
    servers: [{ url: "/" }],
    paths: {
      "/api/health": {
        get: {
          operationId: "health",
          summary: "Check that the API is up",
          responses: {
            200: {
              description: "The API is serving.",
              content: jsonContent({
                type: "object",
                required: ["ok"],
                properties: { ok: { const: true } },
              }),
            },
          },
        },
      },
      "/api/categories": {
        get: {
          operationId: "listCategories",
          summary: "List categories with their subcategories",
          description:
            "Top-level categories in display order, each with its subcategories. Retired categories are left out.",
          responses: {
            200: {
              description: "The category tree.",
              content: jsonContent({
                type: "object",
                required: ["categories"],
                properties: {
                  categories: {
                    type: "array",
                    items: ref("CategoryWithChildren"),
                  },
                },
              }),
            },
          },
        },
      },
      "/api/experts": {
        get: {
          operationId: "searchExperts",
          summary: "Search published experts",
          parameters: expertSearchParameters(),
          responses: {
            200: {
              description: "One page of matching experts.",
              content: jsonContent({
                type: "object",
                required: ["experts", "nextCursor", "total"],
                properties: {
                  experts: { type: "array", items: ref("ExpertSummary") },
                  nextCursor: {
                    type: ["string", "null"],
                    description:
                      "Pass as cursor for the next page; null on the last page.",
                  },
                  total: {
                    type: "integer",
                    description: "Matches across all pages.",
                  },
                },
              }),
            },
            400: badRequest,
          },
        },
      },
      "/api/experts/{id}": {
        get: {
          operationId: "getExpert",
          summary: "Get one published expert",
          parameters: [{
            name: "id",
            in: "path",
            required: true,
            schema: { type: "string" },
          }],
          responses: {
            200: {
              description: "The expert's full profile.",
              content: jsonContent({
                type: "object",
                required: ["expert"],
                properties: { expert: ref("ExpertProfile") },
              }),
            },
            404: errorResponse("No published expert has this id."),
          },
        },
      },
      "/api/contact": {
        post: {
          operationId: "sendContactMessage",
          summary: "Send a message to the TapTime team",
          requestBody: {
            required: true,
            content: jsonContent(ref("ContactInput")),
          },
          responses: {
            201: createdResponse("message", "The message was received."),
            400: badRequest,
            405: notAllowed,
            413: errorResponse("The body is larger than 64 KiB."),
          },
        },
      },
      "/api/feedback": {
        post: {
          operationId: "sendFeedback",
          summary: "Rate the site and leave a note",
          requestBody: {
            required: true,
            content: jsonContent(ref("FeedbackInput")),
          },
          responses: {
            201: createdResponse("feedback", "The feedback was saved."),
            400: badRequest,
            405: notAllowed,
            413: errorResponse("The body is larger than 64 KiB."),
          },
        },
      },
      "/api/openapi.json": {
        get: {
          operationId: "openApiDocument",
          summary: "This document",
          responses: {
            200: {
              description: "The OpenAPI 3.1 document.",
              content: jsonContent({ type: "object" }),
            },
          },
        },
      },
      "/api/docs": {
        get: {
          operationId: "apiDocs",
          summary: "This document as a readable HTML page",
          responses: {
            200: {
              description: "HTML.",
              content: { "text/html": { schema: { type: "string" } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Category: jsonSchema(categorySchema),
        CategoryWithChildren: jsonSchema(categoryWithChildrenSchema),
        ExpertSummary: jsonSchema(expertSummarySchema),
        ExpertProfile: jsonSchema(expertProfileSchema),
        ContactInput: jsonSchema(contactInputSchema, "input"),
        FeedbackInput: jsonSchema(feedbackInputSchema, "input"),
        Error: jsonSchema(errorBodySchema),
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
