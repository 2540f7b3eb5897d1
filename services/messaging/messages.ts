/**
 * Messages: sending (into a conversation, or as a learner's one pre-booking
 * inquiry that starts it), editing and deleting within 15 minutes, the
 * history page by page, and typing. Every change is one atomic commit with
 * the conversation (its last message, unread counters, each party's list)
 * and the live events of both parties, so a party's open pages learn of it
 * (realtime/ delivers them).
 */
import { enforceRateLimit, type PublicUser } from "@/services/auth/mod.ts";
import { getPublishedExpert } from "@/services/experts/mod.ts";
import { now } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
} from "@/services/platform/errors.ts";
import {
  type NewLiveEvent,
  publishEvent,
  stageEvents,
} from "@/services/platform/events.ts";
import { newId } from "@/services/platform/kv.ts";
import { isIdShaped } from "@/services/platform/model.ts";
import { notifyNewMessage } from "@/services/notifications/mod.ts";
import { listNewestFirst, type Page } from "@/services/platform/paging.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  getOwnConversation,
  hasBookingBetween,
  newConversation,
  pairOf,
  writeRefusal,
} from "./conversations.ts";
import { discardAttachment } from "./files.ts";
import {
  type Attachment,
  type Conversation,
  EDIT_WINDOW_MS,
  INQUIRIES_PER_DAY,
  type Message,
  type MessageInput,
  messageInputSchema,
  type MessageView,
  otherSide,
  previewOf,
  type Side,
} from "./model.ts";
import {
  getMessageEntry,
  messageKey,
  pairKey,
  partyId,
  unreadKey,
  writeConversation,
} from "./store.ts";

/** A message as the parties see it: deleted and hidden ones without text. */
export function toMessageView(message: Message): MessageView {
  const gone = message.deletedAt !== null || message.hidden !== null;
  return {
    id: message.id,
    conversationId: message.conversationId,
    senderId: message.senderId,
    text: gone ? "" : message.text,
    attachment: gone || !message.attachment ? null : {
      name: message.attachment.name,
      contentType: message.attachment.contentType,
      size: message.attachment.size,
    },
    createdAt: message.createdAt,
    editedAt: message.editedAt,
    deletedAt: message.deletedAt,
    hidden: message.hidden !== null,
  };
}

/** The same event for both parties of a conversation. */
async function stageForBoth(
  kv: Deno.Kv,
  op: Deno.AtomicOperation,
  conversation: Conversation,
  event: NewLiveEvent,
): Promise<void> {
  for (const userId of [conversation.learnerId, conversation.expertId]) {
    await stageEvents(kv, op, userId, [event]);
  }
}

/**
 * Adds a new message of `side` to `op`: the message, the conversation with
 * its last message, unread counts (the recipient's up, the sender's cleared:
 * writing means reading) and lists moved, and the event for both parties.
 * The caller checks `entry` (or the pair key of a new conversation).
 */
async function stageNewMessage(
  kv: Deno.Kv,
  op: Deno.AtomicOperation,
  current: Conversation,
  previous: Conversation | null,
  side: Side,
  message: Message,
): Promise<Conversation> {
  const recipient = otherSide(side);
  const [senderTotal, recipientTotal] = await kv.getMany<number[]>([
    unreadKey(partyId(current, side)),
    unreadKey(partyId(current, recipient)),
  ]);
  const next: Conversation = {
    ...current,
    // The expert's answer opens an inquiry.
    status: side === "expert" ? "open" : current.status,
    activityId: message.id,
    lastMessage: {
      id: message.id,
      senderId: message.senderId,
      preview: previewOf(message.text, message.attachment),
      at: message.createdAt,
    },
    readUpTo: { ...current.readUpTo, [side]: message.id },
    unread: {
      ...current.unread,
      [side]: 0,
      [recipient]: current.unread[recipient] + 1,
    } as Conversation["unread"],
  };
  op.check(senderTotal, recipientTotal)
    .set(messageKey(current.id, message.id), message)
    .set(
      unreadKey(partyId(current, side)),
      Math.max(0, (senderTotal.value ?? 0) - current.unread[side]),
    )
    .set(
      unreadKey(partyId(current, recipient)),
      (recipientTotal.value ?? 0) + 1,
    );
  writeConversation(op, next, previous);
  await stageForBoth(kv, op, current, {
    type: "message.created",
    data: { message: toMessageView(message) },
  });
  return next;
}

