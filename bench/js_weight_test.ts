import { expect } from "expect";
import { gzipSize, measurePageJs } from "./js_weight.ts";

/** A fake site: path → body. Missing paths answer 404, like a real server. */
function fakeSite(files: Record<string, string>) {
  const requested: string[] = [];
  const fetchUrl = (url: string) => {
    const path = new URL(url).pathname;
    requested.push(path);
    const body = files[path];
    return Promise.resolve(
      body === undefined
        ? new Response("not found", { status: 404 })
        : new Response(body),
    );
  };
  return { fetchUrl, requested };
}

const encode = (text: string) => new TextEncoder().encode(text);

Deno.test("gzipSize is the size of real gzip output", async () => {
  const repetitive = encode("a".repeat(10_000));
  const size = await gzipSize(repetitive);
  expect(size).toBeGreaterThan(18); // gzip header and trailer alone
  expect(size).toBeLessThan(200);
  expect(await gzipSize(encode("hi"))).toBeGreaterThan(2);
});

Deno.test("a content-only page weighs nothing and fetches no JS", async () => {
  const site = fakeSite({
    "/about": "<html><body><h1>About</h1></body></html>",
  });
  const weight = await measurePageJs("http://h", "/about", site.fetchUrl);
  expect(weight).toEqual({
    path: "/about",
    status: 200,
    files: [],
    gzipBytes: 0,
    problems: [],
  });
  expect(site.requested).toEqual(["/about"]);
});

Deno.test("imports are followed transitively and shared chunks count once", async () => {
  const chunk = "export const shared=" + JSON.stringify("x".repeat(500)) + ";";
  const site = fakeSite({
    "/experts":
      `<script type="module">import "/js/boot.js";import A from "/js/island-a.js";import B from "/js/island-b.js";</script>`,
    "/js/boot.js": 'import{shared as s}from"./chunk-S.js";export const boot=1;',
    "/js/island-a.js":
      'import{shared as s}from"./chunk-S.js";import"./chunk-A.js";',
    "/js/island-b.js": 'import{shared as s}from"./chunk-S.js";',
    "/js/chunk-S.js": chunk,
    "/js/chunk-A.js": "export const a=1;",
  });
  const cache = new Map();
  const weight = await measurePageJs(
    "http://h",
    "/experts",
    site.fetchUrl,
    cache,
  );
  expect(weight.files.map((file) => new URL(file.url).pathname).sort()).toEqual(
    [
      "/js/boot.js",
      "/js/chunk-A.js",
      "/js/chunk-S.js",
      "/js/island-a.js",
      "/js/island-b.js",
    ],
  );
  let expected = 0;
  for (const file of weight.files) {
    expect(file.gzipBytes).toBe(
      await gzipSize(encode(
        await (await site.fetchUrl(file.url)).text(),
      )),
    );
    expected += file.gzipBytes;
  }
  expect(weight.gzipBytes).toBe(expected);
  expect(weight.problems).toEqual([]);

  // A second page reuses the cache: only its HTML is fetched again.
  site.requested.length = 0;
  await measurePageJs("http://h", "/experts", site.fetchUrl, cache);
  expect(site.requested).toEqual(["/experts"]);
});

Deno.test("missing pages and scripts are reported as problems", async () => {
  const site = fakeSite({
    "/faq": '<script type="module" src="/js/gone.js"></script>',
  });
  const faq = await measurePageJs("http://h", "/faq", site.fetchUrl);
  expect(faq.problems).toEqual(["/js/gone.js answered 404"]);
  expect(faq.files).toHaveLength(1);
  expect(faq.gzipBytes).toBe(0);

  const missing = await measurePageJs("http://h", "/nope", site.fetchUrl);
  expect(missing.status).toBe(404);
  expect(missing.problems).toEqual(["page answered 404"]);
});
