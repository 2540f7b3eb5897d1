/**
 * Rendered cards, kept in file storage under their content hash, so each is
 * drawn once per content (not once per process or request) and every
 * process, and every deployment, serves the same bytes.
 *
 * A card drawn for new content replaces its subject's previous one, which
 * is deleted: its URL only redirects to the new card, so the file would be
 * kept for nothing (and an old card shows an old name and headline). When
 * an account is erased, its card goes too (`forgetShareCard`).
 *
 * Storage keys
 *   share-cards/<hash>.png   the card whose content hashes to <hash>
 * KV keys
 *   ["share_card_current", kind, id] → hash   the subject's latest drawn card
 */
import { getFileStore } from "@/services/storage/mod.ts";
import {
  type ShareCardContent,
  shareCardHash,
  type ShareCardKind,
} from "./model.ts";
import { renderShareCard } from "./render.ts";

const KEY_PREFIX = "share-cards";

function storageKey(hash: string): string {
  return `${KEY_PREFIX}/${hash}.png`;
}

/** A card's image, ready to serve. */
export interface ShareCardImage {
  hash: string;
  size: number;
  body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>;
}

/** Renders in flight in this process, so a burst of crawlers draws a card once. */
const rendering = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

const currentKey = (kind: ShareCardKind, id: string): Deno.KvKey => [
  "share_card_current",
  kind,
  id,
];

/**
 * The PNG of the card with `content`, the card of subject `id` (an expert,
 * a category, a post): from storage when it was drawn before, else drawn
 * now and stored for next time, in place of the subject's previous card.
 */
export async function shareCardImage(
  kv: Deno.Kv,
  content: ShareCardContent,
  id: string,
): Promise<ShareCardImage> {
  const hash = shareCardHash(content);
  const store = getFileStore(kv);
  const stored = await store.get(storageKey(hash));
  if (stored) return { hash, size: stored.file.size, body: stored.body };

  let pending = rendering.get(hash);
  if (!pending) {
    pending = (async () => {
      const png = await renderShareCard(content);
      await store.put(storageKey(hash), png, {
        contentType: "image/png",
        size: png.byteLength,
      });
      await replaceCurrent(kv, content.kind, id, hash);
      return png;
    })().finally(() => rendering.delete(hash));
    rendering.set(hash, pending);
  }
  const png = await pending;
  return { hash, size: png.byteLength, body: png };
}

/**
 * Makes `hash` the subject's card and deletes the one it replaces. Two
 * processes drawing at once: the one whose check fails leaves the files
 * alone. A deleted file still asked for is drawn again, so a mistake here
 * costs a render, never a broken image.
 */
async function replaceCurrent(
  kv: Deno.Kv,
  kind: ShareCardKind,
  id: string,
  hash: string,
): Promise<void> {
  const key = currentKey(kind, id);
  const previous = await kv.get<string>(key);
  if (previous.value === hash) return;
  const { ok } = await kv.atomic().check(previous).set(key, hash).commit();
  if (ok && previous.value) {
    await getFileStore(kv).delete(storageKey(previous.value));
  }
}

/** Deletes the subject's card, if one was drawn (an erased account's). */
export async function forgetShareCard(
  kv: Deno.Kv,
  kind: ShareCardKind,
  id: string,
): Promise<void> {
  const key = currentKey(kind, id);
  const current = await kv.get<string>(key);
  if (current.value === null) return;
  await getFileStore(kv).delete(storageKey(current.value));
  await kv.atomic().check(current).delete(key).commit();
}
