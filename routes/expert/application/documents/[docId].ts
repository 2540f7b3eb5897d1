import type { Handlers } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import { getApplicationDocument } from "@/services/applications/mod.ts";
import { fileResponse } from "@/services/storage/mod.ts";

/** Streams one of the signed-in expert's own application documents. */
export const handler: Handlers<unknown, AppState> = {
  async GET(_req, ctx) {
    const found = await getApplicationDocument(
      ctx.state.kv,
      ctx.state.user!.id,
      ctx.params.docId,
    );
    if (!found) return ctx.renderNotFound();
    return fileResponse(found, { filename: found.document.name });
  },
};
