/**
 * What producers call: `notify` tells a user something in the app (when they
 * want that kind there), and `notifyNewMessage` does so for a message and
 * arranges the unread-messages digest email. Both run after the producer's
 * change committed and never throw: the change happened, and a lost
 * notification must not turn it into an error.
 */
import { getUser } from "@/services/auth/mod.ts";
import { scheduleMessageDigest } from "./digest.ts";
import {
  type NewNotification,
  newNotificationSchema,
  type Notification,
} from "./model.ts";
import { wantsEmail, wantsInApp } from "./preferences.ts";
import {
  createNotification,
  groupNotificationId,
  markIdsRead,
} from "./store.ts";

/**
 * Adds a notification for `userId` (and publishes it live) unless they
 * turned its kind off in the app. Returns it, or null when not stored.
 */
export async function notify(
  kv: Deno.Kv,
  userId: string,
  input: NewNotification,
): Promise<Notification | null> {
  try {
    const parsed = newNotificationSchema.parse(input);
    if (!(await wantsInApp(kv, userId, parsed.type))) return null;
    return (await createNotification(kv, userId, parsed)).notification;
  } catch (error) {
    console.error(`Could not notify user ${userId} (${input.type}):`, error);
    return null;
  }
}

/** How much of a message the notification shows. */
const PREVIEW_LENGTH = 140;

/** A message, as its notification needs it. */
export interface NewMessageNotice {
  conversationId: string;
  senderId: string;
  text: string;
}

/**
 * Tells `recipientId` about a new message: one unread notification per
 * conversation (a newer message replaces it), and, when they want messages
 * by email, the digest scheduled at the first unread message of a quiet
 * period (digest.ts).
 */
export async function notifyNewMessage(
  kv: Deno.Kv,
  recipientId: string,
  message: NewMessageNotice,
): Promise<void> {
  try {
    const sender = await getUser(kv, message.senderId);
    const senderName = sender?.name ?? "a former member";
    const text = message.text.trim().replace(/\s+/g, " ");
    await notify(kv, recipientId, {
      type: "new_message",
      title: `New message from ${senderName}`,
      body: text.length > PREVIEW_LENGTH
        ? `${text.slice(0, PREVIEW_LENGTH - 1).trimEnd()}…`
        : text || "An attachment",
      link: `/messages/${message.conversationId}`,
      group: conversationGroup(message.conversationId),
    });
    if (await wantsEmail(kv, recipientId, "new_message")) {
      await scheduleMessageDigest(kv, recipientId, senderName);
    }
  } catch (error) {
    console.error(`Could not notify user ${recipientId} of a message:`, error);
  }
}

/** One conversation's new-message notifications replace each other. */
function conversationGroup(conversationId: string): string {
  return `conversation:${conversationId}`;
}

/**
 * Marks read the new-message notification of a conversation the user has
 * just read there, so the bell does not ask them to read it twice.
 */
export async function markConversationNoticeRead(
  kv: Deno.Kv,
  userId: string,
  conversationId: string,
): Promise<void> {
  try {
    const id = await groupNotificationId(
      kv,
      userId,
      conversationGroup(conversationId),
    );
    if (id) await markIdsRead(kv, userId, [id]);
  } catch (error) {
    console.error(`Could not clear a message notice for ${userId}:`, error);
  }
}
