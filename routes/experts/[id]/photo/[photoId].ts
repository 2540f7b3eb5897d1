import type { FreshContext } from "@/framework/mod.ts";
import type { AppState } from "@/state.ts";
import { define } from "@/web/define.ts";
import { getExpertPhoto } from "@/services/applications/mod.ts";
import { fileResponse, immutableFileResponse } from "@/services/storage/mod.ts";

/**
 * An expert's photo (`/experts/<id>/photo/<photoId>`, the 640 px JPEG) or
 * one of its variants (`…/<photoId>/<width>.<format>`, the route beside
 * this one). Anyone gets the current photo of a published expert: its id
 * changes with its content, so it is cached for a year and revalidated by
 * ETag. The expert and admins also get the photo of an application under
 * review (never cached).
 */
export const handler = define.handlers({
  async GET(req, ctx) {
    return await servePhoto(req, ctx, undefined);
  },
});

/** The photo or `variant` of it, as the rules above say; 404 otherwise. */
export async function servePhoto(
  req: Request,
  ctx: FreshContext<AppState>,
  variant: string | undefined,
): Promise<Response> {
  const { kv, user } = ctx.state;
  const { id, photoId } = ctx.params;
  const isOwnerOrAdmin = user !== null &&
    (user.id === id || (user.role === "admin" && user.twoFactorEnabled));
  const published = await getExpertPhoto(kv, id, photoId, { variant });
  if (published) {
    return immutableFileResponse(published, req.headers.get("if-none-match"));
  }
  const own = isOwnerOrAdmin
    ? await getExpertPhoto(kv, id, photoId, { includePrivate: true, variant })
    : null;
  return own ? fileResponse(own) : ctx.renderNotFound();
}
