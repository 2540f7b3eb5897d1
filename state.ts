/**
 * What the root middleware puts on `ctx.state` for every request. (A type
 * alias, not an interface, so it fits the page layer's `Record<string, unknown>`.)
 */
export type AppState = {
  /** The app's Deno KV handle (one per process; `:memory:` in tests). */
  kv: Deno.Kv;
  /** Absolute origin for canonical URLs, sitemaps and OpenGraph, without a trailing slash. */
  siteUrl: string;
};
