import { expect } from "expect";
import { gzipSize, measurePageJs } from "./js_weight.ts";
import { browserTestsEnabled, launchBrowser } from "@/tests/support/helpers.ts";

const encode = (text: string) => new TextEncoder().encode(text);

Deno.test("gzipSize is the size of real gzip output", async () => {
  const repetitive = encode("a".repeat(10_000));
  const size = await gzipSize(repetitive);
  expect(size).toBeGreaterThan(18); // gzip header and trailer alone
  expect(size).toBeLessThan(200);
  expect(await gzipSize(encode("hi"))).toBeGreaterThan(2);
});

/** Scripts of the fake site; chunk-A is served gzip-compressed. */
const SCRIPTS: Record<string, string> = {
  "/js/boot.js":
    'import{s}from"./chunk-S.js";import"./chunk-A.js";export const boot=s;',
  "/js/chunk-S.js": "export const s=" + JSON.stringify("x".repeat(500)) + ";",
  "/js/chunk-A.js": "export const a=" + JSON.stringify("y".repeat(800)) + ";",
  "/js/lazy.js": "export const lazy=1;",
  "/js/classic.js": "window.classic=1;",
};

const PAGES: Record<string, string> = {
  "/about": "<!doctype html><h1>About</h1><a href='/blog/a-post'>post</a>",
  "/experts": `<!doctype html>
    <link rel="modulepreload" href="/js/chunk-S.js">
    <script src="/js/classic.js"></script>
    <script type="module">import "/js/boot.js"; import("/js/lazy.js");</script>
    <h1>Experts</h1>`,
  "/faq": `<!doctype html><script type="module" src="/js/gone.js"></script>`,
};

function serveSite() {
  return Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) => {
      const path = new URL(request.url).pathname;
      const script = SCRIPTS[path];
      if (script !== undefined) {
        const headers = { "content-type": "text/javascript" };
        if (path !== "/js/chunk-A.js") return new Response(script, { headers });
        return new Response(
          new Blob([encode(script)]).stream().pipeThrough(
            new CompressionStream("gzip"),
          ),
          { headers: { ...headers, "content-encoding": "gzip" } },
        );
      }
      const page = PAGES[path];
      return page === undefined
        ? new Response("not found", { status: 404 })
        : new Response(page, { headers: { "content-type": "text/html" } });
    },
  );
}

Deno.test({
  name: "Chromium's JavaScript downloads are weighed per page",
  ignore: !browserTestsEnabled,
  async fn(t) {
    const server = serveSite();
    const origin = `http://127.0.0.1:${server.addr.port}`;
    const browser = await launchBrowser();
    try {
      await t.step("a content-only page weighs nothing", async () => {
        const { weight, links } = await measurePageJs(
          browser,
          origin,
          "/about",
        );
        expect(weight).toEqual({
          path: "/about",
          status: 200,
          files: [],
          gzipBytes: 0,
          problems: [],
        });
        expect(links).toEqual([`${origin}/blog/a-post`]);
      });

      await t.step(
        "every script, preload and import counts once, gzipped by us",
        async () => {
          const { weight } = await measurePageJs(browser, origin, "/experts");
          const byPath = Object.fromEntries(
            weight.files.map((file) => [new URL(file.url).pathname, file]),
          );
          expect(Object.keys(byPath).sort()).toEqual(
            Object.keys(SCRIPTS).sort(),
          );
          let expected = 0;
          for (const [path, source] of Object.entries(SCRIPTS)) {
            const gzipBytes = await gzipSize(encode(source));
            // chunk-A came compressed; its weight is still our gzip of the source.
            expect(byPath[path]).toMatchObject({
              status: 200,
              rawBytes: source.length,
              gzipBytes,
            });
            expected += gzipBytes;
          }
          expect(weight.gzipBytes).toBe(expected);
          expect(weight.problems).toEqual([]);
        },
      );

      await t.step("missing pages and scripts are problems", async () => {
        const faq = await measurePageJs(browser, origin, "/faq");
        expect(faq.weight.problems).toEqual(["/js/gone.js answered 404"]);
        expect(faq.weight.gzipBytes).toBe(0);

        const missing = await measurePageJs(browser, origin, "/nope");
        expect(missing.weight.status).toBe(404);
        expect(missing.weight.problems).toEqual(["page answered 404"]);
      });
    } finally {
      await browser.close();
      await server.shutdown();
    }
  },
});
