/**
 * Checks real API answers against the OpenAPI description generated from
 * the same route definitions: for a request's method and path, the status
 * must be one the operation documents, the content type one it lists, and
 * a JSON body must parse with the documented zod schema and come out
 * unchanged (so no undocumented field, no missing required one, no value
 * the schema would rewrite). Wrap a test app with `checkApiAnswers` and
 * every /api response it serves is checked as the test runs.
 */
import { expect } from "expect";
import type { z } from "zod";
import { createApi } from "@/api/app.ts";
import { errorBodySchema } from "@/api/errors.ts";
import {
  type ApiOperation,
  apiOperations,
  findOperation,
} from "@/api/operations.ts";

/** Every operation, from the same definitions the API serves. */
export const OPERATIONS: readonly ApiOperation[] = apiOperations(createApi());

type Documented = {
  description: string;
  content?: Record<string, { schema: unknown }>;
};

/** The documented response of `operation` for `status`, or a failure naming what is documented. */
export function documentedResponse(
  operation: ApiOperation,
  status: number,
): Documented {
  const responses = operation.route.responses as Record<string, Documented>;
  const documented = responses[String(status)];
  if (!documented) {
    throw new Error(
      `${operation.method} ${operation.path} answered ${status}, which it does not document (it documents ${
        Object.keys(responses).join(", ")
      }).`,
    );
  }
  return documented;
}

/** Parses `body` with `schema` and requires it to come out unchanged. */
export function expectExactly(
  schema: z.ZodType,
  body: unknown,
  label: string,
): void {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new Error(
      `${label}: the body does not match its documented schema:\n${
        result.error.issues.map((issue) =>
          `  ${issue.path.join(".") || "(body)"}: ${issue.message}`
        ).join("\n")
      }\nbody: ${JSON.stringify(body).slice(0, 2000)}`,
    );
  }
  // Keys the schema does not know are dropped by parsing, and rewritten
  // values (a default filled in, a legacy value mapped) differ: either way
  // the documented shape is not the whole answer.
  // (In a failure's diff, "Received" lines are what the API sent.)
  expect({ label, answer: body }).toEqual({
    label,
    answer: JSON.parse(JSON.stringify(result.data)),
  });
}

/** Checks one answer of the API to `method url` against the document. */
export async function checkApiAnswer(
  method: string,
  url: string,
  response: Response,
): Promise<void> {
  const pathname = new URL(url, "http://localhost").pathname;
  if (pathname !== "/api" && !pathname.startsWith("/api/")) return;
  const label = `${method} ${pathname} → ${response.status}`;
  const text = method === "HEAD" ? "" : await response.clone().text();
  const found = findOperation(OPERATIONS, method, pathname);
  if (found === null || "allowedMethods" in found) {
    // No operation: only the router's own refusals, in the error shape.
    expect({ label, routerAnswer: [404, 405].includes(response.status) })
      .toEqual({ label, routerAnswer: true });
    expectExactly(errorBodySchema, JSON.parse(text), label);
    return;
  }
  const documented = documentedResponse(found, response.status);
  if (method === "HEAD") return;
  if (!documented.content) {
    expect({ label, body: text }).toEqual({ label, body: "" });
    return;
  }
  const type = response.headers.get("content-type")?.split(";")[0].trim() ??
    "";
  const media = documented.content[type];
  if (!media) {
    throw new Error(
      `${label}: answered ${type || "no content type"}, documented ${
        Object.keys(documented.content).join(", ")
      }.`,
    );
  }
  if (type === "application/json") {
    expectExactly(media.schema as z.ZodType, JSON.parse(text), label);
  }
}

/**
 * Makes every response `app.fetch` serves under /api checked against the
 * document (test clients send their requests through it).
 */
export function checkApiAnswers<
  // deno-lint-ignore no-explicit-any -- any extra fetch arguments pass through
  App extends { fetch(request: Request, ...rest: any[]): Promise<Response> },
>(app: App): App {
  const fetch = app.fetch.bind(app);
  // deno-lint-ignore no-explicit-any
  app.fetch = async (request: Request, ...rest: any[]) => {
    const method = request.method;
    const url = request.url;
    const response = await fetch(request, ...rest);
    await checkApiAnswer(method, url, response);
    return response;
  };
  return app;
}
