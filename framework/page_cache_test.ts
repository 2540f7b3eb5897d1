import { expect } from "expect";
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
