/**
 * The messages of erased accounts: they stay visible to the other party
 * for `deletedAccountMessageRetentionDays` after the erasure, then the
 * retention cron calls `purgeDeletedAccountMessages` with the cutoff.
 */
import { now } from "@/services/platform/clock.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import { conversationIdsOf } from "./holdings.ts";
import { ERASED_MESSAGES } from "./store.ts";

/**
 * Deletes the messages of accounts erased before `cutoff` (the retention
 * cron passes now minus `deletedAccountMessageRetentionDays`): their text
 * and attachments go, the conversation keeps a "deleted" placeholder for the
 * other party. Returns how many messages were purged.
 */
export async function purgeDeletedAccountMessages(
  kv: Deno.Kv,
  cutoff: Date,
): Promise<number> {
  let purged = 0;
  for await (
    const marker of kv.list<string>({
      start: [ERASED_MESSAGES, 0],
      end: [ERASED_MESSAGES, cutoff.getTime()],
    })
  ) {
    const userId = marker.value;
    const store = getFileStore(kv);
    for (const conversationId of await conversationIdsOf(kv, userId)) {
      for await (
        const entry of kv.list<{
          senderId: string;
          text: string;
          deletedAt: string | null;
          attachment: { fileKey: string } | null;
        }>({ prefix: ["messages", conversationId] })
      ) {
        const message = entry.value;
        if (message.senderId !== userId) continue;
        if (message.text === "" && !message.attachment) continue;
        if (message.attachment) await store.delete(message.attachment.fileKey);
        await kv.set(entry.key, {
          ...message,
          text: "",
          attachment: null,
          deletedAt: message.deletedAt ?? now().toISOString(),
        });
        purged++;
      }
    }
    await blankPreviews(kv, userId);
    await kv.delete(marker.key);
  }
  return purged;
}

/** The conversation lists' previews of the purged messages go too. */
async function blankPreviews(kv: Deno.Kv, userId: string): Promise<void> {
  for (const conversationId of await conversationIdsOf(kv, userId)) {
    const key = ["conversations", conversationId];
    const entry = await kv.get<{
      lastMessage: { senderId: string; preview: string } | null;
    }>(key);
    const last = entry.value?.lastMessage;
    if (!last || last.senderId !== userId || last.preview === "") continue;
    // Checked, so a message sent meanwhile is not overwritten.
    await kv.atomic().check(entry).set(key, {
      ...entry.value,
      lastMessage: { ...last, preview: "" },
    }).commit();
  }
}
