/**
 * Blog post images, public: each URL names its content (a hash), so the
 * response may be cached for a year.
 */
import { define } from "@/web/define.ts";
import { getBlogImage } from "@/services/content/mod.ts";
import { immutableFileResponse } from "@/services/storage/mod.ts";

export const handler = define.handlers({
  async GET(req, ctx) {
    const found = await getBlogImage(ctx.state.kv, ctx.params.file);
    if (!found) return ctx.renderNotFound();
    return immutableFileResponse(found, req.headers.get("if-none-match"));
  },
});
