import type { Handlers } from "../../types.ts";

export const handler: Handlers = {
  GET: (_req, ctx) => ctx.renderNotFound(),
};
