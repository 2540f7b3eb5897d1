import type { Config } from "./env.ts";
import type { Providers } from "./runtime.ts";
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
 * The clients built once at start that handlers pass to services: the
 * payment processor and the secret box. (Files, email and the clock are
 * reached through the KV handle; see services/platform/providers.ts.)
 */
export type AppProviders = Pick<Providers, "payments" | "secrets">;

/**
 * What the root middleware puts on `ctx.state` for every request. (A type
 * alias, not an interface, so it fits the page layer's `Record<string, unknown>`.)
 */
export type AppState = {
  /** The app's Deno KV handle (one per process; `:memory:` in tests). */
  kv: Deno.Kv;
  /** Absolute origin for canonical URLs, sitemaps and OpenGraph, without a trailing slash. */
  siteUrl: string;
  /** The app's settings (no secrets). */
  config: AppConfig;
  providers: AppProviders;
  /** The signed-in user, from the `tt_session` cookie; `null` when anonymous. */
  user: PublicUser | null;
  /** The session behind `user`; `null` when anonymous. */
  session: SessionInfo | null;
  /** The raw session token from the cookie, for flows that end "every other" session. */
  sessionToken: string | null;
  /** The header bell's unread count and event id, for signed-in pages. */
  notificationBell?: { unread: number; liveSeq: number };
  /** True when a signed-in user has not accepted the terms in force. */
  policyOutdated?: boolean;
};
