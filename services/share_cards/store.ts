/**
 * Rendered cards, kept in file storage under their content hash, so each is
 * drawn once per content (not once per process or request) and every
 * process, and every deployment, serves the same bytes.
 *
 * Storage keys
 *   share-cards/<hash>.png   the card whose content hashes to <hash>
 */
import { getFileStore } from "@/services/storage/mod.ts";
import { type ShareCardContent, shareCardHash } from "./model.ts";
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

/**
 * The PNG of the card with `content`: from storage when it was drawn
 * before, else drawn now and stored for next time.
 */
export async function shareCardImage(
  kv: Deno.Kv,
  content: ShareCardContent,
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
      return png;
    })().finally(() => rendering.delete(hash));
    rendering.set(hash, pending);
  }
  const png = await pending;
  return { hash, size: png.byteLength, body: png };
}
