/**
 * Admin tools: users (list, search, suspend, reactivate, change role) and the
 * audit log.
 * The access table allows only admins with 2FA; the flows check again.
 */
import type { Context, Hono } from "hono";
import {
  changeAccountRole,
  reactivateAccount,
  suspendAccount,
} from "@/services/experts/mod.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import type { SecurityEventType } from "@/services/auth/mod.ts";
import { getUser, listUsers } from "@/services/auth/mod.ts";
import { ApiError } from "@/api/errors.ts";
import {
  type ApiContext,
  type ApiEnv,
  currentUser,
  readBody,
  readQuery,
} from "@/api/http.ts";
import {
  adminUsersQuerySchema,
  auditQuerySchema,
  changeRoleBodySchema,
} from "@/api/schemas.ts";

/** The target user, or a 404 naming the id. */
async function targetUser(c: ApiContext, id: string) {
  const user = id.length <= 64 ? await getUser(c.env.kv, id) : null;
  if (!user) {
    throw new ApiError(
      404,
      "not_found",
      `No user with id "${id.slice(0, 64)}".`,
    );
  }
  return user;
}

/**
 * The handler for a change that needs nothing but the target user
 * (suspending, reactivating): answers with the updated user.
 */
function accountStatusChange(
  change: typeof suspendAccount | typeof reactivateAccount,
) {
  return async (c: Context<ApiEnv, "/admin/users/:id">) => {
    const target = await targetUser(c, c.req.param("id"));
    const user = await change(
      c.env.kv,
      currentUser(c).id,
      target.id,
      c.env.meta,
    );
    return c.json({ user });
  };
}

/** Registers /api/admin/* on `api`. */
export function adminRoutes(api: Hono<ApiEnv>): void {
  api.get("/admin/users", async (c) => {
    const query = readQuery(c, adminUsersQuerySchema);
    return c.json(await listUsers(c.env.kv, query));
  });

  api.post("/admin/users/:id/suspend", accountStatusChange(suspendAccount));
  api.post(
    "/admin/users/:id/reactivate",
    accountStatusChange(reactivateAccount),
  );

  api.post("/admin/users/:id/role", async (c) => {
    const target = await targetUser(c, c.req.param("id"));
    const { role } = await readBody(c, changeRoleBodySchema);
    const user = await changeAccountRole(
      c.env.kv,
      currentUser(c).id,
      target.id,
      role,
      c.env.meta,
    );
    return c.json({ user });
  });

  api.get("/admin/audit", async (c) => {
    const { type, ...query } = readQuery(c, auditQuerySchema);
    return c.json(
      await listSecurityEvents(c.env.kv, {
        ...query,
        type: type as SecurityEventType | undefined,
      }),
    );
  });
}
