import { isHttpsRequest } from "./auth/request_meta.ts";
import { createApp } from "./framework/server.ts";
import config from "./fresh.config.ts";
import manifest from "./fresh.gen.ts";
import { withSecurityHeaders } from "./middleware/security_headers.ts";
import type { AppState } from "./state.ts";

export interface TapTimeOptions {
  kv: Deno.Kv;
  /** Public origin for canonical links; the request's own origin when absent. */
  siteUrl?: string;
}

/**
 * Builds the whole TapTime web app (pages, API, static files) around one KV
 * handle. `main.ts` serves it; tests call its `fetch` directly.
 */
export function createTapTime(options: TapTimeOptions) {
  const app = createApp(manifest, config, {
    initialState: (req: Request): AppState => ({
      kv: options.kv,
      siteUrl: options.siteUrl ?? new URL(req.url).origin,
      // Filled from the session cookie by routes/_middleware.ts.
      user: null,
      session: null,
      sessionToken: null,
    }),
  });
  return {
    // Applied here rather than in middleware so error pages get them too.
    fetch: async (req: Request, info?: Deno.ServeHandlerInfo) =>
      withSecurityHeaders(await app.fetch(req, info), {
        https: isHttpsRequest(req),
      }),
  };
}
