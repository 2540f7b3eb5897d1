/**
 * Messaging between learners and experts: each party's conversations, the
 * history page by page, sending (text, or a file: ./message_files.ts),
 * editing and deleting, read receipts,
 * typing, a learner's pre-booking inquiry, and the expert's block. Every id
 * is checked against the caller: another user's conversation is a 404.
 */
import { z } from "zod";
import { owned, role, signedIn } from "@/auth/policy.ts";
import {
  conversationViewSchema,
  deleteMessage,
  editMessage,
  getOwnConversation,
  listConversations,
  listMessages,
  markRead,
  messageBodySchema,
  messageInputSchema,
  messageViewSchema,
  openConversation,
  sendAttachment,
  sendInquiry,
  sendMessage,
  sendTyping,
  setBlocked,
  toConversationView,
  unreadTotal,
} from "@/services/messaging/mod.ts";
import { attachmentUploadSchema, readMessageUpload } from "./message_files.ts";
import { idSchema, pageQuerySchema } from "@/services/platform/model.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import {
  defineRoute,
  errorDoc,
  idParam,
  json,
  jsonBody,
  noContent,
  rateLimited,
} from "@/api/route.ts";
import { nextCursorSchema } from "@/api/schemas.ts";

const party = owned(
  signedIn,
  "the caller is one of the conversation's two parties",
);
const conversationParams = z.object({
  id: idParam("conversation", "The conversation's id."),
});
const messageParams = conversationParams.extend({
  messageId: idParam("message", "The message's id."),
});
const noSuchConversation = errorDoc(
  "No conversation of the caller's has this id (error: not_found).",
);
const noSuchMessage = errorDoc(
  "No conversation of the caller's has this id, or it has no such message (error: not_found).",
);
const conversation = conversationViewSchema;
const message = messageViewSchema;

const listRoute = defineRoute({
  method: "get",
  path: "/conversations",
  operationId: "listConversations",
  summary: "The caller's conversations, latest activity first",
  "x-access": signedIn,
  request: { query: pageQuerySchema },
  responses: {
    200: json(
      "One page of conversations, and the unread messages over all of them.",
      z.object({
        conversations: z.array(conversation),
        nextCursor: nextCursorSchema,
        unreadTotal: z.number().int().nonnegative(),
      }),
    ),
  },
});

const openRoute = defineRoute({
  method: "post",
  path: "/conversations",
  operationId: "openConversation",
  summary:
    "The conversation with a user you have a booking with (started if need be)",
  "x-access": signedIn,
  request: {
    body: jsonBody(z.object({
      withUserId: idSchema.describe(
        "The other party: the expert of a learner's booking, or the learner of an expert's.",
      ),
    })),
  },
  responses: {
    200: json("The conversation.", z.object({ conversation })),
    404: errorDoc(
      "Not a learner and an expert with a booking between them and no conversation yet (error: not_found); a learner sends an inquiry instead.",
    ),
  },
});

const getRoute = defineRoute({
  method: "get",
  path: "/conversations/{id}",
  operationId: "getConversation",
  summary: "One conversation of the caller's",
  "x-access": party,
  request: { params: conversationParams },
  responses: {
    200: json("The conversation.", z.object({ conversation })),
    404: noSuchConversation,
  },
});

const historyRoute = defineRoute({
  method: "get",
  path: "/conversations/{id}/messages",
  operationId: "listMessages",
  summary: "A conversation's messages, newest first",
  "x-access": party,
  request: { params: conversationParams, query: pageQuerySchema },
  responses: {
    200: json(
      "One page of messages.",
      z.object({ messages: z.array(message), nextCursor: nextCursorSchema }),
    ),
    404: noSuchConversation,
  },
});

