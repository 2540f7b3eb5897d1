/**
 * GET /api/live: the signed-in user's event stream (Server-Sent Events).
 * The stream itself is realtime/'s; this declares the operation and hands
 * the request over.
 */
import { z } from "zod";
import { signedIn } from "@/auth/policy.ts";
import { openLiveStream } from "@/realtime/stream.ts";
import { type ApiApp, currentToken, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc } from "@/api/route.ts";
import { ApiError } from "@/api/errors.ts";

const liveRoute = defineRoute({
  method: "get",
  path: "/live",
  operationId: "openEventStream",
  summary: "The signed-in user's live events (Server-Sent Events)",
  description:
    "Request it with `Accept: text/event-stream` (EventSource does). Each numbered event has an `id:`; a reconnect sends `Last-Event-ID` (or `?lastEventId=`) and gets what it missed, kept for 7 days, or a `resync` event when that is gone. Types: `message.created`, `message.updated`, `message.deleted`, `conversation.read`, `notification` and `notification.read` (`{ unread }`, the bell's count), `call.signal` (a call's offer, answer, ICE candidate or hang-up, kept 2 minutes), `typing` (not numbered, never replayed), `resync`, and `end` (`{ reason }`: `session_ended` or `replaced`; do not reconnect). A comment line comes every 15 seconds; the stream ends when the session does.",
  "x-access": signedIn,
  request: {
    query: z.object({
      lastEventId: z.string().max(20).optional().describe(
        "Resume after this event id (as the Last-Event-ID header does).",
      ),
    }),
  },
  responses: {
    200: {
      description: "The event stream; it stays open.",
      content: { "text/event-stream": { schema: z.string() } },
    },
    406: errorDoc(
      "The request does not accept text/event-stream (error: not_acceptable).",
    ),
  },
});

/** Defines /api/live on `api`. */
export function liveRoutes(api: ApiApp): void {
  api.openapi(liveRoute, async (c) => {
    const user = currentUser(c);
    const opened = await openLiveStream(c.env.kv, {
      userId: user.id,
      sessionToken: currentToken(c),
      accept: c.req.header("accept"),
      lastEventIdHeader: c.req.header("last-event-id"),
      lastEventIdQuery: c.req.valid("query").lastEventId,
    });
    if (opened === "not_acceptable") {
      return c.json({
        error: "not_acceptable",
        message:
          "This is an event stream: send Accept: text/event-stream (EventSource does).",
      }, 406);
    }
    if (opened === "bad_resume") {
      throw new ApiError(
        400,
        "validation_error",
        "Last-Event-ID must be an event id this stream sent.",
        { lastEventId: ["Use the id of the last event you received."] },
      );
    }
    return c.body(opened, 200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "private, no-store, no-transform",
      "x-accel-buffering": "no",
    });
  });
}
