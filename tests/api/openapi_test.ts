/**
 * The generated OpenAPI document: valid for a maintained validator, served
 * as generated, and saying what the code enforces.
 */
import { expect } from "expect";
import { compileErrors, validate } from "@readme/openapi-parser";
import { createApi } from "@/api/app.ts";
import { openApiDocument } from "@/api/document.ts";
import { adminWithTwoFactor, role } from "@/auth/policy.ts";
import { MAX_ID_LENGTH, NAME_MAX_LENGTH } from "@/services/platform/model.ts";
import { createCheckedAuthApp } from "./support.ts";
import { OPERATIONS } from "./contract.ts";

// deno-lint-ignore no-explicit-any -- the document is inspected as JSON
type Json = any;

const document: Json = JSON.parse(JSON.stringify(openApiDocument(createApi())));

/** Problems @readme/openapi-parser finds in `doc`, as one string ("" when valid). */
async function problems(doc: Json): Promise<string> {
  // The parser dereferences in place: give it a copy.
  const result = await validate(structuredClone(doc));
  return result.valid ? "" : compileErrors(result);
}

Deno.test("the generated document is valid OpenAPI 3.1", async () => {
  expect(document.openapi).toBe("3.1.0");
  expect(await problems(document)).toBe("");
});

Deno.test("the validator does catch a broken document", async () => {
  const danglingRef = structuredClone(document);
  danglingRef.paths["/api/me"].get.responses["200"].content["application/json"]
    .schema = { $ref: "#/components/schemas/Missing" };
  expect(await problems(danglingRef)).not.toBe("");
  const noDescription = structuredClone(document);
  delete noDescription.paths["/api/me"].get.responses["200"].description;
  expect(await problems(noDescription)).not.toBe("");
});

Deno.test("/api/openapi.json serves the generated document", async () => {
  await using app = await createCheckedAuthApp();
  const served = await app.client().api("GET", "/api/openapi.json");
  expect(served.status).toBe(200);
  expect(served.body).toEqual(document);
});

Deno.test("every operation has a unique id, a summary, its access rule and the one Error shape", () => {
  const ids = OPERATIONS.map((op) => op.route.operationId);
  expect(new Set(ids).size).toBe(ids.length);
  for (const op of OPERATIONS) {
    const documented = document.paths[op.path][op.method.toLowerCase()];
    expect({ op: op.path, summary: typeof documented.summary }).toEqual({
      op: op.path,
      summary: "string",
    });
    expect(documented["x-access"]).toEqual(op.access);
    for (
      const [status, response] of Object.entries<Json>(documented.responses)
    ) {
      if (Number(status) < 400) continue;
      expect({
        op: op.path,
        status,
        schema: response.content?.["application/json"]?.schema,
      })
        .toEqual({
          op: op.path,
          status,
          schema: { $ref: "#/components/schemas/Error" },
        });
    }
  }
  expect(document.components.schemas.Error.required).toEqual([
    "error",
    "message",
  ]);
});

Deno.test("documented limits are the enforced ones", () => {
  const schemas = document.components.schemas;
  expect(schemas.SignupInput.properties.name.maxLength).toBe(NAME_MAX_LENGTH);
  expect(schemas.UpdateProfileInput.properties.name.maxLength).toBe(
    NAME_MAX_LENGTH,
  );
  expect(schemas.User.properties.name.maxLength).toBe(NAME_MAX_LENGTH);
  const idParameter = document.paths["/api/experts/{id}"].get.parameters[0];
  expect(idParameter).toMatchObject({
    name: "id",
    in: "path",
    required: true,
    schema: { maxLength: MAX_ID_LENGTH },
  });
  // The one User schema, referenced wherever a user is answered.
  expect(
    document.paths["/api/me"].get.responses["200"].content["application/json"]
      .schema.properties.user,
  ).toEqual({ $ref: "#/components/schemas/User" });
});

Deno.test("access rules and cookies are documented per operation", () => {
  const upload = document.paths["/api/expert/application/documents"].post;
  expect(Object.keys(upload.requestBody.content)).toEqual([
    "multipart/form-data",
  ]);
  expect(upload["x-access"]).toEqual(role("expert"));
  expect(upload.security).toEqual([{ sessionCookie: [] }]);
  expect(
    document.paths["/api/admin/applications/{userId}/approve"].post[
      "x-access"
    ],
  ).toEqual(adminWithTwoFactor);
  expect(document.paths["/api/auth/login/2fa"].post.security).toEqual([
    { pendingTwoFactorCookie: [] },
  ]);
  expect(document.paths["/api/health"].get.security).toBeUndefined();
  expect(Object.keys(document.components.securitySchemes).sort()).toEqual([
    "pendingTwoFactorCookie",
    "sessionCookie",
  ]);
});

Deno.test("the served document describes the session cookie; the docs page renders it", async () => {
  await using app = await createCheckedAuthApp();
  const { body } = await app.client().api("GET", "/api/openapi.json");
  expect(body.components.securitySchemes.sessionCookie).toEqual(
    expect.objectContaining({
      type: "apiKey",
      in: "cookie",
      name: "tt_session",
    }),
  );
  expect(body.paths["/api/me"].get.security).toEqual([{ sessionCookie: [] }]);
  expect(body.paths["/api/admin/users"].get["x-access"]).toEqual(
    adminWithTwoFactor,
  );
  expect(body.paths["/api/auth/signup"].post.security).toBeUndefined();
  const docs = await app.client().request("/api/docs");
  const html = await docs.text();
  expect(html).toContain("POST /api/auth/login");
  expect(html).toContain("Who may call it");
});

Deno.test("the expert search documents each filter as a query parameter", () => {
  const parameters: Json[] = document.paths["/api/experts"].get.parameters;
  expect(parameters.map((p) => p.name)).toEqual([
    "category",
    "q",
    "minRating",
    "minPrice",
    "maxPrice",
    "language",
    "available",
    "sort",
    "cursor",
    "limit",
  ]);
  expect(parameters.every((p) => p.in === "query" && !p.required)).toBe(true);
  expect(parameters.find((p) => p.name === "limit").schema).toMatchObject({
    minimum: 1,
    maximum: 50,
    default: 12,
  });
  expect(document.components.schemas.ContactInput.required).toEqual(
    ["name", "email", "subject", "message"],
  );
});

Deno.test("/api/docs is a self-contained HTML page without scripts", async () => {
  await using app = await createCheckedAuthApp();
  const response = await app.client().request("/api/docs");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/html");
  expect(response.headers.get("content-security-policy")).toContain(
    "default-src 'none'",
  );
  const html = await response.text();
  expect(html).toMatch(/^<!DOCTYPE html>/);
  expect(html).not.toContain("<script");
  expect(html).not.toMatch(/(src|href)="https?:/);
  for (
    const text of [
      "GET /api/experts",
      "POST /api/contact",
      "minRating",
      "ExpertProfile",
      "Users with the admin role and two-factor authentication on.",
    ]
  ) {
    expect(html).toContain(text);
  }
});
