import { define } from "@/web/define.ts";
import { servePhoto } from "../[photoId].ts";

/** One processed variant of an expert's photo, e.g. `…/320.webp`. */
export const handler = define.handlers({
  async GET(req, ctx) {
    return await servePhoto(req, ctx, ctx.params.variant);
  },
});
