/** The API's own description: /api/openapi.json and its HTML rendering at /api/docs. */
import { z } from "zod";
import { publicAccess } from "@/auth/policy.ts";
import { renderDocsPage } from "@/api/docs.tsx";
import { type OpenApiDocument, openApiDocument } from "@/api/document.ts";
import type { ApiApp } from "@/api/http.ts";
import { defineRoute, json } from "@/api/route.ts";

const documentRoute = defineRoute({
  method: "get",
  path: "/openapi.json",
  operationId: "openApiDocument",
  summary: "This document",
  "x-access": publicAccess,
  responses: {
    200: json(
      "The OpenAPI 3.1 document.",
      z.record(z.string(), z.unknown()),
    ),
  },
});

const docsPage = defineRoute({
  method: "get",
  path: "/docs",
  operationId: "apiDocs",
  summary: "This document as a readable HTML page",
  "x-access": publicAccess,
  responses: {
    200: {
      description: "HTML, with no scripts and nothing loaded from elsewhere.",
      content: { "text/html": { schema: z.string() } },
    },
  },
});

/** Defines the documentation operations on `api` (after every other one). */
export function docsRoutes(api: ApiApp): void {
  // Generated once, on first use: it only depends on the code.
  let generated: OpenApiDocument | undefined;
  const document = () => (generated ??= openApiDocument(api));

  api.openapi(documentRoute, (c) => c.json(document(), 200));

  api.openapi(docsPage, (c) => {
    return c.html(renderDocsPage(document()), 200, {
      // Self-contained: no scripts at all, only the page's own inline styles.
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
  });
}
