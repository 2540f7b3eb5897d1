import type { Handlers } from "../framework/types.ts";
import type { AppState } from "../state.ts";

/** Everything public may be crawled; the sitemap lists what is there. */
export const handler: Handlers<unknown, AppState> = {
  GET(_req, ctx) {
    const body = [
      "User-agent: *",
      "Allow: /",
      "",
      `Sitemap: ${ctx.state.siteUrl}/sitemap.xml`,
      "",
    ].join("\n");
    return new Response(body, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "public, max-age=3600",
      },
    });
  },
};
