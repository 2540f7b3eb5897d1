import { define } from "@/web/define.ts";
import { getExpertPhoto } from "@/services/applications/mod.ts";

/** A photo's id changes with every upload, so a public copy never goes stale. */
const PUBLIC_CACHE = "public, max-age=86400, immutable";

/**
 * An expert's photo. Anyone gets the current photo of a published expert
 * (cacheable by browsers and CDNs); the expert and admins also get the photo
 * of an application under review (never cached).
 */
export const handler = define.handlers({
  async GET(_req, ctx) {
    const { kv, user } = ctx.state;
    const { id, photoId } = ctx.params;
    const isOwnerOrAdmin = user !== null &&
      (user.id === id || (user.role === "admin" && user.twoFactorEnabled));
    const published = await getExpertPhoto(kv, id, photoId);
    const found = published ??
      (isOwnerOrAdmin
        ? await getExpertPhoto(kv, id, photoId, { includePrivate: true })
        : null);
    if (!found) return ctx.renderNotFound();
    const headers = new Headers({
      "content-type": found.file.contentType,
      "content-length": String(found.file.size),
      "x-content-type-options": "nosniff",
      "cache-control": published ? PUBLIC_CACHE : "private, no-store",
    });
    if (found.file.sha256) headers.set("etag", `"${found.file.sha256}"`);
    return new Response(found.body, { headers });
  },
});