const sendRoute = defineRoute({
  method: "post",
  path: "/conversations/{id}/messages",
  operationId: "sendMessage",
  summary: "Send a message, with a file or without",
  description:
    "JSON `{ text }`, or multipart/form-data with the file in `file` (PDF, PNG, JPEG or WebP up to 10 MB, its type read from its bytes; a name or declared type that disagrees is refused) and optional `text`. The file counts in the sender's storage quota. The other party gets a `message.created` event on GET /api/live at once.",
  "x-access": party,
  request: {
    params: conversationParams,
    body: {
      // Not required: a multipart body skips the JSON validator, and its
      // file is read by the handler to say what is wrong with it.
      required: false,
      content: {
        "application/json": { schema: messageBodySchema },
        "multipart/form-data": { schema: attachmentUploadSchema },
      },
    },
  },
  responses: {
    201: json("Sent.", z.object({ message })),
    400: errorDoc(
      "Bad text (details.text), or a file that is missing, empty, over 10 MB, of another type, disguised, over the storage quota or past the hourly upload limit (details.file says which).",
    ),
    404: noSuchConversation,
    409: errorDoc(
      "The caller may not write now: blocked, or a learner's inquiry still waits for the expert's answer; the message says which (error: conflict).",
    ),
  },
});

const editRoute = defineRoute({
  method: "patch",
  path: "/conversations/{id}/messages/{messageId}",
  operationId: "editMessage",
  summary: "Change the text of one's own message (within 15 minutes)",
  "x-access": party,
  request: { params: messageParams, body: jsonBody(messageBodySchema) },
  responses: {
    200: json("The message as it is now.", z.object({ message })),
    404: noSuchMessage,
    409: errorDoc(
      "Not the caller's message, deleted, hidden, or older than 15 minutes (error: conflict).",
    ),
  },
});

const deleteRoute = defineRoute({
  method: "delete",
  path: "/conversations/{id}/messages/{messageId}",
  operationId: "deleteMessage",
  summary: "Delete one's own message (within 15 minutes)",
  description: "Its text and attachment go; the message stays as deleted.",
  "x-access": party,
  request: { params: messageParams },
  responses: {
    200: json("The message as it is now.", z.object({ message })),
    404: noSuchMessage,
    409: errorDoc(
      "Not the caller's message, already deleted, hidden, or older than 15 minutes (error: conflict).",
    ),
  },
});

const readRoute = defineRoute({
  method: "post",
  path: "/conversations/{id}/read",
  operationId: "markConversationRead",
  summary: "Mark the conversation read up to its newest message",
  description:
    "The other party gets a `conversation.read` event (a read receipt).",
  "x-access": party,
  request: { params: conversationParams },
  responses: {
    200: json("The conversation.", z.object({ conversation })),
    404: noSuchConversation,
  },
});

const typingRoute = defineRoute({
  method: "post",
  path: "/conversations/{id}/typing",
  operationId: "sendTyping",
  summary: "Tell the other party the caller is typing",
  description:
    "Not stored: open streams of the other party get a `typing` event. Send at most every few seconds while typing.",
  "x-access": party,
  request: { params: conversationParams },
  responses: { 204: noContent("Sent."), 404: noSuchConversation },
});

const expertOwned = owned(
  role("expert"),
  "the caller is the conversation's expert",
);

const blockRoute = defineRoute({
  method: "put",
  path: "/conversations/{id}/block",
  operationId: "blockLearner",
  summary: "Block the conversation's learner (the expert only)",
  "x-access": expertOwned,
  request: { params: conversationParams },
  responses: {
    200: json("The conversation.", z.object({ conversation })),
    404: noSuchConversation,
  },
});

const unblockRoute = defineRoute({
  method: "delete",
  path: "/conversations/{id}/block",
  operationId: "unblockLearner",
  summary: "Unblock the conversation's learner (the expert only)",
  "x-access": expertOwned,
  request: { params: conversationParams },
  responses: {
    200: json("The conversation.", z.object({ conversation })),
    404: noSuchConversation,
  },
});

