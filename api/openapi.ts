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
import { type AccessRule, API_RULES } from "../auth/policy.ts";
import { errorBodySchema } from "./errors.ts";
import {
  adminUsersQuerySchema,
  auditQuerySchema,
  changeEmailBodySchema,
  changePasswordBodySchema,
  codeBodySchema,
  disableTwoFactorBodySchema,
  forgotPasswordBodySchema,
  loginBodySchema,
  pageQuerySchema,
  resetPasswordBodySchema,
  securityEventSchema,
  sessionSchema,
  signupBodySchema,
  updateProfileBodySchema,
  userSchema,
  verifyEmailBodySchema,
} from "./schemas.ts";

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

/** Query parameters, one per field of a zod object schema. */
function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: false,
    schema: jsonSchema(field as z.ZodType, "input"),
  }));
}

const idParameter = (description: string) => ({
  name: "id",
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});

const jsonBody = (name: string) => ({
  required: true,
  content: jsonContent(ref(name)),
});

const userResponse = (description: string) => ({
  description,
  content: jsonContent({
    type: "object",
    required: ["user"],
    properties: { user: ref("User") },
  }),
});

const messageResponse = (description: string) => ({
  description,
  content: jsonContent({
    type: "object",
    required: ["message"],
    properties: { message: { type: "string" } },
  }),
});

const noContent = { description: "Done; no body." };
const rateLimited = errorResponse(
  "Too many attempts; the Retry-After header says how many seconds to wait.",
);
const unauthenticated = errorResponse(
  "No valid session cookie (error: unauthenticated).",
);
const forbidden = errorResponse(
  "Signed in, but the role is wrong (error: forbidden) or an admin has not turned on 2FA (error: two_factor_required).",
);
const setsSessionCookie = {
  "Set-Cookie": {
    description:
      "tt_session=<token>; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000 (+ Secure over https).",
    schema: { type: "string" },
  },
};

const eventPage = {
  description: "One page of security events, newest first.",
  content: jsonContent({
    type: "object",
    required: ["events", "nextCursor"],
    properties: {
      events: { type: "array", items: ref("SecurityEvent") },
      nextCursor: { type: ["string", "null"] },
    },
  }),
};

