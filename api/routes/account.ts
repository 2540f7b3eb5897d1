/** The signed-in user's own account: /api/me and its security events. */
import { signedIn } from "@/auth/policy.ts";
import { listSecurityEvents, updateProfile } from "@/services/auth/mod.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { defineRoute, json, jsonBody } from "@/api/route.ts";
import {
  eventsPageSchema,
  pageQuerySchema,
  updateProfileBodySchema,
  userResponseSchema,
} from "@/api/schemas.ts";

const getMe = defineRoute({
  method: "get",
  path: "/me",
  operationId: "getMe",
  summary: "The signed-in user",
  "x-access": signedIn,
  responses: { 200: json("The user.", userResponseSchema) },
});

const updateMe = defineRoute({
  method: "patch",
  path: "/me",
  operationId: "updateMe",
  summary: "Change the name or time zone",
  "x-access": signedIn,
  request: { body: jsonBody(updateProfileBodySchema) },
  responses: { 200: json("Updated.", userResponseSchema) },
});

const myEvents = defineRoute({
  method: "get",
  path: "/me/security-events",
  operationId: "listMySecurityEvents",
  summary: "Security events on the caller's account, newest first",
  "x-access": signedIn,
  request: { query: pageQuerySchema },
  responses: { 200: json("One page of events.", eventsPageSchema) },
});

/** Defines /api/me* on `api`. */
export function accountRoutes(api: ApiApp): void {
  api.openapi(getMe, (c) => c.json({ user: currentUser(c) }, 200));

  api.openapi(updateMe, async (c) => {
    const user = await updateProfile(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json"),
      c.env.meta,
    );
    return c.json({ user }, 200);
  });

  api.openapi(myEvents, async (c) => {
    const result = await listSecurityEvents(c.env.kv, {
      ...c.req.valid("query"),
      userId: currentUser(c).id,
    });
    return c.json(result, 200);
  });
}
