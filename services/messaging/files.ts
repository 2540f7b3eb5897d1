/**
 * The bytes behind a message's attachment: checked (PDF, PNG, JPEG or WebP
 * up to 10 MB, the type read from the bytes), counted in the sender's
 * storage quota, kept in the file store (services/storage) under the
 * message's key, and given back when the message goes. KV keys: store.ts.
 */
import { newId } from "@/services/platform/kv.ts";
import {
  acceptUpload,
  getFileStore,
  MAX_UPLOAD_BYTES,
  releaseStorage,
  reserveStorage,
} from "@/services/storage/mod.ts";
import type { Attachment } from "./model.ts";
import { messageFileKey } from "./store.ts";

/** What may be attached to a message. */
export const ATTACHMENT_TYPES = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/webp",
] as const;

/** The largest attachment: the one upload limit. */
export const MAX_ATTACHMENT_BYTES = MAX_UPLOAD_BYTES;

/**
 * Checks `file`, reserves its size in `senderId`'s quota and stores it for
 * a message about to be sent; returns the message's id and the attachment.
 * A refused file (ValidationError under `file`: empty, too large, another
 * type, disguised, over the quota or the hourly upload limit) stores nothing.
 */
export async function storeAttachment(
  kv: Deno.Kv,
  senderId: string,
  conversationId: string,
  file: Blob & { name?: string },
): Promise<{ id: string; file: Attachment }> {
  const accepted = await acceptUpload(file, { allowed: ATTACHMENT_TYPES });
  await reserveStorage(kv, senderId, accepted.size);
  const id = newId();
  const fileKey = messageFileKey(conversationId, id);
  try {
    const stored = await getFileStore(kv).put(fileKey, file.stream(), {
      contentType: accepted.contentType,
      size: accepted.size,
    });
    return {
      id,
      file: {
        name: accepted.name,
        contentType: stored.contentType,
        size: stored.size,
        fileKey,
      },
    };
  } catch (error) {
    await releaseStorage(kv, senderId, accepted.size);
    throw error;
  }
}

/**
 * Removes an attachment's file and gives its bytes back to the sender's
 * quota. A file store failure is logged, not thrown: the message is already
 * gone, and a stray file is only storage.
 */
export async function discardAttachment(
  kv: Deno.Kv,
  senderId: string,
  attachment: Attachment,
): Promise<void> {
  try {
    await getFileStore(kv).delete(attachment.fileKey);
  } catch (error) {
    console.error(`Could not delete ${attachment.fileKey}:`, error);
  }
  await releaseStorage(kv, senderId, attachment.size);
}
