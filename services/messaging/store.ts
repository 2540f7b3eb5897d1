/**
 * Conversations and messages in Deno KV.
 *
 * KV keys
 *   ["conversations", conversationId]                       → Conversation (id: ULID)
 *   ["conversation_pairs", learnerId, expertId]             → conversationId
 *                                 one conversation per pair: created with a
 *                                 check that this key is empty
 *   ["conversation_activity", userId, activityId, conversationId] → conversationId
 *                                 each party's list, newest activity first
 *                                 (activityId: the newest message's ULID);
 *                                 moved in the same atomic as each message
 *   ["messages", conversationId, messageId]                 → Message (id: ULID)
 *   ["messaging_unread", userId]                            → number
 *                                 unread messages over all the user's
 *                                 conversations, for the header badge
 *   ["message_files", conversationId, messageId]            file store key of
 *                                 an attachment (in the FileStore, not KV)
 *
 * Every write that changes a conversation checks the conversation's
 * versionstamp and the unread counters it changes, and retries on conflict
 * (services/platform/retry.ts), so counters never drift.
 */
import type { Conversation, Message, Side } from "./model.ts";

export const CONVERSATIONS = "conversations";
export const MESSAGES = "messages";

export const conversationKey = (id: string): Deno.KvKey => [CONVERSATIONS, id];
export const pairKey = (learnerId: string, expertId: string): Deno.KvKey => [
  "conversation_pairs",
  learnerId,
  expertId,
];
export const activityPrefix = (userId: string): Deno.KvKey => [
  "conversation_activity",
  userId,
];
export const messageKey = (
  conversationId: string,
  messageId: string,
): Deno.KvKey => [MESSAGES, conversationId, messageId];
export const unreadKey = (userId: string): Deno.KvKey => [
  "messaging_unread",
  userId,
];
/** Where an attachment's bytes live in the file store. */
export const messageFileKey = (conversationId: string, messageId: string) =>
  `message_files/${conversationId}/${messageId}`;

export async function getConversationEntry(
  kv: Deno.Kv,
  id: string,
): Promise<Deno.KvEntry<Conversation> | null> {
  const entry = await kv.get<Conversation>(conversationKey(id));
  return entry.versionstamp === null
    ? null
    : entry as Deno.KvEntry<Conversation>;
}

export async function getMessageEntry(
  kv: Deno.Kv,
  conversationId: string,
  messageId: string,
): Promise<Deno.KvEntry<Message> | null> {
  const entry = await kv.get<Message>(messageKey(conversationId, messageId));
  return entry.versionstamp === null ? null : entry as Deno.KvEntry<Message>;
}

/**
 * Adds `next` to `op` with each party's list entry moved from `previous`'s
 * activity to `next`'s.
 */
export function writeConversation(
  op: Deno.AtomicOperation,
  next: Conversation,
  previous: Conversation | null,
): void {
  op.set(conversationKey(next.id), next);
  for (const userId of [next.learnerId, next.expertId]) {
    if (previous && previous.activityId !== next.activityId) {
      op.delete([...activityPrefix(userId), previous.activityId, next.id]);
    }
    op.set([...activityPrefix(userId), next.activityId, next.id], next.id);
  }
}

/** The user id of `side` in `conversation`. */
export function partyId(conversation: Conversation, side: Side): string {
  return side === "learner" ? conversation.learnerId : conversation.expertId;
}

/*
 * Reports and moderation (reports.ts, moderation.ts)
 *   ["message_reports", messageId, reporterId]   → MessageReport
 *                                 one per reporter per message: written with
 *                                 a check that the key is empty
 *   ["message_cases", messageId]                 → ModerationCase
 *                                 the reported message's state for admins
 *                                 (open, hidden, dismissed)
 *   ["message_case_queue", openedId, messageId]  → messageId
 *                                 open cases, oldest first (openedId: a ULID
 *                                 taken when the case (re)opens); removed in
 *                                 the same atomic as the decision
 */
export const reportKey = (
  messageId: string,
  reporterId: string,
): Deno.KvKey => ["message_reports", messageId, reporterId];
export const reportsPrefix = (messageId: string): Deno.KvKey => [
  "message_reports",
  messageId,
];
export const caseKey = (messageId: string): Deno.KvKey => [
  "message_cases",
  messageId,
];
export const QUEUE = "message_case_queue";
export const queueKey = (openedId: string, messageId: string): Deno.KvKey => [
  QUEUE,
  openedId,
  messageId,
];
