import { define } from "@/web/define.ts";
import { getApplicationDocument } from "@/services/applications/mod.ts";
import { fileResponse } from "@/services/storage/mod.ts";

/** Streams an application's document to an admin (the route's rule). */
export const handler = define.handlers({
  async GET(_req, ctx) {
    const found = await getApplicationDocument(
      ctx.state.kv,
      ctx.params.userId,
      ctx.params.docId,
    );
    if (!found) return ctx.renderNotFound();
    return fileResponse(found, { filename: found.document.name });
  },
});
