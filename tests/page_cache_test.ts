/**
 * The shared page cache, through the app's fetch handler: signed-out public
 * pages are rendered once per URL and public-data version, a store write
 * makes them fresh at once in its process and within a second in another
 * process on the same KV file, and nothing personal is ever shared: signed-in
 * visitors and responses that set cookies always render per request. Also
 * the validators and Cache-Control of each kind of response.
 */
import { expect } from "expect";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createTapTime } from "@/app.ts";
import { SESSION_COOKIE } from "@/auth/cookies.ts";
import {
  SHARED_PAGE_CACHE_CONTROL,
  sharedPagePolicy,
} from "@/middleware/page_cache.ts";
import { refreshNextFree } from "@/services/experts/mod.ts";
import { bumpPublicVersion } from "@/services/platform/public_version.ts";
import { openTestKv } from "./support/kv.ts";
import {
  createCategory,
  getCategory,
  updateCategory,
} from "@/services/categories/mod.ts";
import { openKv } from "@/services/platform/kv.ts";
import { startRuntime } from "@/runtime.ts";
import { createAuthTestApp, signUp } from "./support/auth.ts";
import { createTestApp, type TestApp } from "./support/helpers.ts";
import { testConfig } from "./support/runtime.ts";

const ORIGIN = "http://localhost:8000";

function get(
  app: Pick<TestApp, "fetch">,
  path: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return app.fetch(new Request(ORIGIN + path, { headers }));
}

async function text(app: Pick<TestApp, "fetch">, path: string) {
  return await (await get(app, path)).text();
}

Deno.test("a signed-out page is kept per data version; a store write shows at once", async () => {
  await using app = await createTestApp({ seed: false });
  await createCategory(app.kv, {
    id: "cooking",
    name: "Cooking",
    icon: "salad",
  });
  const first = await get(app, "/categories/cooking");
  expect(first.status).toBe(200);
  expect(first.headers.get("cache-control")).toBe(SHARED_PAGE_CACHE_CONTROL);
  expect(first.headers.get("vary")).toBe("Accept-Encoding, Cookie");
  const etag = first.headers.get("etag");
  expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
  expect(await first.text()).toContain("Cooking");

  // A write that skips the stores bumps no version: the kept page is served.
  const stored = await getCategory(app.kv, "cooking");
  await app.kv.set(["categories", "cooking"], { ...stored, name: "Quietly" });
  const kept = await get(app, "/categories/cooking");
  expect(kept.headers.get("etag")).toBe(etag);
  expect(await kept.text()).not.toContain("Quietly");

  // Through the store, the version moves and the next request renders anew.
  await updateCategory(app.kv, "cooking", { name: "Baking" });
  const fresh = await text(app, "/categories/cooking");
  expect(fresh).toContain("Baking");
  // Other URLs (and the query string) are other entries.
  expect(await text(app, "/categories/cooking?x=1")).toContain("Baking");
});

Deno.test("a write from another process on the same KV file shows within a second", async () => {
  const dir = await Deno.makeTempDir({ prefix: "page-cache-" });
  const path = `${dir}/taptime.kv`;
  try {
    const runtime = await startRuntime(testConfig({ KV_PATH: path }), {
      kv: await openKv(path),
    });
    await using _ = runtime;
    const app = createTapTime(runtime);
    await createCategory(runtime.kv, {
      id: "music",
      name: "Music",
      icon: "music",
    });
    expect(await text(app, "/categories/music")).toContain("Music");

    const script = `
      import { updateCategory } from "@/services/categories/mod.ts";
      const kv = await Deno.openKv(${JSON.stringify(path)});
      await updateCategory(kv, "music", { name: "Jazz" });
      kv.close();`;
    const writer = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--unstable-kv", script],
      cwd: new URL("..", import.meta.url),
      stdout: "null",
      stderr: "piped",
    }).output();
    expect(new TextDecoder().decode(writer.stderr)).toBe("");
    const written = performance.now();
    let seenAfter = Infinity;
    while (performance.now() - written < 3_000) {
      if ((await text(app, "/categories/music")).includes("Jazz")) {
        seenAfter = performance.now() - written;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seenAfter).toBeLessThan(1_200);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ETag and If-None-Match give 304; Brotli and gzip bodies are the same page", async () => {
  await using app = await createTestApp();
  const plain = await get(app, "/experts");
  const html = await plain.text();
  const etag = plain.headers.get("etag")!;
  const notModified = await get(app, "/experts", { "if-none-match": etag });
  expect(notModified.status).toBe(304);
  expect(await notModified.text()).toBe("");
  expect(notModified.headers.get("cache-control")).toBe(
    SHARED_PAGE_CACHE_CONTROL,
  );

  for (const encoding of ["br", "gzip"] as const) {
    const response = await get(app, "/experts", {
      "accept-encoding": encoding === "br" ? "gzip, deflate, br" : "gzip",
    });
    expect(response.headers.get("content-encoding")).toBe(encoding);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Number(response.headers.get("content-length"))).toBe(
      bytes.byteLength,
    );
    const decoded = new TextDecoder().decode(
      encoding === "br" ? brotliDecompressSync(bytes) : gunzipSync(bytes),
    );
    expect(decoded).toBe(html);
    const encodedEtag = response.headers.get("etag")!;
    expect(encodedEtag).not.toBe(etag);
    const again = await get(app, "/experts", {
      "accept-encoding": encoding,
      "if-none-match": encodedEtag,
    });
    expect(again.status).toBe(304);
  }
  const head = await app.fetch(
    new Request(ORIGIN + "/experts", { method: "HEAD" }),
  );
  expect(head.status).toBe(200);
  expect(head.headers.get("etag")).toBe(etag);
  expect(await head.text()).toBe("");
});

