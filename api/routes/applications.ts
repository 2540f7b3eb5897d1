/**
 * The admin review queue: list applications, open one (with its offerings
 * and documents), decide (approve, reject, request changes), and unpublish
 * or republish an approved expert. Only admins with 2FA get here; documents
 * are streamed from here to admins and never publicly.
 */
import { z } from "zod";
import { adminWithTwoFactor } from "@/auth/policy.ts";
import {
  type ApplicationView,
  approveApplication,
  getApplication,
  listApplications,
  rejectApplication,
  republishExpert,
  requestChanges,
  unpublishExpert,
} from "@/services/applications/mod.ts";
import {
  getUser,
  publicUserSchema,
  type RequestMeta,
} from "@/services/auth/mod.ts";
import { listOfferings } from "@/services/offerings/mod.ts";
import {
  applicationListQuerySchema,
  applicationResponseSchema,
  applicationSchema,
  applicationsPageSchema,
  offeringSchema,
  optionalNoteBodySchema,
  requiredNoteBodySchema,
} from "@/api/expert_schemas.ts";
import { type ApiApp, type ApiContext, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc, idParam, json, jsonBody } from "@/api/route.ts";
import {
  documentDownload,
  fileDownload,
  publicApplication,
} from "./expert_application.ts";

/**
 * The applicant of one application: with whether their email address is
 * confirmed, which approval requires. Null when the account is gone.
 */
const reviewedApplicantSchema = publicUserSchema.pick({
  name: true,
  email: true,
  emailVerified: true,
}).nullable();

const applicantId = idParam(
  "application",
  "The expert's user id (also their public profile id).",
);

const queue = defineRoute({
  method: "get",
  path: "/admin/applications",
  operationId: "adminListApplications",
  summary: "The review queue: applications in one status",
  "x-access": adminWithTwoFactor,
  request: { query: applicationListQuerySchema },
  responses: {
    200: json("One page, longest waiting first.", applicationsPageSchema),
  },
});

const openRoute = defineRoute({
  method: "get",
  path: "/admin/applications/{userId}",
  operationId: "adminGetApplication",
  summary: "One application, with the applicant and their offerings",
  "x-access": adminWithTwoFactor,
  request: { params: z.object({ userId: applicantId }) },
  responses: {
    200: json(
      "The application.",
      z.object({
        application: applicationSchema,
        applicant: reviewedApplicantSchema,
        offerings: z.array(offeringSchema),
      }),
    ),
    404: errorDoc("No expert account has this id."),
  },
});

const documentRoute = defineRoute({
  method: "get",
  path: "/admin/applications/{userId}/documents/{docId}",
  operationId: "adminDownloadApplicationDocument",
  summary: "Download a document of an application",
  "x-access": adminWithTwoFactor,
  request: {
    params: z.object({
      userId: applicantId,
      docId: idParam("document", "A document id from the application."),
    }),
  },
  responses: {
    200: fileDownload,
    404: errorDoc("No such document on this application."),
  },
});

const decisionParams = z.object({ userId: applicantId });

/** Approving and republishing: the note is optional, so the body may be left out. */
const optionalNote = { ...jsonBody(optionalNoteBodySchema), required: false };
/** Rejecting, asking for changes and unpublishing: the note says why. */
const requiredNote = jsonBody(requiredNoteBodySchema);

/** A review decision's operation: all they share, with `body` for the note. */
function decisionRoute<
  const Body extends typeof optionalNote | typeof requiredNote,
>(path: string, operationId: string, summary: string, body: Body) {
  return defineRoute({
    method: "post",
    path,
    operationId,
    summary,
    description:
      "Emails the expert and records an audit event. The body is { note }" +
      (body.required
        ? " (required)."
        : " (optional; the body may be left out)."),
    "x-access": adminWithTwoFactor,
    request: { params: decisionParams, body },
    responses: {
      200: json(
        "Decided; the application as it is now.",
        applicationResponseSchema,
      ),
      404: errorDoc("No expert application for this user id."),
      409: errorDoc(
        "The application (or expert) is not in a state this decision applies to, or another admin decided first (error: conflict).",
      ),
    },
  });
}

const WITH_OPTIONAL_NOTE = [
  [
    decisionRoute(
      "/admin/applications/{userId}/approve",
      "adminApproveApplication",
      "Approve a pending application: the profile is published at once",
      optionalNote,
    ),
    approveApplication,
  ],
  [
    decisionRoute(
      "/admin/experts/{userId}/republish",
      "adminRepublishExpert",
      "Show an unpublished expert again",
      optionalNote,
    ),
    republishExpert,
  ],
] as const;

const WITH_REQUIRED_NOTE = [
  [
    decisionRoute(
      "/admin/applications/{userId}/reject",
      "adminRejectApplication",
      "Reject a pending application (the profile stays private)",
      requiredNote,
    ),
    rejectApplication,
  ],
  [
    decisionRoute(
      "/admin/applications/{userId}/request-changes",
      "adminRequestChanges",
      "Send a pending application back to the expert for changes",
      requiredNote,
    ),
    requestChanges,
  ],
  [
    decisionRoute(
      "/admin/experts/{userId}/unpublish",
      "adminUnpublishExpert",
      "Hide an approved expert from every listing at once",
      requiredNote,
    ),
    unpublishExpert,
  ],
] as const;

/**
 * Makes the decision `decide` on `userId` as the calling admin and answers
 * with the application. Generic over the note's type, so each list of
 * decisions above keeps its own body type.
 */
async function decided<Input>(
  c: ApiContext,
  decide: (
    kv: Deno.Kv,
    adminId: string,
    userId: string,
    input: Input,
    meta: RequestMeta,
  ) => Promise<ApplicationView>,
  userId: string,
  input: Input,
) {
  const application = await decide(
    c.env.kv,
    currentUser(c).id,
    userId,
    input,
    c.env.meta,
  );
  return c.json({ application: publicApplication(application) }, 200);
}

/** Defines /api/admin/applications* and /api/admin/experts/* on `api`. */
export function applicationReviewRoutes(api: ApiApp): void {
  api.openapi(queue, async (c) => {
    const result = await listApplications(c.env.kv, c.req.valid("query"));
    return c.json({
      applications: result.applications.map((item) => ({
        ...publicApplication(item),
        applicant: item.applicant,
      })),
      nextCursor: result.nextCursor,
    }, 200);
  });

  api.openapi(openRoute, async (c) => {
    const { userId } = c.req.valid("param");
    const application = await getApplication(c.env.kv, userId);
    const user = await getUser(c.env.kv, userId);
    const offerings = await listOfferings(c.env.kv, userId);
    return c.json({
      application: publicApplication(application),
      applicant: user
        ? {
          name: user.name,
          email: user.email,
          emailVerified: user.emailVerified,
        }
        : null,
      offerings,
    }, 200);
  });

  api.openapi(documentRoute, async (c) => {
    const { userId, docId } = c.req.valid("param");
    return await documentDownload(c.env.kv, userId, docId);
  });

  for (const [route, decide] of WITH_OPTIONAL_NOTE) {
    api.openapi(
      route,
      (c) =>
        decided(c, decide, c.req.valid("param").userId, c.req.valid("json")),
    );
  }
  for (const [route, decide] of WITH_REQUIRED_NOTE) {
    api.openapi(
      route,
      (c) =>
        decided(c, decide, c.req.valid("param").userId, c.req.valid("json")),
    );
  }
}