function newMessage(
  conversationId: string,
  senderId: string,
  text: string,
  attachment: Attachment | null,
  id = newId(),
): Message {
  return {
    id,
    conversationId,
    senderId,
    text,
    attachment,
    createdAt: now().toISOString(),
    editedAt: null,
    deletedAt: null,
    hidden: null,
  };
}

/**
 * Sends a message into a conversation of the sender's. ConflictError (with
 * the reason) when the sender may not write now; NotFoundError for anyone
 * else's conversation. `attachment` is a file already stored for it.
 */
export async function sendMessage(
  kv: Deno.Kv,
  senderId: string,
  conversationId: string,
  input: MessageInput | { text?: string },
  attachment: { id: string; file: Attachment } | null = null,
): Promise<MessageView> {
  // Someone else's conversation is a 404 whatever the body says.
  await getOwnConversation(kv, senderId, conversationId);
  const text = attachment && (input.text ?? "").trim() === ""
    ? ""
    : parseInput(messageInputSchema, input).text;
  return await untilCommitted(async () => {
    const { entry, side } = await getOwnConversation(
      kv,
      senderId,
      conversationId,
    );
    const refusal = await writeRefusal(kv, entry.value, side);
    if (refusal) throw new ConflictError(refusal);
    const message = newMessage(
      conversationId,
      senderId,
      text,
      attachment?.file ?? null,
      attachment?.id,
    );
    const op = kv.atomic().check(entry);
    let next = entry.value;
    if (
      side === "learner" && next.status === "inquiry" &&
      await hasBookingBetween(kv, next.learnerId, next.expertId)
    ) next = { ...next, status: "open" };
    await stageNewMessage(kv, op, next, entry.value, side, message);
    if (!(await op.commit()).ok) return RETRY;
    await notifyNewMessage(kv, partyId(next, otherSide(side)), message);
    return toMessageView(message);
  });
}

/**
 * A learner's first message to a published expert: starts their
 * conversation (as an inquiry the expert can answer, or open when they have
 * a booking). A learner starts at most INQUIRIES_PER_DAY a day
 * (RateLimitedError); ConflictError when they already have a conversation.
 */
export async function sendInquiry(
  kv: Deno.Kv,
  learner: Pick<PublicUser, "id" | "role">,
  expertId: string,
  input: MessageInput,
): Promise<{ conversation: Conversation; message: MessageView }> {
  const { text } = parseInput(messageInputSchema, input);
  const expert = isIdShaped(expertId)
    ? await getPublishedExpert(kv, expertId)
    : null;
  const pair = expert &&
    learner.role === "learner" && await pairOf(kv, learner, expert.id);
  if (!pair) throw new NotFoundError("There is no expert with this id.");
  const taken = (await kv.get<string>(pairKey(pair.learnerId, pair.expertId)))
    .value;
  if (taken) {
    throw new ConflictError(
      "You already have a conversation with this expert; continue it there.",
    );
  }
  const booked = await hasBookingBetween(kv, pair.learnerId, pair.expertId);
  await enforceRateLimit(kv, {
    bucket: "messaging_inquiry",
    limit: INQUIRIES_PER_DAY,
    windowSeconds: 24 * 60 * 60,
  }, learner.id);
  const conversation = newConversation(
    pair.learnerId,
    pair.expertId,
    booked ? "open" : "inquiry",
  );
  const message = newMessage(conversation.id, learner.id, text, null);
  const op = kv.atomic()
    .check({ key: pairKey(pair.learnerId, pair.expertId), versionstamp: null })
    .set(pairKey(pair.learnerId, pair.expertId), conversation.id);
  const next = await stageNewMessage(
    kv,
    op,
    conversation,
    null,
    "learner",
    message,
  );
  if (!(await op.commit()).ok) {
    throw new ConflictError(
      "You already have a conversation with this expert; continue it there.",
    );
  }
  await notifyNewMessage(kv, pair.expertId, message);
  return { conversation: next, message: toMessageView(message) };
}