Deno.test("signed-in visitors never get a shared page, and their pages are private, no-store", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  // Warm the shared copy first.
  const shared = await get(app, "/");
  await shared.body?.cancel();
  const mine = await learner.request("/");
  expect(mine.headers.get("cache-control")).toBe("private, no-store");
  expect(mine.headers.has("etag")).toBe(false);
  const html = await mine.text();
  expect(html).toContain("Test learner");
  expect(await text(app, "/")).not.toContain("Test learner");

  for (const path of ["/dashboard", "/account", "/api/me"]) {
    const response = await learner.request(path);
    await response.body?.cancel();
    expect({ path, cacheControl: response.headers.get("cache-control") })
      .toEqual({ path, cacheControl: "private, no-store" });
  }
});

Deno.test("a response that sets a cookie is never kept or shared", async () => {
  await using app = await createTestApp();
  // An expired session cookie: the page renders signed out and clears it.
  const stale = await get(app, "/experts", {
    cookie: `${SESSION_COOKIE}=no-such-session`,
  });
  await stale.body?.cancel();
  expect(stale.headers.getSetCookie().join()).toContain(`${SESSION_COOKIE}=`);
  expect(stale.headers.get("cache-control")).toBe("private, no-store");
  expect(stale.headers.has("etag")).toBe(false);
});

Deno.test("Cache-Control by kind: shared pages, other pages, API, static files", async () => {
  await using app = await createTestApp();
  const cases: [string, string][] = [
    ["/", SHARED_PAGE_CACHE_CONTROL],
    ["/faq", SHARED_PAGE_CACHE_CONTROL],
    ["/login", "no-cache"],
    ["/no-such-page", "no-cache"],
    ["/api/categories", "private, no-store"],
    ["/favicon.svg", "public, max-age=3600"],
  ];
  for (const [path, expected] of cases) {
    const response = await get(app, path);
    await response.body?.cancel();
    expect({ path, cacheControl: response.headers.get("cache-control") })
      .toEqual({ path, cacheControl: expected });
  }
  const html = await text(app, "/");
  const css = html.match(/href="(\/_fresh\/css\/[^"]+)"/)?.[1];
  expect(css).toBeDefined();
  const built = await get(app, css!, { "accept-encoding": "br" });
  await built.body?.cancel();
  expect(built.headers.get("cache-control")).toBe(
    "public, max-age=31536000, immutable",
  );
  expect(built.headers.get("content-encoding")).toBe("br");
});

Deno.test("the Tailwind source stylesheet is not served, only the built one", async () => {
  await using app = await createTestApp({ seed: false });
  const response = await get(app, "/styles.css");
  await response.body?.cancel();
  expect(response.status).toBe(404);
});

Deno.test("a next free time change renders again only the pages that show free times", async () => {
  await using kv = await openTestKv();
  const policy = sharedPagePolicy(kv);
  const pages: [string, string][] = [
    ["/", "/"],
    ["/experts/expert-a", "/experts/:id"],
    ["/experts", "/experts"],
    ["/experts?category=cooking", "/experts"],
    ["/experts?sort=soonest", "/experts"],
    ["/experts?available=7d&q=tax", "/experts"],
  ];
  const keys = async () =>
    await Promise.all(
      pages.map(([path, route]) =>
        policy.keyFor(new Request(ORIGIN + path), route, new URL(ORIGIN + path))
      ),
    );
  const before = await keys();
  const found = new Date(Date.now() + 3_600_000).toISOString();
  await refreshNextFree(
    kv,
    "expert-a",
    () => Promise.resolve({ listed: true, start: found }),
  );
  const after = await keys();
  // Home, profiles and browse without free-time filters stay cached.
  expect(after.slice(0, 4)).toEqual(before.slice(0, 4));
  // Browse by free time is fresh at once in the writing process.
  expect(after[4]).not.toBe(before[4]);
  expect(after[5]).not.toBe(before[5]);

  // A re-check that finds the same time changes no page.
  await refreshNextFree(
    kv,
    "expert-a",
    () => Promise.resolve({ listed: true, start: found }),
  );
  expect(await keys()).toEqual(after);

  // A public write still renders every page again.
  await bumpPublicVersion(kv);
  const bumped = await keys();
  bumped.forEach((key, i) => expect(key).not.toBe(after[i]));
});

Deno.test("a kept page carries the security headers, and HSTS only to HTTPS visitors", async () => {
  await using app = await createAuthTestApp({ env: { TRUST_PROXY: "true" } });
  const visit = (proto: string) =>
    get(app, "/about", { "x-forwarded-proto": proto });
  // First rendered, then served from the cache.
  for (let round = 0; round < 2; round++) {
    const https = await visit("https");
    const http = await visit("http");
    for (const response of [https, http]) {
      await response.body?.cancel();
      expect(response.headers.get("x-content-type-options")).toBe(
        "nosniff",
      );
      expect(response.headers.get("content-security-policy"))
        .toContain("script-src 'self'");
      expect(response.headers.get("cache-control")).toBe(
        SHARED_PAGE_CACHE_CONTROL,
      );
    }
    expect(https.headers.has("strict-transport-security")).toBe(true);
    expect(http.headers.has("strict-transport-security")).toBe(false);
  }
});
