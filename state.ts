/** What the root middleware puts on `ctx.state` for every request. */
export interface AppState {
  /** The app's Deno KV handle (one per process; `:memory:` in tests). */
  kv: Deno.Kv;
  /** Absolute origin for canonical URLs, sitemaps and OpenGraph, without a trailing slash. */
  siteUrl: string;
}
