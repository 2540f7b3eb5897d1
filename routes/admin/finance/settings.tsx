/**
 * The old address of the platform settings, which now have a page of their
 * own (/admin/settings): reading it redirects for good, and a form still
 * posted here (a page open from before) is sent on with its body (307).
 */
import { define } from "@/web/define.ts";

const NEW_PATH = "/admin/settings";

function moved(url: URL, status: 307 | 308): Response {
  return new Response(null, {
    status,
    headers: { location: `${NEW_PATH}${url.search}` },
  });
}

export const handler = define.handlers({
  GET(_req, ctx) {
    return moved(ctx.url, 308);
  },
  POST(_req, ctx) {
    return moved(ctx.url, 307);
  },
});
