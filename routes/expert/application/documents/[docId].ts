import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { getApplicationDocument } from "@/services/applications/mod.ts";
import { fileResponse } from "@/services/storage/mod.ts";

/** Streams one of the signed-in expert's own application documents. */
export const handler = define.handlers({
  async GET(_req, ctx) {
    const found = await getApplicationDocument(
      ctx.state.kv,
      requireUser(ctx.state).id,
      ctx.params.docId,
    );
    if (!found) return ctx.renderNotFound();
    return fileResponse(found, { filename: found.document.name });
  },
});
