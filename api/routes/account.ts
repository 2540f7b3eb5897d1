/** The signed-in user's own account: /api/me and its security events. */
import type { Hono } from "hono";
import { updateProfile } from "@/services/auth/mod.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { type ApiEnv, currentUser, readBody, readQuery } from "@/api/http.ts";
import { pageQuerySchema, updateProfileBodySchema } from "@/api/schemas.ts";

/** Registers /api/me* on `api`. */
export function accountRoutes(api: Hono<ApiEnv>): void {
  api.get("/me", (c) => c.json({ user: currentUser(c) }));

  api.patch("/me", async (c) => {
    const body = await readBody(c, updateProfileBodySchema);
    const user = await updateProfile(
      c.env.kv,
      currentUser(c).id,
      body,
      c.env.meta,
    );
    return c.json({ user });
  });

  api.get("/me/security-events", async (c) => {
    const query = readQuery(c, pageQuerySchema);
    const result = await listSecurityEvents(c.env.kv, {
      ...query,
      userId: currentUser(c).id,
    });
    return c.json(result);
  });
}
