/**
 * Reporting messages and moderating them: either party of a conversation
 * reports a message of the other's (once, with a reason); admins with 2FA
 * work through the queue of reported messages (each with its reports and
 * the messages around it), hide one with a note (audited, the sender is
 * emailed) or dismiss the reports. Suspending the sender is the users
 * tool's POST /api/admin/users/{id}/suspend (with a reason).
 */
import { z } from "zod";
import { adminWithTwoFactor, owned, signedIn } from "@/auth/policy.ts";
import {
  dismissReports,
  hideBodySchema,
  hideMessage,
  listReportQueue,
  reportBodySchema,
  reportedMessageSchema,
  reportMessage,
  reportViewSchema,
} from "@/services/messaging/mod.ts";
import { pageQuerySchema } from "@/services/platform/model.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import {
  defineRoute,
  errorDoc,
  idParam,
  json,
  jsonBody,
  rateLimited,
} from "@/api/route.ts";
import { nextCursorSchema } from "@/api/schemas.ts";

const messageIdParam = idParam("message", "The message's id.");

const reportRoute = defineRoute({
  method: "post",
  path: "/conversations/{id}/messages/{messageId}/report",
  operationId: "reportMessage",
  summary: "Report a message of the other party's to the moderators",
  description:
    "Once per message and person, at most 10 reports an hour. Only admins see the reason; the other party is not told.",
  "x-access": owned(
    signedIn,
    "the caller is one of the conversation's two parties",
  ),
  request: {
    params: z.object({
      id: idParam("conversation", "The conversation's id."),
      messageId: messageIdParam,
    }),
    body: jsonBody(reportBodySchema),
  },
  responses: {
    201: json("Reported.", z.object({ report: reportViewSchema })),
    404: errorDoc(
      "No conversation of the caller's has this id, or it has no such message (error: not_found).",
    ),
    409: errorDoc(
      "The caller's own message, a deleted or hidden one, or already reported by the caller (error: conflict).",
    ),
    429: rateLimited("Too many reports this hour"),
  },
});

const queueRoute = defineRoute({
  method: "get",
  path: "/admin/messages/reports",
  operationId: "adminListReportedMessages",
  summary: "The moderation queue: reported messages waiting for a decision",
  description:
    "Oldest report first; each with its reports, both people, and a few messages before and after it.",
  "x-access": adminWithTwoFactor,
  request: { query: pageQuerySchema },
  responses: {
    200: json(
      "One page of the queue.",
      z.object({
        reports: z.array(reportedMessageSchema),
        nextCursor: nextCursorSchema,
      }),
    ),
  },
});

const adminParams = z.object({ messageId: messageIdParam });
const noSuchReport = errorDoc(
  "Nobody reported a message with this id (error: not_found).",
);

const hideRoute = defineRoute({
  method: "post",
  path: "/admin/messages/{messageId}/hide",
  operationId: "adminHideMessage",
  summary: "Hide a reported message, with a note",
  description:
    'Both parties then see "Hidden by a moderator"; the note goes to the audit log (message_hidden) and to the sender by email.',
  "x-access": adminWithTwoFactor,
  request: { params: adminParams, body: jsonBody(hideBodySchema) },
  responses: {
    200: json(
      "The case as it is now.",
      z.object({ report: reportedMessageSchema }),
    ),
    404: noSuchReport,
    409: errorDoc(
      "Already hidden, or deleted by its sender (error: conflict).",
    ),
  },
});

const dismissRoute = defineRoute({
  method: "post",
  path: "/admin/messages/{messageId}/dismiss",
  operationId: "adminDismissMessageReports",
  summary: "Dismiss the reports of a message: it stays as it is",
  description:
    "Recorded in the audit log (message_reports_dismissed). A new report by someone else opens it again.",
  "x-access": adminWithTwoFactor,
  request: { params: adminParams },
  responses: {
    200: json(
      "The case as it is now.",
      z.object({ report: reportedMessageSchema }),
    ),
    404: noSuchReport,
    409: errorDoc("The reports were already decided (error: conflict)."),
  },
});

/** Defines the report operation and /api/admin/messages* on `api`. */
export function messageModerationRoutes(api: ApiApp): void {
  api.openapi(reportRoute, async (c) => {
    const { id, messageId } = c.req.valid("param");
    const report = await reportMessage(
      c.env.kv,
      currentUser(c).id,
      id,
      messageId,
      c.req.valid("json"),
    );
    return c.json({ report }, 201);
  });

  api.openapi(queueRoute, async (c) => {
    const page = await listReportQueue(c.env.kv, c.req.valid("query"));
    return c.json({ reports: page.items, nextCursor: page.nextCursor }, 200);
  });

  api.openapi(hideRoute, async (c) => {
    const report = await hideMessage(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").messageId,
      c.req.valid("json"),
      c.env.meta,
    );
    return c.json({ report }, 200);
  });

  api.openapi(dismissRoute, async (c) => {
    const report = await dismissReports(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").messageId,
      c.env.meta,
    );
    return c.json({ report }, 200);
  });
}