/** The account endpoints: /api/auth/*, /api/me*, /api/admin/*. */
function accountPaths() {
  return {
    "/api/auth/signup": {
      post: {
        operationId: "signup",
        summary: "Create a learner or expert account and sign in",
        description:
          "Admins are never created here. Sends an email verification link.",
        requestBody: jsonBody("SignupInput"),
        responses: {
          201: {
            ...userResponse("Signed up and signed in."),
            headers: setsSessionCookie,
          },
          400: badRequest,
          409: errorResponse(
            "An account already uses this email (error: email_taken).",
          ),
          429: rateLimited,
        },
      },
    },
    "/api/auth/login": {
      post: {
        operationId: "login",
        summary: "Sign in with email and password",
        description:
          "With 2FA on, answers `{ twoFactorRequired: true }` and sets the pending cookie tt_2fa (5 minutes); finish with POST /api/auth/login/2fa.",
        requestBody: jsonBody("LoginInput"),
        responses: {
          200: {
            description:
              "Signed in (user), or the code step is next (twoFactorRequired).",
            headers: setsSessionCookie,
            content: jsonContent({
              oneOf: [
                {
                  type: "object",
                  required: ["user"],
                  properties: { user: ref("User") },
                },
                {
                  type: "object",
                  required: ["twoFactorRequired"],
                  properties: { twoFactorRequired: { const: true } },
                },
              ],
            }),
          },
          400: badRequest,
          401: errorResponse(
            "Email or password is incorrect (error: invalid_credentials).",
          ),
          423: errorResponse(
            "The account is suspended (account_suspended) or locked after 10 wrong passwords (account_locked, with Retry-After).",
          ),
          429: rateLimited,
        },
      },
    },
    "/api/auth/login/2fa": {
      post: {
        operationId: "loginTwoFactor",
        summary: "Finish signing in with a TOTP or recovery code",
        security: [{ pendingTwoFactorCookie: [] }],
        requestBody: jsonBody("CodeInput"),
        responses: {
          200: { ...userResponse("Signed in."), headers: setsSessionCookie },
          400: badRequest,
          401: errorResponse("No pending login, or a wrong code."),
          429: rateLimited,
        },
      },
    },
    "/api/auth/logout": {
      post: {
        operationId: "logout",
        summary: "Sign out of this session",
        responses: { 204: noContent },
      },
    },
    "/api/auth/2fa/setup": {
      post: {
        operationId: "startTwoFactorSetup",
        summary: "Start turning on 2FA: a new secret for the authenticator app",
        responses: {
          200: {
            description:
              "The secret (base32) and its otpauth:// URL (for a QR code).",
            content: jsonContent({
              type: "object",
              required: ["secret", "otpauthUrl"],
              properties: {
                secret: { type: "string" },
                otpauthUrl: { type: "string" },
              },
            }),
          },
          401: unauthenticated,
        },
      },
    },
    "/api/auth/2fa/enable": {
      post: {
        operationId: "enableTwoFactor",
        summary: "Confirm the first code and turn 2FA on",
        description:
          "Answers with 10 single-use recovery codes, shown only once. The session id is rotated.",
        requestBody: jsonBody("CodeInput"),
        responses: {
          200: {
            description: "2FA is on.",
            headers: setsSessionCookie,
            content: jsonContent({
              type: "object",
              required: ["recoveryCodes"],
              properties: {
                recoveryCodes: { type: "array", items: { type: "string" } },
              },
            }),
          },
          400: badRequest,
          401: unauthenticated,
          429: rateLimited,
        },
      },
    },
    "/api/auth/2fa/disable": {
      post: {
        operationId: "disableTwoFactor",
        summary: "Turn 2FA off (needs the password and a code)",
        requestBody: jsonBody("DisableTwoFactorInput"),
        responses: {
          200: userResponse("2FA is off."),
          400: badRequest,
          401: unauthenticated,
          429: rateLimited,
        },
      },
    },
    "/api/auth/password/forgot": {
      post: {
        operationId: "forgotPassword",
        summary: "Email a password reset link",
        description:
          "Always 202 with the same body, whether or not the account exists.",
        requestBody: jsonBody("ForgotPasswordInput"),
        responses: {
          202: messageResponse(
            "If the account exists, the link is on its way.",
          ),
          400: badRequest,
          429: rateLimited,
        },
      },
    },
    "/api/auth/password/reset": {
      post: {
        operationId: "resetPassword",
        summary: "Choose a new password with the emailed token",
        description:
          "The token works once, for 30 minutes. Every session of the account ends.",
        requestBody: jsonBody("ResetPasswordInput"),
        responses: {
          200: userResponse("The password is changed; sign in again."),
          400: badRequest,
        },
      },
    },
    "/api/auth/password/change": {
      post: {
        operationId: "changePassword",
        summary: "Change the password (needs the current one)",
        description: "Every other session ends; this one gets a new id.",
        requestBody: jsonBody("ChangePasswordInput"),
        responses: {
          200: { ...userResponse("Changed."), headers: setsSessionCookie },
          400: badRequest,
          401: errorResponse(
            "Not signed in, or the current password is wrong.",
          ),
          429: rateLimited,
        },
      },
    },
    "/api/auth/email/change": {
      post: {
        operationId: "changeEmail",
        summary: "Change the email address (needs the current password)",
        description:
          "The new address must be verified; every other session ends.",
        requestBody: jsonBody("ChangeEmailInput"),
        responses: {
          200: userResponse("Changed."),
          400: badRequest,
          401: errorResponse(
            "Not signed in, or the current password is wrong.",
          ),
          409: errorResponse("Another account uses this email."),
        },
      },
    },
    "/api/auth/email/verify": {
      post: {
        operationId: "verifyEmail",
        summary: "Verify an email address with the emailed token",
        requestBody: jsonBody("VerifyEmailInput"),
        responses: {
          200: userResponse("Verified."),
          400: badRequest,
        },
      },
    },
    "/api/auth/email/resend": {
      post: {
        operationId: "resendVerification",
        summary: "Send the verification link again",
        responses: {
          202: messageResponse("Sent."),
          401: unauthenticated,
          429: rateLimited,
        },
      },
    },
    "/api/auth/sessions": {
      get: {
        operationId: "listSessions",
        summary: "The caller's active sessions",
        responses: {
          200: {
            description: "Newest first; `current` marks this one.",
            content: jsonContent({
              type: "object",
              required: ["sessions"],
              properties: {
                sessions: { type: "array", items: ref("Session") },
              },
            }),
          },
          401: unauthenticated,
        },
      },
    },
    "/api/auth/sessions/{id}": {
      delete: {
        operationId: "revokeSession",
        summary: "End one of the caller's sessions",
        parameters: [idParameter("A session id from GET /api/auth/sessions.")],
        responses: {
          204: noContent,
          401: unauthenticated,
          404: errorResponse("The caller has no session with this id."),
        },
      },
    },
    "/api/me": {
      get: {
        operationId: "getMe",
        summary: "The signed-in user",
        responses: { 200: userResponse("The user."), 401: unauthenticated },
      },
      patch: {
        operationId: "updateMe",
        summary: "Change the name or time zone",
        requestBody: jsonBody("UpdateProfileInput"),
        responses: {
          200: userResponse("Updated."),
          400: badRequest,
          401: unauthenticated,
        },
      },
    },
    "/api/me/security-events": {
      get: {
        operationId: "listMySecurityEvents",
        summary: "Security events on the caller's account",
        parameters: queryParameters(pageQuerySchema),
        responses: { 200: eventPage, 400: badRequest, 401: unauthenticated },
      },
    },
    "/api/admin/users": {
      get: {
        operationId: "adminListUsers",
        summary: "List and search users",
        parameters: queryParameters(adminUsersQuerySchema),
        responses: {
          200: {
            description: "One page of users, newest first.",
            content: jsonContent({
              type: "object",
              required: ["users", "nextCursor"],
              properties: {
                users: { type: "array", items: ref("User") },
                nextCursor: { type: ["string", "null"] },
              },
            }),
          },
          400: badRequest,
          401: unauthenticated,
          403: forbidden,
        },
      },
    },
    "/api/admin/users/{id}/suspend": {
      post: {
        operationId: "adminSuspendUser",
        summary: "Suspend a user: their sessions end at once and logins fail",
        parameters: [idParameter("The user's id.")],
        responses: {
          200: userResponse("Suspended."),
          401: unauthenticated,
          403: forbidden,
          404: errorResponse("No user has this id."),
        },
      },
    },
    "/api/admin/users/{id}/reactivate": {
      post: {
        operationId: "adminReactivateUser",
        summary: "Lift a suspension",
        parameters: [idParameter("The user's id.")],
        responses: {
          200: userResponse("Active again."),
          401: unauthenticated,
          403: forbidden,
          404: errorResponse("No user has this id."),
        },
      },
    },
    "/api/admin/audit": {
      get: {
        operationId: "adminAuditLog",
        summary: "Browse the security audit log",
        parameters: queryParameters(auditQuerySchema),
        responses: {
          200: eventPage,
          400: badRequest,
          401: unauthenticated,
          403: forbidden,
        },
      },
    },
  };
}

