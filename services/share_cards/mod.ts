/**
 * Share cards: the 1200×630 pictures link previews show (Open Graph and
 * X/Twitter), one per expert, category and blog post and one for the site.
 * Pages name a card by its content hash (`shareCardHash`) while rendering;
 * the image route draws it on first request (`shareCardImage`) and serves it
 * as immutable, since new content means a new hash and so a new URL.
 */
export {
  isShareCardHash,
  SHARE_CARD_DESIGN,
  SHARE_CARD_HEIGHT,
  SHARE_CARD_KINDS,
  SHARE_CARD_WIDTH,
  type ShareCardContent,
  shareCardContentSchema,
  shareCardHash,
  type ShareCardKind,
} from "./model.ts";
export { clip, renderShareCard } from "./render.ts";
export {
  forgetShareCard,
  type ShareCardImage,
  shareCardImage,
} from "./store.ts";
