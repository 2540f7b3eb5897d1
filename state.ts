import type { Config } from "./env.ts";
import type { PublicUser, SessionInfo } from "./services/auth/mod.ts";

/**
 * The settings pages and the API may read, from the configuration main.ts
 * loaded (env.ts). Secrets (keys, passwords) stay out of request state.
 */
export type AppConfig = Pick<
  Config,
  "production" | "trustProxy" | "publicUrl"
>;

/**
 * What the root middleware puts on `ctx.state` for every request. (A type
 * alias, not an interface, so it fits the page layer's `Record<string, unknown>`.)
 */
export type AppState = {
  /** The app's Deno KV handle (one per process; `:memory:` in tests). */
  kv: Deno.Kv;
  /** Absolute origin for canonical URLs, sitemaps and OpenGraph, without a trailing slash. */
  siteUrl: string;
  /**
   * The app's settings. Always set by createTapTime; optional only so
   * hand-built states (API unit tests) may leave it out, meaning the
   * development defaults (not production, no trusted proxy).
   */
  config?: AppConfig;
  /** The signed-in user, from the `tt_session` cookie; `null` when anonymous. */
  user: PublicUser | null;
  /** The session behind `user`; `null` when anonymous. */
  session: SessionInfo | null;
  /** The raw session token from the cookie, for flows that end "every other" session. */
  sessionToken: string | null;
};
