/**
 * Shared set-up for the service tests.
 *
 * Each test gets its own in-memory KV, so tests never see each other's data
 * and can run in parallel. Deno.Kv is Disposable: open it with `using` and it
 * is closed when the test ends, pass or fail, as the resource sanitizer
 * requires.
 */

/** A fresh, empty in-memory KV: `using kv = await openTestKv();`. */
export function openTestKv(): Promise<Deno.Kv> {
  return Deno.openKv(":memory:");
}