/** The sender's own message, still within its edit window. */
async function ownRecentMessage(
  kv: Deno.Kv,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<
  { conversation: Conversation; entry: Deno.KvEntry<Message>; side: Side }
> {
  const { entry: conversation, side } = await getOwnConversation(
    kv,
    userId,
    conversationId,
  );
  const entry = isIdShaped(messageId)
    ? await getMessageEntry(kv, conversationId, messageId)
    : null;
  if (!entry) throw new NotFoundError("This conversation has no such message.");
  const message = entry.value;
  if (message.senderId !== userId) {
    throw new ConflictError("You can only change your own messages.");
  }
  if (message.deletedAt) throw new ConflictError("This message was deleted.");
  if (message.hidden) {
    throw new ConflictError(
      "A moderator hid this message; it can't be changed.",
    );
  }
  if (now().getTime() - Date.parse(message.createdAt) > EDIT_WINDOW_MS) {
    throw new ConflictError(
      "Messages can be changed for 15 minutes after sending; this one can't any more.",
    );
  }
  return { conversation: conversation.value, entry, side };
}

/** Changes the text of one's own message within 15 minutes of sending it. */
export async function editMessage(
  kv: Deno.Kv,
  userId: string,
  conversationId: string,
  messageId: string,
  input: MessageInput | { text?: string },
): Promise<MessageView> {
  await ownRecentMessage(kv, userId, conversationId, messageId);
  const { text } = parseInput(messageInputSchema, input);
  return await untilCommitted(async () => {
    const { conversation, entry } = await ownRecentMessage(
      kv,
      userId,
      conversationId,
      messageId,
    );
    const next = { ...entry.value, text, editedAt: now().toISOString() };
    const op = kv.atomic().check(entry).set(entry.key, next);
    await stageForBoth(kv, op, conversation, {
      type: "message.updated",
      data: { message: toMessageView(next) },
    });
    return (await op.commit()).ok ? toMessageView(next) : RETRY;
  });
}

/**
 * Deletes one's own message within 15 minutes of sending it: its text and
 * attachment go (the file is removed and its bytes given back to the
 * sender's quota); a placeholder stays so replies keep their context.
 * `fileKey` names the removed file, if there was one.
 */
export async function deleteMessage(
  kv: Deno.Kv,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<{ message: MessageView; fileKey: string | null }> {
  const deleted = await untilCommitted(async () => {
    const { conversation, entry } = await ownRecentMessage(
      kv,
      userId,
      conversationId,
      messageId,
    );
    const next: Message = {
      ...entry.value,
      text: "",
      attachment: null,
      deletedAt: now().toISOString(),
    };
    const op = kv.atomic().check(entry).set(entry.key, next);
    await stageForBoth(kv, op, conversation, {
      type: "message.deleted",
      data: { message: toMessageView(next) },
    });
    return (await op.commit()).ok
      ? { message: toMessageView(next), attachment: entry.value.attachment }
      : RETRY;
  });
  if (deleted.attachment) {
    await discardAttachment(kv, userId, deleted.attachment);
  }
  return {
    message: deleted.message,
    fileKey: deleted.attachment?.fileKey ?? null,
  };
}

/** A page of the conversation's messages, newest first. */
export async function listMessages(
  kv: Deno.Kv,
  userId: string,
  conversationId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<Page<MessageView>> {
  await getOwnConversation(kv, userId, conversationId);
  return await listNewestFirst<Message, MessageView>(
    kv,
    ["messages", conversationId],
    options,
    (entry) => toMessageView(entry.value),
  );
}

/** A message of a conversation of the caller's (for its attachment). */
export async function getOwnMessage(
  kv: Deno.Kv,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<Message> {
  await getOwnConversation(kv, userId, conversationId);
  const entry = isIdShaped(messageId)
    ? await getMessageEntry(kv, conversationId, messageId)
    : null;
  if (!entry) throw new NotFoundError("This conversation has no such message.");
  return entry.value;
}

/** Tells the other party the caller is typing (not stored; seconds only). */
export async function sendTyping(
  kv: Deno.Kv,
  userId: string,
  conversationId: string,
): Promise<void> {
  const { entry, side } = await getOwnConversation(
    kv,
    userId,
    conversationId,
  );
  if (await writeRefusal(kv, entry.value, side)) return;
  await publishEvent(kv, partyId(entry.value, otherSide(side)), {
    type: "typing",
    data: { conversationId, userId },
    ephemeral: true,
  });
}
