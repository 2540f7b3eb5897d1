/** The API's own description: /api/openapi.json and its HTML rendering at /api/docs. */
import type { Hono } from "hono";
import { renderDocsPage } from "@/api/docs.tsx";
import type { ApiEnv } from "@/api/http.ts";
import { buildOpenApiDocument } from "@/api/openapi.ts";

/** Registers the documentation routes on `api`. */
export function docsRoutes(api: Hono<ApiEnv>): void {
  // Built lazily, once: the document only depends on the code.
  let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;
  const openApi = () => (openApiDocument ??= buildOpenApiDocument());

  api.get("/openapi.json", (c) => c.json(openApi()));

  api.get("/docs", (c) => {
    return c.html(renderDocsPage(openApi()), 200, {
      // Self-contained: no scripts at all, only the page's own inline styles.
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
  });
}
