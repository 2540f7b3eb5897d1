/**
 * The signed-in user's notifications and the channels they want for each
 * kind: /api/notifications and /api/notification-preferences. Ids in a
 * "mark read" body are the caller's own by construction: another user's id
 * names nothing of theirs and is skipped.
 */
import { z } from "zod";
import { signedIn } from "@/auth/policy.ts";
import {
  getPreferences,
  listNotifications,
  markNotificationsRead,
  markReadInputSchema,
  MAX_READ_IDS,
  notificationViewSchema,
  preferencesInputSchema,
  preferencesStateSchema,
  setPreferences,
  unreadNotificationCount,
} from "@/services/notifications/mod.ts";
import { pageQuerySchema } from "@/services/platform/model.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc, json, jsonBody } from "@/api/route.ts";
import { nextCursorSchema } from "@/api/schemas.ts";

const unreadSchema = z.number().int().nonnegative().describe(
  "How many of the caller's notifications are unread.",
);

const listRoute = defineRoute({
  method: "get",
  path: "/notifications",
  operationId: "listNotifications",
  summary: "The caller's notifications, newest first",
  description:
    "Kept 90 days. Each new one also arrives on GET /api/live as a `notification` event (`{ notification, unread }`); marking read sends `notification.read` (`{ ids, unread }`).",
  "x-access": signedIn,
  request: { query: pageQuerySchema },
  responses: {
    200: json(
      "One page of notifications, and the unread count.",
      z.object({
        notifications: z.array(notificationViewSchema),
        nextCursor: nextCursorSchema,
        unread: unreadSchema,
      }),
    ),
  },
});

const readRoute = defineRoute({
  method: "post",
  path: "/notifications/read",
  operationId: "markNotificationsRead",
  summary: "Mark notifications read: some ids, or all",
  description:
    `\`{ "ids": [...] }\` (1 to ${MAX_READ_IDS}; ids that are not the caller's, or already read, are skipped) or \`{ "all": true }\`.`,
  "x-access": signedIn,
  request: {
    body: jsonBody(markReadInputSchema),
  },
  responses: {
    200: json(
      "Done; the unread count after.",
      z.object({ unread: unreadSchema }),
    ),
  },
});

const getPreferencesRoute = defineRoute({
  method: "get",
  path: "/notification-preferences",
  operationId: "getNotificationPreferences",
  summary: "Which channels the caller wants for each kind of notification",
  "x-access": signedIn,
  responses: {
    200: json(
      "Every kind's channels: in the app, by email, by text (reminders only).",
      preferencesStateSchema,
    ),
  },
});

const putPreferencesRoute = defineRoute({
  method: "put",
  path: "/notification-preferences",
  operationId: "setNotificationPreferences",
  summary: "Change the channels of some kinds of notification",
  description:
    "Send `{ preferences: { <kind>: { inApp?, email?, sms? } } }`; kinds and channels left out stay as they are (GET's answer can be sent back as is). `sms` is only for `booking_reminder` and is the same switch as PATCH /api/me/phone's `smsReminders`.",
  "x-access": signedIn,
  request: {
    body: jsonBody(z.object({ preferences: preferencesInputSchema })),
  },
  responses: {
    200: json("Saved; every kind's channels now.", preferencesStateSchema),
    409: errorDoc(
      "Reminder texts can only be turned on with a verified mobile number (error: phone_not_verified).",
    ),
  },
});

/** Defines /api/notifications* and /api/notification-preferences on `api`. */
export function notificationRoutes(api: ApiApp): void {
  api.openapi(listRoute, async (c) => {
    const userId = currentUser(c).id;
    const page = await listNotifications(
      c.env.kv,
      userId,
      c.req.valid("query"),
    );
    return c.json({
      notifications: page.items,
      nextCursor: page.nextCursor,
      unread: await unreadNotificationCount(c.env.kv, userId),
    }, 200);
  });

  api.openapi(readRoute, async (c) => {
    const result = await markNotificationsRead(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json"),
    );
    return c.json(result, 200);
  });

  api.openapi(getPreferencesRoute, async (c) => {
    return c.json(await getPreferences(c.env.kv, currentUser(c).id), 200);
  });

  api.openapi(putPreferencesRoute, async (c) => {
    const state = await setPreferences(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json").preferences,
    );
    return c.json(state, 200);
  });
}