/** A sentence for the document saying who may call an operation. */
function describeRule(rule: AccessRule): string {
  const base = rule.kind === "public"
    ? "Anyone."
    : rule.kind === "anonymousOnly"
    ? "Signed-out callers."
    : rule.kind === "signedIn"
    ? "Any signed-in user."
    : `Users with the ${rule.role} role${
      rule.twoFactor ? " and two-factor authentication on" : ""
    }.`;
  return rule.owner ? `${base} Only where ${rule.owner}.` : base;
}

/**
 * Adds each operation's access rule from auth/policy.ts (the same table the
 * API enforces): `x-access` in words, and the session cookie as `security`
 * where a session is needed.
 */
// deno-lint-ignore no-explicit-any
function withAccessRules(paths: Record<string, Record<string, any>>) {
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const key = `${method.toUpperCase()} ${
        path.replace(/\{(\w+)\}/g, ":$1")
      }`;
      const rule = API_RULES[key];
      if (!rule) continue;
      operation["x-access"] = describeRule(rule);
      if (rule.kind === "signedIn" || rule.kind === "role") {
        operation.security ??= [{ sessionCookie: [] }];
      }
    }
  }
  return paths;
}

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
    paths: withAccessRules({
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
      ...accountPaths(),
    }),
    components: {
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "tt_session",
          description:
            "The session, set by signup, login and login/2fa. HttpOnly, SameSite=Lax; unsafe requests from other sites are refused (CSRF).",
        },
        pendingTwoFactorCookie: {
          type: "apiKey",
          in: "cookie",
          name: "tt_2fa",
          description:
            "A login waiting for its second factor, set by login when 2FA is on; lasts 5 minutes.",
        },
      },
      schemas: {
        Category: jsonSchema(categorySchema),
        CategoryWithChildren: jsonSchema(categoryWithChildrenSchema),
        ExpertSummary: jsonSchema(expertSummarySchema),
        ExpertProfile: jsonSchema(expertProfileSchema),
        ContactInput: jsonSchema(contactInputSchema, "input"),
        FeedbackInput: jsonSchema(feedbackInputSchema, "input"),
        Error: jsonSchema(errorBodySchema),
        User: jsonSchema(userSchema),
        Session: jsonSchema(sessionSchema),
        SecurityEvent: jsonSchema(securityEventSchema),
        SignupInput: jsonSchema(signupBodySchema, "input"),
        LoginInput: jsonSchema(loginBodySchema, "input"),
        CodeInput: jsonSchema(codeBodySchema, "input"),
        DisableTwoFactorInput: jsonSchema(disableTwoFactorBodySchema, "input"),
        ForgotPasswordInput: jsonSchema(forgotPasswordBodySchema, "input"),
        ResetPasswordInput: jsonSchema(resetPasswordBodySchema, "input"),
        ChangePasswordInput: jsonSchema(changePasswordBodySchema, "input"),
        ChangeEmailInput: jsonSchema(changeEmailBodySchema, "input"),
        VerifyEmailInput: jsonSchema(verifyEmailBodySchema, "input"),
        UpdateProfileInput: jsonSchema(updateProfileBodySchema, "input"),
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
