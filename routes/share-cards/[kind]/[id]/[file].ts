import { define } from "@/web/define.ts";
import {
  isShareCardHash,
  shareCardHash,
  shareCardImage,
} from "@/services/share_cards/mod.ts";
import { loadShareCardContent, shareCardPath } from "@/web/share_cards.ts";
import { SHARE_CARD_KINDS } from "@/services/share_cards/mod.ts";

/** A year: the URL names the content, so the bytes behind it never change. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** Old card URLs point at the current card; briefly, as it may change again. */
const MOVED = "public, max-age=300";

/**
 * A share card, `/share-cards/<kind>/<id>/<hash>.png`: drawn on first
 * request, then served from storage. Only the card the page would name now
 * is drawn: an outdated hash is redirected to the current one, so nobody can
 * make the server draw (and store) arbitrary cards.
 */
export const handler = define.handlers({
  async GET(req, ctx) {
    const { kind, id, file } = ctx.params;
    const hash = /^([0-9a-f]+)\.png$/.exec(file)?.[1];
    if (
      !hash || !isShareCardHash(hash) ||
      !(SHARE_CARD_KINDS as readonly string[]).includes(kind)
    ) {
      return notFound();
    }
    const etag = `"${hash}"`;
    // The hash is the content: a cache holding it holds the current card.
    if (ifNoneMatch(req, etag)) {
      return new Response(null, {
        status: 304,
        headers: { etag, "cache-control": IMMUTABLE },
      });
    }

    const content = await loadShareCardContent(ctx.state.kv, kind, id);
    if (!content) return notFound();
    if (shareCardHash(content) !== hash) {
      return new Response(null, {
        status: 302,
        headers: {
          location: shareCardPath(content.kind, id, content),
          "cache-control": MOVED,
        },
      });
    }
    const image = await shareCardImage(ctx.state.kv, content, id);
    return new Response(image.body, {
      headers: {
        "content-type": "image/png",
        "content-length": String(image.size),
        "cache-control": IMMUTABLE,
        etag,
      },
    });
  },
});

function ifNoneMatch(req: Request, etag: string): boolean {
  const header = req.headers.get("if-none-match");
  if (!header) return false;
  return header.trim() === "*" ||
    header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

function notFound(): Response {
  return new Response("There is no share card at this address.", {
    status: 404,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "public, max-age=60",
    },
  });
}
