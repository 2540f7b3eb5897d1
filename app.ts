/**
 * The TapTime web app (pages, API, static files) around one started runtime:
 * its KV handle (with the providers bound to it) and its configuration.
 * `main.ts` serves it; tests call its `fetch` directly.
 */
import { isHttpsRequest } from "./auth/request_meta.ts";
import type { Config } from "./env.ts";
import { createApp } from "./framework/server.ts";
import freshConfig from "./fresh.config.ts";
import manifest from "./fresh.gen.ts";
import { withCacheHeaders } from "./middleware/cache_headers.ts";
import { createSharedPageCache } from "./middleware/page_cache.ts";
import { withSecurityHeaders } from "./middleware/security_headers.ts";
import { getSocialLoginClients } from "./services/social_login/mod.ts";
import type { Runtime } from "./runtime.ts";
import type { AppConfig, AppState } from "./state.ts";

/** What the app needs from the runtime (main.ts passes the whole of it). */
export type TapTimeOptions = Pick<Runtime, "kv" | "config" | "providers"> & {
  /**
   * The address the server listens on, once it does: links in emails use it
   * when no PUBLIC_URL is set (development), never the request's Host header.
   */
  listenOrigin?: () => string | undefined;
};

/** The part of the configuration pages and the API see. */
function appConfig(config: Config): AppConfig {
  return {
    production: config.production,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
  };
}

/** Builds the whole TapTime web app around one KV handle and its config. */
export function createTapTime(options: TapTimeOptions) {
  const config = appConfig(options.config);
  const https = (req: Request) => isHttpsRequest(req, config.trustProxy);
  const app = createApp(manifest, freshConfig, {
    pageCache: createSharedPageCache(
      options.kv,
      options.config.pageCacheBytes,
      { https },
    ),
    // Every response, error pages included; kept pages get them once.
    finish: (req, response) =>
      withSecurityHeaders(withCacheHeaders(req, response), {
        https: https(req),
        formActions: getSocialLoginClients(options.kv).signInOrigins,
      }),
    initialState: (req: Request): AppState => ({
      kv: options.kv,
      siteUrl: config.publicUrl ?? options.listenOrigin?.() ??
        new URL(req.url).origin,
      config,
      providers: {
        payments: options.providers.payments,
        secrets: options.providers.secrets,
      },
      // Filled from the session cookie by routes/_middleware.ts.
      user: null,
      session: null,
      sessionToken: null,
    }),
  });
  return { fetch: app.fetch };
}