const inquiryRoute = defineRoute({
  method: "post",
  path: "/experts/{id}/inquiry",
  operationId: "sendInquiry",
  summary: "A learner's first message to an expert, before booking",
  description:
    "Starts the conversation with a question the expert can answer; the learner writes again once the expert has answered (or once a session is booked). At most 5 new conversations a day.",
  "x-access": role("learner"),
  request: {
    params: z.object({ id: idParam("expert", "The expert's id.") }),
    body: jsonBody(messageInputSchema),
  },
  responses: {
    201: json("The new conversation.", z.object({ conversation })),
    404: errorDoc("No published expert has this id (error: not_found)."),
    409: errorDoc(
      "The learner already has a conversation with this expert (error: conflict).",
    ),
    429: rateLimited("Too many new conversations today"),
  },
});

/** Defines /api/conversations* and /api/experts/{id}/inquiry on `api`. */
export function messagingRoutes(api: ApiApp): void {
  api.openapi(listRoute, async (c) => {
    const userId = currentUser(c).id;
    const page = await listConversations(
      c.env.kv,
      userId,
      c.req.valid("query"),
    );
    return c.json({
      conversations: page.items,
      nextCursor: page.nextCursor,
      unreadTotal: await unreadTotal(c.env.kv, userId),
    }, 200);
  });

  api.openapi(openRoute, async (c) => {
    const user = currentUser(c);
    const found = await openConversation(
      c.env.kv,
      user,
      c.req.valid("json").withUserId,
    );
    return c.json({
      conversation: await toConversationView(c.env.kv, found, user.id),
    }, 200);
  });

  api.openapi(getRoute, async (c) => {
    const userId = currentUser(c).id;
    const { entry } = await getOwnConversation(
      c.env.kv,
      userId,
      c.req.valid("param").id,
    );
    return c.json({
      conversation: await toConversationView(c.env.kv, entry.value, userId),
    }, 200);
  });

  api.openapi(historyRoute, async (c) => {
    const page = await listMessages(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
      c.req.valid("query"),
    );
    return c.json({ messages: page.items, nextCursor: page.nextCursor }, 200);
  });

  api.openapi(sendRoute, async (c) => {
    const userId = currentUser(c).id;
    const { id } = c.req.valid("param");
    const upload = await readMessageUpload(c);
    const sent = upload
      ? await sendAttachment(c.env.kv, userId, id, upload.file, upload.text)
      // Typed loosely: the route's two body types hide the JSON one.
      : await sendMessage(
        c.env.kv,
        userId,
        id,
        c.req.valid("json" as never) as { text?: string },
      );
    return c.json({ message: sent }, 201);
  });

  api.openapi(editRoute, async (c) => {
    const { id, messageId } = c.req.valid("param");
    const edited = await editMessage(
      c.env.kv,
      currentUser(c).id,
      id,
      messageId,
      c.req.valid("json"),
    );
    return c.json({ message: edited }, 200);
  });

  api.openapi(deleteRoute, async (c) => {
    const { id, messageId } = c.req.valid("param");
    const { message: deleted } = await deleteMessage(
      c.env.kv,
      currentUser(c).id,
      id,
      messageId,
    );
    return c.json({ message: deleted }, 200);
  });

  api.openapi(readRoute, async (c) => {
    const read = await markRead(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
    );
    return c.json({ conversation: read }, 200);
  });

  api.openapi(typingRoute, async (c) => {
    await sendTyping(c.env.kv, currentUser(c).id, c.req.valid("param").id);
    return c.body(null, 204);
  });

  for (
    const [route, blocked] of [[blockRoute, true], [
      unblockRoute,
      false,
    ]] as const
  ) {
    api.openapi(route, async (c) => {
      const changed = await setBlocked(
        c.env.kv,
        currentUser(c).id,
        c.req.valid("param").id,
        blocked,
      );
      return c.json({ conversation: changed }, 200);
    });
  }

  api.openapi(inquiryRoute, async (c) => {
    const user = currentUser(c);
    const { conversation: started } = await sendInquiry(
      c.env.kv,
      user,
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({
      conversation: await toConversationView(c.env.kv, started, user.id),
    }, 201);
  });
}
