/**
 * The OpenAPI 3.1 document, generated from the operations' definitions
 * (api/routes/*): paths, parameters, bodies, responses and access rules all
 * come from the code that serves them, so the document cannot drift.
 */
import type { ApiApp } from "./http.ts";

/** What the reference page and tests read of the generated document. */
export type OpenApiDocument = ReturnType<ApiApp["getOpenAPI31Document"]>;

const INFO = {
  title: "TapTime API",
  version: "1.0.0",
  description:
    "Public JSON API of TapTime, the expert-consultation marketplace. Every error has the Error shape. Request bodies are limited to 64 KiB, except document uploads (10 MB files).",
};

/** Registers the cookies operations name in their `security`. */
export function registerSecuritySchemes(api: ApiApp): void {
  api.openAPIRegistry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "tt_session",
    description:
      "The session, set by signup, login and login/2fa. HttpOnly, SameSite=Lax; unsafe requests from other sites are refused (CSRF).",
  });
  api.openAPIRegistry.registerComponent(
    "securitySchemes",
    "pendingTwoFactorCookie",
    {
      type: "apiKey",
      in: "cookie",
      name: "tt_2fa",
      description:
        "A login waiting for its second factor, set by login when 2FA is on; lasts 5 minutes.",
    },
  );
}

/** The whole document for `api`, generated from its operations. */
export function openApiDocument(api: ApiApp): OpenApiDocument {
  return api.getOpenAPI31Document({
    openapi: "3.1.0",
    info: INFO,
    servers: [{ url: "/" }],
  });
}
