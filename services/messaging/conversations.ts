/**
 * Conversations: finding or starting the one of a learner–expert pair, who
 * may write in it, each party's list with unread counts, reading (receipts),
 * and the expert's block.
 */
import { markConversationNoticeRead } from "@/services/notifications/mod.ts";
import { getUser, type PublicUser } from "@/services/auth/mod.ts";
import { listBookings } from "@/services/bookings/mod.ts";
import { now } from "@/services/platform/clock.ts";
import { ConflictError, NotFoundError } from "@/services/platform/errors.ts";
import { stageEvents } from "@/services/platform/events.ts";
import { newId } from "@/services/platform/kv.ts";
import { isIdShaped } from "@/services/platform/model.ts";
import { listNewestFirst, type Page } from "@/services/platform/paging.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  type Conversation,
  type ConversationView,
  otherSide,
  type Side,
  sideOf,
} from "./model.ts";
import {
  activityPrefix,
  getConversationEntry,
  pairKey,
  partyId,
  unreadKey,
  writeConversation,
} from "./store.ts";

const NO_CONVERSATION = "You have no conversation with this id.";

/** True when the learner has (or had) a booking with the expert, in any state. */
export async function hasBookingBetween(
  kv: Deno.Kv,
  learnerId: string,
  expertId: string,
): Promise<boolean> {
  for (const when of ["upcoming", "past"] as const) {
    let cursor: string | undefined;
    do {
      const page = await listBookings(kv, learnerId, {
        as: "learner",
        when,
        cursor,
        limit: 100,
      });
      if (page.items.some((booking) => booking.expertId === expertId)) {
        return true;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return false;
}

/** The learner and expert of a pair `viewer` and `otherId` would form, or null. */
export async function pairOf(
  kv: Deno.Kv,
  viewer: Pick<PublicUser, "id" | "role">,
  otherId: string,
): Promise<{ learnerId: string; expertId: string } | null> {
  if (!isIdShaped(otherId) || otherId === viewer.id) return null;
  const other = await getUser(kv, otherId);
  if (!other) return null;
  if (viewer.role === "learner" && other.role === "expert") {
    return { learnerId: viewer.id, expertId: other.id };
  }
  if (viewer.role === "expert" && other.role === "learner") {
    return { learnerId: other.id, expertId: viewer.id };
  }
  return null;
}

/** The pair's conversation, if it exists. */
export async function findConversation(
  kv: Deno.Kv,
  learnerId: string,
  expertId: string,
): Promise<Conversation | null> {
  const id = (await kv.get<string>(pairKey(learnerId, expertId))).value;
  return id ? (await getConversationEntry(kv, id))?.value ?? null : null;
}

/** A new conversation record of a pair (not yet written). */
export function newConversation(
  learnerId: string,
  expertId: string,
  status: Conversation["status"],
): Conversation {
  const id = newId();
  return {
    id,
    learnerId,
    expertId,
    status,
    createdAt: now().toISOString(),
    activityId: id,
    lastMessage: null,
    readUpTo: { learner: null, expert: null },
    unread: { learner: 0, expert: 0 },
    blockedAt: null,
  };
}

/**
 * The conversation between `viewer` and `otherId`, started if need be: a
 * learner and an expert with a booking between them may always talk.
 * NotFoundError when they are not such a pair or have no booking and no
 * conversation (a learner then sends an inquiry instead).
 */
export async function openConversation(
  kv: Deno.Kv,
  viewer: Pick<PublicUser, "id" | "role">,
  otherId: string,
): Promise<Conversation> {
  const pair = await pairOf(kv, viewer, otherId);
  if (!pair) throw new NotFoundError("There is nobody to write to here.");
  const existing = await findConversation(kv, pair.learnerId, pair.expertId);
  if (existing) return existing;
  if (!await hasBookingBetween(kv, pair.learnerId, pair.expertId)) {
    throw new NotFoundError(
      "You can write to each other once a session is booked.",
    );
  }
  const created = newConversation(pair.learnerId, pair.expertId, "open");
  const op = kv.atomic()
    .check({ key: pairKey(pair.learnerId, pair.expertId), versionstamp: null })
    .set(pairKey(pair.learnerId, pair.expertId), created.id);
  writeConversation(op, created, null);
  const result = await op.commit();
  if (result.ok) return created;
  // Started by the other party at the same moment: theirs is the one.
  const theirs = await findConversation(kv, pair.learnerId, pair.expertId);
  if (!theirs) throw new ConflictError("Try again in a moment.");
  return theirs;
}

/** The conversation and the caller's side in it; NotFoundError for anyone else. */
export async function getOwnConversation(
  kv: Deno.Kv,
  userId: string,
  conversationId: string,
): Promise<{ entry: Deno.KvEntry<Conversation>; side: Side }> {
  const entry = isIdShaped(conversationId)
    ? await getConversationEntry(kv, conversationId)
    : null;
  const side = entry && sideOf(entry.value, userId);
  if (!entry || !side) throw new NotFoundError(NO_CONVERSATION);
  return { entry, side };
}

/**
 * Why `side` may not write in `conversation` now, or null. A learner's
 * inquiry waits for the expert's answer unless a booking came since.
 */
export async function writeRefusal(
  kv: Deno.Kv,
  conversation: Conversation,
  side: Side,
): Promise<string | null> {
  if (conversation.blockedAt) {
    return side === "expert"
      ? "You blocked this learner; unblock them to write."
      : "This expert does not take messages from you.";
  }
  if (
    side === "learner" && conversation.status === "inquiry" &&
    !await hasBookingBetween(kv, conversation.learnerId, conversation.expertId)
  ) {
    return "You sent your question; you can write again once the expert answers or you book a session.";
  }
  return null;
}

/** `conversation` as `userId` sees it. */
export async function toConversationView(
  kv: Deno.Kv,
  conversation: Conversation,
  userId: string,
): Promise<ConversationView> {
  const side = sideOf(conversation, userId)!;
  const otherId = partyId(conversation, otherSide(side));
  const other = await getUser(kv, otherId);
  const refusal = await writeRefusal(kv, conversation, side);
  return {
    id: conversation.id,
    status: conversation.status,
    learnerId: conversation.learnerId,
    expertId: conversation.expertId,
    other: {
      id: otherId,
      name: other?.name ?? "Former member",
      role: other?.role ?? otherSide(side),
    },
    lastMessage: conversation.lastMessage,
    unread: conversation.unread[side],
    otherReadUpTo: conversation.readUpTo[otherSide(side)],
    blocked: conversation.blockedAt !== null,
    canWrite: refusal === null,
    writeBlockedReason: refusal,
  };
}

/** The user's conversations with at least one message, newest activity first. */
export async function listConversations(
  kv: Deno.Kv,
  userId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<Page<ConversationView>> {
  return await listNewestFirst<string, ConversationView>(
    kv,
    activityPrefix(userId),
    options,
    async (entry) => {
      const conversation = (await getConversationEntry(kv, entry.value))
        ?.value;
      if (!conversation?.lastMessage) return null;
      return await toConversationView(kv, conversation, userId);
    },
  );
}

/** Unread messages over all of the user's conversations. */
export async function unreadTotal(
  kv: Deno.Kv,
  userId: string,
): Promise<number> {
  return (await kv.get<number>(unreadKey(userId))).value ?? 0;
}

/**
 * Marks the conversation read up to its newest message for the caller and
 * tells the other party (read receipts). Nothing changes when already read.
 */
export async function markRead(
  kv: Deno.Kv,
  userId: string,
  conversationId: string,
): Promise<ConversationView> {
  const conversation = await untilCommitted(async () => {
    const { entry, side } = await getOwnConversation(
      kv,
      userId,
      conversationId,
    );
    const current = entry.value;
    const upTo = current.lastMessage?.id ?? null;
    if (current.readUpTo[side] === upTo && current.unread[side] === 0) {
      return current;
    }
    const total = await kv.get<number>(unreadKey(userId));
    const next: Conversation = {
      ...current,
      readUpTo: { ...current.readUpTo, [side]: upTo },
      unread: { ...current.unread, [side]: 0 },
    };
    const op = kv.atomic().check(entry, total)
      .set(
        unreadKey(userId),
        Math.max(0, (total.value ?? 0) - current.unread[side]),
      );
    writeConversation(op, next, current);
    await stageEvents(kv, op, partyId(current, otherSide(side)), [{
      type: "conversation.read",
      data: { conversationId, readerId: userId, upTo },
    }]);
    return (await op.commit()).ok ? next : RETRY;
  });
  await markConversationNoticeRead(kv, userId, conversationId);
  return await toConversationView(kv, conversation, userId);
}

/** The expert blocks (or unblocks) the learner of a conversation. */
export async function setBlocked(
  kv: Deno.Kv,
  expertId: string,
  conversationId: string,
  blocked: boolean,
): Promise<ConversationView> {
  const conversation = await untilCommitted(async () => {
    const { entry, side } = await getOwnConversation(
      kv,
      expertId,
      conversationId,
    );
    if (side !== "expert") {
      throw new ConflictError("Only the expert of a conversation can block.");
    }
    const current = entry.value;
    if ((current.blockedAt !== null) === blocked) return current;
    const next = {
      ...current,
      blockedAt: blocked ? now().toISOString() : null,
    };
    const op = kv.atomic().check(entry);
    writeConversation(op, next, current);
    await stageEvents(kv, op, current.learnerId, [{
      type: "conversation.updated",
      data: { conversationId },
    }]);
    return (await op.commit()).ok ? next : RETRY;
  });
  return await toConversationView(kv, conversation, expertId);
}
