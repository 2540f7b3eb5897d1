/**
 * The OpenAPI 3.1 description of the API, generated from the same zod
 * schemas the services validate with, so the document cannot drift from
 * the code.
 */
import { z } from "zod";
import {
  categorySchema,
  categoryWithChildrenSchema,
} from "@/services/categories/mod.ts";
import { contactInputSchema } from "@/services/content/mod.ts";
import {
  expertProfileSchema,
  expertSearchSchema,
  expertSummarySchema,
} from "@/services/experts/mod.ts";
import { feedbackInputSchema } from "@/services/content/mod.ts";
import {
  applicationPatchSchema,
  profilePatchSchema,
} from "@/services/applications/mod.ts";
import {
  offeringInputSchema,
  offeringPatchSchema,
} from "@/services/offerings/mod.ts";
import { onboardingSchema } from "@/services/learners/mod.ts";
import { type AccessRule, API_RULES } from "@/auth/policy.ts";
import { errorBodySchema } from "./errors.ts";
import {
  adminUsersQuerySchema,
  applicationDocumentSchema,
  applicationListQuerySchema,
  applicationSchema,
  auditQuerySchema,
  categoryCreateBodySchema,
  categoryPatchBodySchema,
  changeEmailBodySchema,
  changePasswordBodySchema,
  changeRoleBodySchema,
  codeBodySchema,
  completenessSchema,
  decisionBodySchema,
  disableTwoFactorBodySchema,
  forgotPasswordBodySchema,
  learnerProfileSchema,
  loginBodySchema,
  offeringListQuerySchema,
  offeringSchema,
  pageQuerySchema,
  recommendationsQuerySchema,
  requiredNoteBodySchema,
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
    "Lowest hourly rate in US cents. Rates in other currencies are converted to USD at approximate reference rates before comparing.",
  maxPrice:
    "Highest hourly rate in US cents. Rates in other currencies are converted to USD at approximate reference rates before comparing.",
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
    "/api/admin/users/{id}/role": {
      post: {
        operationId: "adminChangeUserRole",
        summary:
          "Move a user between learner and expert: their sessions end at once (a privilege change) and a role_changed event is logged",
        parameters: [idParameter("The user's id.")],
        requestBody: jsonBody("ChangeRoleInput"),
        responses: {
          200: userResponse("The role is now the one asked for."),
          400: badRequest,
          401: unauthenticated,
          403: forbidden,
          404: errorResponse("No user has this id."),
          409: errorResponse(
            "The user is an admin, or is the caller: admin roles never change through this tool (error: conflict).",
          ),
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

const objectResponse = (
  description: string,
  properties: Record<string, JsonSchema>,
) => ({
  description,
  content: jsonContent({
    type: "object",
    required: Object.keys(properties),
    properties,
  }),
});

const applicationResponse = (description: string) =>
  objectResponse(description, { application: ref("Application") });

const pathParameter = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});

const fileDownload = {
  description:
    "The file, streamed with its content type (PDF, PNG or JPEG, read from its bytes), Content-Disposition with its name, and Cache-Control: private, no-store.",
  content: {
    "application/pdf": { schema: { type: "string", format: "binary" } },
    "image/png": { schema: { type: "string", format: "binary" } },
    "image/jpeg": { schema: { type: "string", format: "binary" } },
  },
};

const notEditable = errorResponse(
  "The application is not editable now: pending, approved or rejected (error: conflict).",
);
const notDecidable = errorResponse(
  "The application (or expert) is not in a state this decision applies to, or another admin decided first (error: conflict).",
);

/** A review decision on /api/admin/applications/{userId}/… or /api/admin/experts/{id}/…. */
function decisionOperation(
  operationId: string,
  summary: string,
  parameter: { name: string; description: string },
  noteRequired: boolean,
) {
  return {
    post: {
      operationId,
      summary,
      description:
        "Emails the expert and records an audit event. The body is { note }" +
        (noteRequired
          ? " (required)."
          : " (optional; an empty body is accepted)."),
      parameters: [pathParameter(parameter.name, parameter.description)],
      requestBody: {
        required: noteRequired,
        content: jsonContent(
          ref(noteRequired ? "RequiredNoteInput" : "DecisionInput"),
        ),
      },
      responses: {
        200: applicationResponse("Decided; the application as it is now."),
        400: badRequest,
        401: unauthenticated,
        403: forbidden,
        404: errorResponse("No expert application for this user id."),
        409: notDecidable,
      },
    },
  };
}

/** Issue 4: expert applications, review, offerings, profiles, categories, onboarding. */
function expertPaths() {
  const applicant = {
    name: "userId",
    description: "The expert's user id (also their public profile id).",
  };
  const expertId = { name: "id", description: "The expert's user id." };
  return {
    "/api/expert/application": {
      get: {
        operationId: "getMyApplication",
        summary: "The caller's expert application",
        description:
          "Status (draft, pending, changes_requested, approved, rejected), step fields, which steps are complete, documents and reviewer notes. A blank draft before anything is saved.",
        responses: {
          200: applicationResponse("The application."),
          401: unauthenticated,
          403: forbidden,
        },
      },
      put: {
        operationId: "saveMyApplication",
        summary: "Save any subset of the application's step fields",
        description:
          "Every field given is validated; on any error nothing is stored. null clears an optional field. Text is stored as plain text (HTML is shown literally, never rendered).",
        requestBody: jsonBody("ApplicationInput"),
        responses: {
          200: applicationResponse("Saved."),
          400: badRequest,
          401: unauthenticated,
          403: forbidden,
          409: notEditable,
        },
      },
    },
    "/api/expert/application/documents": {
      post: {
        operationId: "uploadApplicationDocument",
        summary: "Upload a credential document",
        description:
          "multipart/form-data with the file in the field `file`: PDF, PNG or JPEG up to 10 MB, its type read from its bytes (a name or declared type that disagrees is refused). At most 10 documents. This route accepts bodies up to 10 MB plus 64 KiB.",
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file"],
                properties: { file: { type: "string", format: "binary" } },
              },
            },
          },
        },
        responses: {
          201: objectResponse("Stored.", {
            document: ref("ApplicationDocument"),
          }),
          400: errorResponse(
            "Not multipart, no file, or the file is empty, over 10 MB, of another type or disguised (details.file says which).",
          ),
          401: unauthenticated,
          403: forbidden,
          409: notEditable,
          413: errorResponse("The body is far over 10 MB."),
        },
      },
    },
    "/api/expert/application/documents/{id}": {
      get: {
        operationId: "downloadMyApplicationDocument",
        summary: "Download one of the caller's documents",
        parameters: [idParameter("A document id from the application.")],
        responses: {
          200: fileDownload,
          401: unauthenticated,
          403: forbidden,
          404: errorResponse("The caller's application has no such document."),
        },
      },
      delete: {
        operationId: "deleteMyApplicationDocument",
        summary: "Remove a document from the caller's application",
        parameters: [idParameter("A document id from the application.")],
        responses: {
          204: noContent,
          401: unauthenticated,
          403: forbidden,
          404: errorResponse("The caller's application has no such document."),
          409: notEditable,
        },
      },
    },
    "/api/expert/application/submit": {
      post: {
        operationId: "submitMyApplication",
        summary: "Send the application for review",
        description:
          "Needs every step complete: profile, expertise, at least one active offering, at least one document. The status becomes pending.",
        responses: {
          200: applicationResponse("Submitted: pending review."),
          400: errorResponse(
            "Steps are missing: the message names them and details lists each missing field.",
          ),
          401: unauthenticated,
          403: forbidden,
          409: notEditable,
        },
      },
    },
    "/api/expert/offerings": {
      get: {
        operationId: "listMyOfferings",
        summary: "The caller's offerings, oldest first",
        parameters: queryParameters(offeringListQuerySchema),
        responses: {
          200: objectResponse("The offerings.", {
            offerings: { type: "array", items: ref("Offering") },
          }),
          400: badRequest,
          401: unauthenticated,
          403: forbidden,
        },
      },
      post: {
        operationId: "createOffering",
        summary: "Add a session type or a package",
        description:
          "Durations 15, 30, 45, 60 or 90 minutes; price in minor units, positive, at most 1,000,000 for a session and 10,000,000 for a package; a supported currency; packages hold 2–20 sessions.",
        requestBody: jsonBody("OfferingInput"),
        responses: {
          201: objectResponse("Created.", { offering: ref("Offering") }),
          400: badRequest,
          401: unauthenticated,
          403: forbidden,
          409: errorResponse("The expert already has 30 offerings."),
        },
      },
    },
    "/api/expert/offerings/{id}": {
      patch: {
        operationId: "updateOffering",
        summary: "Change some fields of one of the caller's offerings",
        description:
          "The result is validated as a whole. { active: true } brings back a deleted offering.",
        parameters: [idParameter("An offering id.")],
        requestBody: jsonBody("OfferingPatch"),
        responses: {
          200: objectResponse("Updated.", { offering: ref("Offering") }),
          400: badRequest,
          401: unauthenticated,
          403: forbidden,
          404: errorResponse("The caller has no offering with this id."),
        },
      },
      delete: {
        operationId: "deleteOffering",
        summary: "Withdraw one of the caller's offerings",
        description:
          "Soft delete: the offering becomes inactive (hidden from learners, kept for bookings that refer to it).",
        parameters: [idParameter("An offering id.")],
        responses: {
          204: noContent,
          401: unauthenticated,
          403: forbidden,
          404: errorResponse("The caller has no offering with this id."),
        },
      },
    },
    "/api/expert/profile": {
      get: {
        operationId: "getMyProfile",
        summary: "The caller's live public profile and its completeness",
        responses: {
          200: objectResponse("The profile.", {
            profile: ref("ExpertProfile"),
            offerings: { type: "array", items: ref("Offering") },
            completeness: ref("Completeness"),
          }),
          401: unauthenticated,
          403: forbidden,
          404: errorResponse("Not approved yet: there is no public profile."),
        },
      },
      patch: {
        operationId: "updateMyProfile",
        summary: "Edit the public profile (shows at once)",
        requestBody: jsonBody("ProfilePatch"),
        responses: {
          200: objectResponse("Updated.", {
            profile: ref("ExpertProfile"),
            offerings: { type: "array", items: ref("Offering") },
            completeness: ref("Completeness"),
          }),
          400: badRequest,
          401: unauthenticated,
          403: forbidden,
          409: errorResponse(
            "Not approved yet, or the profile changed meanwhile.",
          ),
        },
      },
    },
    "/api/admin/applications": {
      get: {
        operationId: "adminListApplications",
        summary: "The review queue: applications in one status",
        parameters: queryParameters(applicationListQuerySchema),
        responses: {
          200: objectResponse("One page, longest waiting first.", {
            applications: {
              type: "array",
              items: {
                allOf: [ref("Application"), {
                  type: "object",
                  properties: { applicant: ref("Applicant") },
                }],
              },
            },
            nextCursor: { type: ["string", "null"] },
          }),
          400: badRequest,
          401: unauthenticated,
          403: forbidden,
        },
      },
    },
    "/api/admin/applications/{userId}": {
      get: {
        operationId: "adminGetApplication",
        summary: "One application, with the applicant and their offerings",
        parameters: [pathParameter(applicant.name, applicant.description)],
        responses: {
          200: objectResponse("The application.", {
            application: ref("Application"),
            applicant: ref("Applicant"),
            offerings: { type: "array", items: ref("Offering") },
          }),
          401: unauthenticated,
          403: forbidden,
          404: errorResponse("No expert account has this id."),
        },
      },
    },
    "/api/admin/applications/{userId}/documents/{docId}": {
      get: {
        operationId: "adminDownloadApplicationDocument",
        summary: "Download a document of an application",
        parameters: [
          pathParameter(applicant.name, applicant.description),
          pathParameter("docId", "A document id from the application."),
        ],
        responses: {
          200: fileDownload,
          401: unauthenticated,
          403: forbidden,
          404: errorResponse("No such document on this application."),
        },
      },
    },
    "/api/admin/applications/{userId}/approve": decisionOperation(
      "adminApproveApplication",
      "Approve a pending application: the profile is published at once",
      applicant,
      false,
    ),
    "/api/admin/applications/{userId}/reject": decisionOperation(
      "adminRejectApplication",
      "Reject a pending application (the profile stays private)",
      applicant,
      true,
    ),
    "/api/admin/applications/{userId}/request-changes": decisionOperation(
      "adminRequestChanges",
      "Send a pending application back to the expert for changes",
      applicant,
      true,
    ),
    "/api/admin/experts/{id}/unpublish": decisionOperation(
      "adminUnpublishExpert",
      "Hide an approved expert from every listing at once",
      expertId,
      true,
    ),
    "/api/admin/experts/{id}/republish": decisionOperation(
      "adminRepublishExpert",
      "Show an unpublished expert again",
      expertId,
      false,
    ),
    "/api/admin/categories": {
      get: {
        operationId: "adminListCategories",
        summary: "Every category, retired ones included",
        responses: {
          200: objectResponse("The category tree.", {
            categories: { type: "array", items: ref("CategoryWithChildren") },
          }),
          401: unauthenticated,
          403: forbidden,
        },
      },
      post: {
        operationId: "adminCreateCategory",
        summary: "Create a category, or a subcategory with parentId",
        description: "It goes last among its siblings.",
        requestBody: jsonBody("CategoryCreateInput"),
        responses: {
          201: objectResponse("Created.", { category: ref("Category") }),
          400: badRequest,
          401: unauthenticated,
          403: forbidden,
          409: errorResponse("A category already has this id."),
        },
      },
    },
    "/api/admin/categories/{id}": {
      patch: {
        operationId: "adminUpdateCategory",
        summary: "Rename, describe, move, retire or restore a category",
        description:
          "The id (its URL) never changes. A retired category leaves public filters and category pages but stays on the profiles that have it.",
        parameters: [idParameter("The category's id (slug).")],
        requestBody: jsonBody("CategoryPatch"),
        responses: {
          200: objectResponse("Updated.", { category: ref("Category") }),
          400: badRequest,
          401: unauthenticated,
          403: forbidden,
          404: errorResponse("No category has this id."),
        },
      },
    },
    "/api/learner/onboarding": {
      get: {
        operationId: "getMyOnboarding",
        summary: "The learner's goals, interests and levels",
        responses: {
          200: objectResponse("null before onboarding.", {
            onboarding: {
              oneOf: [ref("LearnerProfile"), { type: "null" }],
            },
          }),
          401: unauthenticated,
          403: forbidden,
        },
      },
      put: {
        operationId: "saveMyOnboarding",
        summary: "Save goals, interests and a level per interest",
        description:
          "Replaces earlier answers. Interests are existing, non-retired category ids, each with exactly one level; target dates are today or later.",
        requestBody: jsonBody("OnboardingInput"),
        responses: {
          200: objectResponse("Saved.", { onboarding: ref("LearnerProfile") }),
          400: badRequest,
          401: unauthenticated,
          403: forbidden,
        },
      },
    },
    "/api/learner/recommendations": {
      get: {
        operationId: "getMyRecommendations",
        summary: "Published experts recommended for the learner",
        description:
          "From the learner's interests, levels and goals; top-rated experts overall before onboarding.",
        parameters: queryParameters(recommendationsQuerySchema),
        responses: {
          200: objectResponse("Best first.", {
            recommendations: {
              type: "array",
              items: {
                type: "object",
                required: ["expert", "reasons"],
                properties: {
                  expert: ref("ExpertSummary"),
                  reasons: { type: "array", items: { type: "string" } },
                },
              },
            },
          }),
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
        "Public JSON API of TapTime, the expert-consultation marketplace. Every error has the Error shape. Request bodies are limited to 64 KiB, except document uploads (10 MB files).",
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
              description:
                "The expert's full profile and active offerings (what learners can book).",
              content: jsonContent({
                type: "object",
                required: ["expert", "offerings"],
                properties: {
                  expert: ref("ExpertProfile"),
                  offerings: {
                    type: "array",
                    items: ref("PublicOffering"),
                  },
                },
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
      ...expertPaths(),
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
        ChangeRoleInput: jsonSchema(changeRoleBodySchema, "input"),
        Application: jsonSchema(applicationSchema),
        ApplicationDocument: jsonSchema(applicationDocumentSchema),
        ApplicationInput: jsonSchema(applicationPatchSchema, "input"),
        Applicant: {
          type: ["object", "null"],
          properties: { name: { type: "string" }, email: { type: "string" } },
        },
        DecisionInput: jsonSchema(decisionBodySchema, "input"),
        RequiredNoteInput: jsonSchema(requiredNoteBodySchema, "input"),
        Offering: jsonSchema(offeringSchema),
        PublicOffering: jsonSchema(
          offeringSchema.omit({
            active: true,
            createdAt: true,
            updatedAt: true,
          }),
        ),
        OfferingInput: jsonSchema(offeringInputSchema, "input"),
        OfferingPatch: jsonSchema(offeringPatchSchema, "input"),
        ProfilePatch: jsonSchema(profilePatchSchema, "input"),
        Completeness: jsonSchema(completenessSchema),
        CategoryCreateInput: jsonSchema(categoryCreateBodySchema, "input"),
        CategoryPatch: jsonSchema(categoryPatchBodySchema, "input"),
        OnboardingInput: jsonSchema(onboardingSchema, "input"),
        LearnerProfile: jsonSchema(learnerProfileSchema),
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
