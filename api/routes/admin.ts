/**
 * Admin tools: users (list, search, suspend, reactivate, change role) and the
 * audit log. Only admins with 2FA get here; the flows check again.
 */
import { z } from "zod";
import { adminWithTwoFactor } from "@/auth/policy.ts";
import { switchAccountRole } from "@/services/applications/mod.ts";
import { reactivateAccount, suspendAccount } from "@/services/experts/mod.ts";
import { getUser, listSecurityEvents, listUsers } from "@/services/auth/mod.ts";
import { ApiError } from "@/api/errors.ts";
import { type ApiApp, type ApiContext, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc, idParam, json, jsonBody } from "@/api/route.ts";
import {
  adminUsersQuerySchema,
  auditQuerySchema,
  changeRoleBodySchema,
  eventsPageSchema,
  userResponseSchema,
  usersPageSchema,
} from "@/api/schemas.ts";

const userParams = z.object({ id: idParam("user", "The user's id.") });
const noSuchUser = errorDoc("No user has this id.");
const ownAccount = errorDoc(
  "The caller's own account: its status never changes through this tool (error: conflict).",
);

const listUsersRoute = defineRoute({
  method: "get",
  path: "/admin/users",
  operationId: "adminListUsers",
  summary: "List and search users",
  "x-access": adminWithTwoFactor,
  request: { query: adminUsersQuerySchema },
  responses: { 200: json("One page of users, newest first.", usersPageSchema) },
});

/** Why an account is suspended: recorded in the audit log and emailed. */
const suspendBodySchema = z.object({
  reason: z.string().optional().describe(
    "Why (1–1000 characters): recorded in the user_suspended event and emailed to the person.",
  ),
});

/** A change of the target user's status (suspend also takes a reason). */
function statusChange(
  action: "suspend" | "reactivate",
  operationId: string,
  summary: string,
) {
  return defineRoute({
    method: "post",
    path: `/admin/users/{id}/${action}`,
    operationId,
    summary,
    "x-access": adminWithTwoFactor,
    request: {
      params: userParams,
      ...(action === "suspend"
        ? {
          body: {
            required: false,
            content: { "application/json": { schema: suspendBodySchema } },
          },
        }
        : {}),
    },
    responses: {
      200: json("The user as it is now.", userResponseSchema),
      404: noSuchUser,
      409: ownAccount,
    },
  });
}

const suspend = statusChange(
  "suspend",
  "adminSuspendUser",
  "Suspend a user: their sessions end at once and logins fail",
);
const reactivate = statusChange(
  "reactivate",
  "adminReactivateUser",
  "Lift a suspension",
);

const changeRole = defineRoute({
  method: "post",
  path: "/admin/users/{id}/role",
  operationId: "adminChangeUserRole",
  summary:
    "Move a user between learner and expert: their sessions end at once (a privilege change) and a role_changed event is logged",
  description:
    "An expert made a learner loses their public profile: it is unpublished first, as an admin decision (in the application's history and the audit log, and emailed to the expert). Made an expert again, the profile stays hidden until an admin republishes it.",
  "x-access": adminWithTwoFactor,
  request: { params: userParams, body: jsonBody(changeRoleBodySchema) },
  responses: {
    200: json("The role is now the one asked for.", userResponseSchema),
    404: noSuchUser,
    409: errorDoc(
      "The user is an admin, or is the caller: admin roles never change through this tool (error: conflict).",
    ),
  },
});

const audit = defineRoute({
  method: "get",
  path: "/admin/audit",
  operationId: "adminAuditLog",
  summary: "Browse the security audit log, newest first",
  "x-access": adminWithTwoFactor,
  request: { query: auditQuerySchema },
  responses: { 200: json("One page of events.", eventsPageSchema) },
});

/** The target user, or a 404 naming the id. */
async function targetUser(c: ApiContext, id: string) {
  const user = await getUser(c.env.kv, id);
  if (!user) throw new ApiError(404, "not_found", `No user with id "${id}".`);
  return user;
}

/** The suspension's reason from an optional JSON body. */
async function readReason(c: ApiContext): Promise<string | undefined> {
  if (!(c.req.header("content-type") ?? "").includes("application/json")) {
    return undefined;
  }
  const parsed = suspendBodySchema.safeParse(
    await c.req.json().catch(() => null),
  );
  if (!parsed.success) {
    throw new ApiError(400, "validation_error", "The body is invalid.", {
      reason: ["Send the reason as a string."],
    });
  }
  return parsed.data.reason;
}

/** Defines /api/admin/users* and /api/admin/audit on `api`. */
export function adminRoutes(api: ApiApp): void {
  api.openapi(listUsersRoute, async (c) => {
    return c.json(await listUsers(c.env.kv, c.req.valid("query")), 200);
  });

  for (
    const [route, change] of [
      [suspend, suspendAccount],
      [reactivate, reactivateAccount],
    ] as const
  ) {
    api.openapi(route, async (c) => {
      const target = await targetUser(c, c.req.valid("param").id);
      const actorId = currentUser(c).id;
      const user = change === suspendAccount
        ? await suspendAccount(
          c.env.kv,
          actorId,
          target.id,
          c.env.meta,
          await readReason(c),
        )
        : await change(c.env.kv, actorId, target.id, c.env.meta);
      return c.json({ user }, 200);
    });
  }

  api.openapi(changeRole, async (c) => {
    const target = await targetUser(c, c.req.valid("param").id);
    const user = await switchAccountRole(
      c.env.kv,
      currentUser(c).id,
      target.id,
      c.req.valid("json").role,
      c.env.meta,
    );
    return c.json({ user }, 200);
  });

  api.openapi(audit, async (c) => {
    return c.json(
      await listSecurityEvents(c.env.kv, c.req.valid("query")),
      200,
    );
  });
}
