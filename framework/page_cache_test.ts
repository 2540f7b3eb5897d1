import { expect } from "expect";
import { brotliDecompressSync } from "node:zlib";
import { PageCache, type PageCachePolicy } from "./page_cache.ts";

const policy: PageCachePolicy = {
  keyFor: () => null,
  cacheControl: "public, max-age=0",
};

function page(body: string, init: ResponseInit = {}) {
  return () =>
    Promise.resolve(
      new Response(body, {
        ...init,
        headers: { "content-type": "text/html", ...init.headers },
      }),
    );
}

const req = (headers: Record<string, string> = {}) =>
  new Request("http://localhost/", { headers });

Deno.test("a kept page is served again without rendering", async () => {
  const cache = new PageCache();
  let renders = 0;
  const render = () => {
    renders++;
    return page("<p>hello</p>".repeat(100))();
  };
  const first = await cache.respond(req(), "a", policy, render);
  const second = await cache.respond(req(), "a", policy, render);
  expect(await first.text()).toBe(await second.text());
  expect(renders).toBe(1);
  expect(second.headers.get("cache-control")).toBe("public, max-age=0");
  expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
});

Deno.test("only a 200 without cookies or no-store is kept", async () => {
  const cache = new PageCache();
  const cases = [
    page("gone", { status: 404 }),
    page("hi", { headers: { "set-cookie": "a=b" } }),
    page("hi", { headers: { "cache-control": "private, no-store" } }),
  ];
  for (const [i, render] of cases.entries()) {
    const response = await cache.respond(req(), `k${i}`, policy, render);
    await response.body?.cancel();
    expect(response.headers.has("etag")).toBe(false);
  }
  expect(cache.stats().entries).toBe(0);
});

Deno.test("the cache stays within its bytes, dropping the least recently used", async () => {
  const body = "x".repeat(1000) + crypto.randomUUID();
  const cache = new PageCache({ maxBytes: 7_000 });
  for (const key of ["a", "b", "c"]) {
    await (await cache.respond(req(), key, policy, page(body + key))).text();
  }
  // Touch "a" so "b" is the oldest.
  await (await cache.respond(req(), "a", policy, page("new a"))).text();
  for (const key of ["d", "e"]) {
    await (await cache.respond(req(), key, policy, page(body + key))).text();
  }
  const stats = cache.stats();
  expect(stats.bytes).toBeLessThanOrEqual(7_000);
  expect(stats.evicted).toBeGreaterThan(0);
  const a = await cache.respond(req(), "a", policy, page("rendered again"));
  expect(await a.text()).toBe(body + "a");
  const b = await cache.respond(req(), "b", policy, page("rendered again"));
  expect(await b.text()).toBe("rendered again");
});

Deno.test("concurrent misses for one key render once", async () => {
  const cache = new PageCache();
  let renders = 0;
  const slow = async () => {
    renders++;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return await page("<p>slow</p>")();
  };
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => cache.respond(req(), "k", policy, slow)),
  );
  for (const answer of answers) expect(await answer.text()).toBe("<p>slow</p>");
  expect(renders).toBe(1);
});

Deno.test("entries expire after their age", async () => {
  const cache = new PageCache({ maxAgeMs: 10 });
  await (await cache.respond(req(), "k", policy, page("old"))).text();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const again = await cache.respond(req(), "k", policy, page("new"));
  expect(await again.text()).toBe("new");
});

Deno.test("a popular page's Brotli body is made again, denser, after its hits", async () => {
  const cache = new PageCache();
  const words = ["design", "python", "career", "piano", "budget", "spanish"];
  const html = Array.from(
    { length: 400 },
    (_, i) =>
      `<li class="rounded-xl border p-${i % 7}">Expert ${i * 7919 % 1000} ` +
      `teaches ${words[i % 6]} and ${words[(i * 5) % 6]} for $${i % 90}</li>`,
  ).join("");
  const brotli = req({ "accept-encoding": "br" });
  const first = await cache.respond(brotli, "p", policy, page(html));
  const quick = new Uint8Array(await first.arrayBuffer());
  const quickTag = first.headers.get("etag")!;
  for (let i = 0; i < 20; i++) {
    await (await cache.respond(brotli, "p", policy, page("not again"))).body
      ?.cancel();
  }
  const before = cache.stats().bytes;
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(cache.stats().densified).toBe(1);

  const later = await cache.respond(brotli, "p", policy, page("not again"));
  const dense = new Uint8Array(await later.arrayBuffer());
  expect(dense.byteLength).toBeLessThan(quick.byteLength);
  expect(Number(later.headers.get("content-length"))).toBe(dense.byteLength);
  expect(new TextDecoder().decode(brotliDecompressSync(dense))).toBe(html);
  // Other bytes, another validator; the cache's size follows the body.
  const denseTag = later.headers.get("etag")!;
  expect(denseTag).not.toBe(quickTag);
  const ownHeaders = (tag: string, body: Uint8Array) =>
    tag.length + String(body.byteLength).length;
  expect(cache.stats().bytes).toBe(
    before - quick.byteLength + dense.byteLength -
      ownHeaders(quickTag, quick) + ownHeaders(denseTag, dense),
  );
  const revalidated = await cache.respond(
    req({ "accept-encoding": "br", "if-none-match": denseTag }),
    "p",
    policy,
    page("not again"),
  );
  expect(revalidated.status).toBe(304);
});
