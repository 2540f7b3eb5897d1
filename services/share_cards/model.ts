/**
 * What a share card shows. A card is a pure function of its content, so the
 * content's hash names the rendered image: a new headline or price gives a
 * new URL, and an image once served never changes (it is cached for a year).
 */
import { createHash } from "node:crypto";
import { z } from "zod";

/** The size link previews use (Open Graph, X/Twitter `summary_large_image`). */
export const SHARE_CARD_WIDTH = 1200;
export const SHARE_CARD_HEIGHT = 630;

/**
 * Bumped whenever the card's look changes, so every card gets a new URL and
 * caches (ours, CDNs', social networks') let go of the old picture.
 */
export const SHARE_CARD_DESIGN = 2;

export const SHARE_CARD_KINDS = ["site", "expert", "category", "post"] as const;
export type ShareCardKind = typeof SHARE_CARD_KINDS[number];

export const shareCardContentSchema = z.object({
  kind: z.enum(SHARE_CARD_KINDS),
  /** A short word over the title: "Expert", "Category", "Blog". */
  eyebrow: z.string().max(40),
  title: z.string().min(1).max(200),
  subtitle: z.string().max(400).optional(),
  /** Up to three short facts shown as pills: a rating, a price, a date. */
  facts: z.array(z.string().min(1).max(60)).max(3).default([]),
  /** Drawn as a star before the first fact (the rating). */
  firstFactIsRating: z.boolean().optional(),
  /** Two letters in a circle (experts without a photo on the card). */
  initials: z.string().max(3).optional(),
});
export type ShareCardContent = z.input<typeof shareCardContentSchema>;

/** Hex digits of the content hash kept in URLs and storage keys. */
const HASH_LENGTH = 20;

// Pages put their card's URL in every render; the same content keeps its
// hash, so the check and the digest run once per content, not per page.
const hashes = new Map<string, string>();

/**
 * The card's content hash: what names its image. Synchronous so a page can
 * put the image URL in its `<head>` while rendering.
 */
export function shareCardHash(content: ShareCardContent): string {
  const key = JSON.stringify(content);
  let hash = hashes.get(key);
  if (hash === undefined) {
    const parsed = shareCardContentSchema.parse(content);
    hash = createHash("sha256")
      .update(JSON.stringify([SHARE_CARD_DESIGN, parsed]))
      .digest("hex")
      .slice(0, HASH_LENGTH);
    if (hashes.size >= 5_000) hashes.clear();
    hashes.set(key, hash);
  }
  return hash;
}

/** A hash as `shareCardHash` makes them: checked before any lookup. */
export function isShareCardHash(text: string): boolean {
  return text.length === HASH_LENGTH && /^[0-9a-f]+$/.test(text);
}
