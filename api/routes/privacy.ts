/**
 * The signed-in user's data and account: /api/me/privacy (what they
 * accepted, their exports, whether the account can be deleted),
 * /api/me/export (ask for a ZIP of everything we hold about them, emailed
 * as a 24-hour link), /api/me/deletion (schedule or cancel the account's
 * deletion) and /api/me/policy-acceptance (accept the policy and terms in
 * force). The flows live in services/privacy.
 */
import { z } from "zod";
import { signedIn } from "@/auth/policy.ts";
import { reauthInputSchema } from "@/services/auth/mod.ts";
import {
  acceptanceSchema,
  acceptPolicy,
  cancelDeletion,
  dataExportViewSchema,
  DeletionBlockedError,
  deletionStatus,
  deletionStatusSchema,
  ExportRefusedError,
  listOwnExports,
  policyAcceptance,
  requestDeletion,
  requestExport,
} from "@/services/privacy/mod.ts";
import { ApiError } from "@/api/errors.ts";
import { type ApiApp, currentUser, writeAuthCookies } from "@/api/http.ts";
import {
  defineRoute,
  errorDoc,
  json,
  jsonBody,
  rateLimited,
} from "@/api/route.ts";

const privacyAnswer = z.object({
  acceptance: z.object({
    accepted: acceptanceSchema.nullable(),
    current: z.boolean().describe("The accepted version is the one in force."),
    version: z.string().describe("The version in force."),
  }),
  exports: z.array(dataExportViewSchema),
  deletion: deletionStatusSchema,
}).meta({ id: "PrivacyOverview" });

const getPrivacy = defineRoute({
  method: "get",
  path: "/me/privacy",
  operationId: "getMyPrivacy",
  summary: "The caller's policy acceptance, data exports and deletion status",
  "x-access": signedIn,
  responses: {
    200: json(
      "What was accepted, the recent exports, and what (if anything) stops the account's deletion.",
      privacyAnswer,
    ),
  },
});

const postExport = defineRoute({
  method: "post",
  path: "/me/export",
  operationId: "requestMyDataExport",
  summary: "Ask for a ZIP of everything TapTime holds about the caller",
  description:
    "Prepared in the background; a link that works for 24 hours, only for the caller signed in, is emailed when it is ready. One export at a time, at most 3 a day.",
  "x-access": signedIn,
  responses: {
    202: json(
      "Being prepared.",
      z.object({ export: dataExportViewSchema }),
    ),
    409: errorDoc(
      "An export is already being prepared (error: export_in_progress).",
    ),
    429: errorDoc(
      "3 exports in the last 24 hours already (error: rate_limited); the message says when to ask again.",
    ),
  },
});

const deletionAnswer = z.object({
  deletion: z.object({
    requestedAt: z.iso.datetime(),
    eraseAt: z.iso.datetime().describe(
      "When the account is erased unless its owner signs in before.",
    ),
  }),
});

const postDeletion = defineRoute({
  method: "post",
  path: "/me/deletion",
  operationId: "requestMyAccountDeletion",
  summary: "Schedule the caller's account for deletion",
  description:
    "Confirm with the password (and a 2FA code when two-factor authentication is on). Refused while sessions are booked or money is held for the account. Every session ends; the account is erased after 14 days unless its owner signs in before.",
  "x-access": signedIn,
  request: { body: jsonBody(reauthInputSchema) },
  responses: {
    202: json("Scheduled; the session cookie is cleared.", deletionAnswer),
    400: errorDoc(
      "The password or code is missing (validation_error, per field), or the code is wrong (invalid_code).",
    ),
    401: errorDoc(
      "The password is wrong (error: invalid_credentials), or an account without password or 2FA signed in more than 15 minutes ago (reauthentication_required).",
    ),
    409: errorDoc(
      "Something must happen first (error: deletion_blocked; `details.blockers` lists what).",
    ),
    429: rateLimited("Too many wrong passwords"),
  },
});

const deleteDeletion = defineRoute({
  method: "delete",
  path: "/me/deletion",
  operationId: "cancelMyAccountDeletion",
  summary: "Cancel a scheduled deletion of the caller's account",
  "x-access": signedIn,
  responses: {
    200: json(
      "`cancelled` is false when none was scheduled.",
      z.object({ cancelled: z.boolean() }),
    ),
  },
});

const postAcceptance = defineRoute({
  method: "post",
  path: "/me/policy-acceptance",
  operationId: "acceptPolicy",
  summary: "Accept the privacy policy and terms in force",
  "x-access": signedIn,
  responses: {
    200: json(
      "Recorded: the version and the time.",
      z.object({ acceptance: acceptanceSchema }),
    ),
  },
});

/** Defines /api/me/privacy, export, deletion and policy-acceptance on `api`. */
export function privacyRoutes(api: ApiApp): void {
  api.openapi(getPrivacy, async (c) => {
    const { kv } = c.env;
    const userId = currentUser(c).id;
    return c.json({
      acceptance: await policyAcceptance(kv, userId),
      exports: await listOwnExports(kv, userId),
      deletion: await deletionStatus(kv, userId),
    }, 200);
  });

  api.openapi(postExport, async (c) => {
    try {
      const record = await requestExport(
        c.env.kv,
        currentUser(c).id,
        c.env.meta,
      );
      return c.json({ export: record }, 202);
    } catch (error) {
      if (error instanceof ExportRefusedError) {
        throw new ApiError(
          error.status,
          error.status === 429 ? "rate_limited" : "export_in_progress",
          error.message,
        );
      }
      throw error;
    }
  });

  api.openapi(postDeletion, async (c) => {
    try {
      const request = await requestDeletion(
        c.env.kv,
        currentUser(c).id,
        c.req.valid("json"),
        c.env.meta,
        c.env.state.session?.createdAt,
      );
      writeAuthCookies(c, { session: null });
      return c.json({
        deletion: {
          requestedAt: request.requestedAt,
          eraseAt: request.eraseAt,
        },
      }, 202);
    } catch (error) {
      if (error instanceof DeletionBlockedError) {
        throw new ApiError(409, "deletion_blocked", error.message, {
          blockers: error.blockers.map((blocker) => blocker.message),
        });
      }
      throw error;
    }
  });

  api.openapi(deleteDeletion, async (c) => {
    const cancelled = await cancelDeletion(
      c.env.kv,
      currentUser(c).id,
      c.env.meta,
    );
    return c.json({ cancelled }, 200);
  });

  api.openapi(postAcceptance, async (c) => {
    const acceptance = await acceptPolicy(c.env.kv, currentUser(c).id);
    return c.json({ acceptance }, 200);
  });
}
