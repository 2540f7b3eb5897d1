/**
 * Sending a file with a message, and handing it out again. The file is
 * checked and stored (files.ts) only once the sender may write, and removed
 * with its quota given back if the message then fails to send. It is served
 * to the conversation's two parties while the message stands (not deleted,
 * not hidden), and to admins with two-factor authentication while the
 * message is reported, so they can judge it.
 */
import type { PublicUser } from "@/services/auth/mod.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
} from "@/services/platform/errors.ts";
import { isIdShaped } from "@/services/platform/model.ts";
import { getFileStore, type StoredFile } from "@/services/storage/mod.ts";
import { getOwnConversation, writeRefusal } from "./conversations.ts";
import { discardAttachment, storeAttachment } from "./files.ts";
import { sendMessage } from "./messages.ts";
import {
  type Attachment,
  messageInputSchema,
  type MessageView,
} from "./model.ts";
import { caseKey, getMessageEntry } from "./store.ts";

/**
 * Sends `file` (with optional `text`) into a conversation of the sender's.
 * NotFoundError for anyone else's conversation, ConflictError when the
 * sender may not write now (nothing is uploaded then), ValidationError
 * under `file` for a refused file and under `text` for bad text.
 */
export async function sendAttachment(
  kv: Deno.Kv,
  senderId: string,
  conversationId: string,
  file: Blob & { name?: string },
  text = "",
): Promise<MessageView> {
  const { entry, side } = await getOwnConversation(
    kv,
    senderId,
    conversationId,
  );
  const refusal = await writeRefusal(kv, entry.value, side);
  if (refusal) throw new ConflictError(refusal);
  if (text.trim() !== "") parseInput(messageInputSchema, { text });
  const stored = await storeAttachment(kv, senderId, conversationId, file);
  try {
    return await sendMessage(kv, senderId, conversationId, { text }, stored);
  } catch (error) {
    await discardAttachment(kv, senderId, stored.file);
    throw error;
  }
}

const NO_FILE = "This message has no file you can open.";

/**
 * A message's attachment and its contents for `viewer`: one of the
 * conversation's parties while the message stands, or an admin with
 * two-factor authentication while the message is reported. NotFoundError
 * for everyone else, as if there were nothing.
 */
export async function openAttachment(
  kv: Deno.Kv,
  viewer: Pick<PublicUser, "id" | "role" | "twoFactorEnabled">,
  conversationId: string,
  messageId: string,
): Promise<
  {
    attachment: Attachment;
    found: { file: StoredFile; body: ReadableStream<Uint8Array> };
  }
> {
  if (!isIdShaped(conversationId) || !isIdShaped(messageId)) {
    throw new NotFoundError(NO_FILE);
  }
  const moderator = viewer.role === "admin" && viewer.twoFactorEnabled;
  if (!moderator) await getOwnConversation(kv, viewer.id, conversationId);
  const message = (await getMessageEntry(kv, conversationId, messageId))
    ?.value;
  if (!message?.attachment) throw new NotFoundError(NO_FILE);
  const allowed = moderator
    ? (await kv.get(caseKey(messageId))).versionstamp !== null
    : message.deletedAt === null && message.hidden === null;
  if (!allowed) throw new NotFoundError(NO_FILE);
  const found = await getFileStore(kv).get(message.attachment.fileKey);
  if (!found) throw new NotFoundError(NO_FILE);
  return { attachment: message.attachment, found };
}
