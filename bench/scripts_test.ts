import { expect } from "expect";
import {
  findFirstLink,
  findImportSpecifiers,
  findPageScripts,
  resolveSpecifier,
} from "./scripts.ts";

const PAGE = "http://localhost:8000/experts/01ABC";

Deno.test("a page without scripts loads no JavaScript", () => {
  const html = `<!doctype html><html><head>
    <script type="application/ld+json">{"@context":"https://schema.org"}</script>
    <link rel="stylesheet" href="/styles.css"><link rel="preload" href="/font.woff2">
    </head><body><p>import "./not-code.js" in prose</p></body></html>`;
  expect(findPageScripts(html, PAGE)).toEqual({ urls: [], unresolved: [] });
});

Deno.test("script src, modulepreload and boot-script imports are all found", () => {
  const html = `<head>
    <script type="module" src="/_fresh/js/main-AAA.js"></script>
    <link rel="modulepreload" href="/_fresh/js/chunk-BBB.js">
    <script src='legacy.js?v=1&amp;x=2' defer></script>
  </head><body>
    <script type="module" nonce="abc">
      import { revive } from "/_fresh/js/boot-CCC.js";
      import BookingForm from "/_fresh/js/island-booking-DDD.js";
      const lazy = () => import("/_fresh/js/island-chat-EEE.js");
      revive({ BookingForm }, []);
    </script>
    <script>console.log('import "/not-a-module.js"')</script>
  </body>`;
  expect(findPageScripts(html, PAGE).urls).toEqual([
    "http://localhost:8000/_fresh/js/main-AAA.js",
    "http://localhost:8000/experts/legacy.js?v=1&x=2",
    "http://localhost:8000/_fresh/js/boot-CCC.js",
    "http://localhost:8000/_fresh/js/island-booking-DDD.js",
    "http://localhost:8000/_fresh/js/island-chat-EEE.js",
    "http://localhost:8000/_fresh/js/chunk-BBB.js",
  ]);
});

Deno.test("bare specifiers resolve through an inline import map or are reported", () => {
  const html =
    `<script type="importmap">{"imports":{"preact":"/vendor/preact.js","lib/":"/vendor/lib/"}}</script>
    <script type="module">import { h } from "preact"; import "lib/a.js"; import "nowhere";</script>`;
  expect(findPageScripts(html, PAGE)).toEqual({
    urls: [
      "http://localhost:8000/vendor/preact.js",
      "http://localhost:8000/vendor/lib/a.js",
    ],
    unresolved: ["nowhere"],
  });
});

Deno.test("static imports of esbuild's minified chunks are found", () => {
  const chunk =
    'import{a as r,b as o}from"./chunk-ABC.js";import"./chunk-SIDE.js";' +
    'export*from"./chunk-RE.js";export{x as y}from"./chunk-XY.js";' +
    'var n="import nothing";export{r as default};' +
    'const lazy=()=>import("./chunk-LAZY.js");o.import("./not-this.js");';
  expect(findImportSpecifiers(chunk)).toEqual([
    "./chunk-ABC.js",
    "./chunk-SIDE.js",
    "./chunk-RE.js",
    "./chunk-XY.js",
  ]);
  expect(findImportSpecifiers(chunk, true)).toContain("./chunk-LAZY.js");
  expect(findImportSpecifiers(chunk, true)).not.toContain("./not-this.js");
});

Deno.test("multi-line unminified imports are found too", () => {
  const source =
    `import {\n  signal,\n  computed,\n} from "/js/signals.js";\nimport * as ns from './ns.js';`;
  expect(findImportSpecifiers(source)).toEqual(["/js/signals.js", "./ns.js"]);
});

Deno.test("relative specifiers resolve against the importing file", () => {
  const base = "http://h/_fresh/js/island-a.js";
  expect(resolveSpecifier("./chunk-1.js", base)).toBe(
    "http://h/_fresh/js/chunk-1.js",
  );
  expect(resolveSpecifier("../x.js", base)).toBe("http://h/_fresh/x.js");
  expect(resolveSpecifier("/abs.js", base)).toBe("http://h/abs.js");
  expect(resolveSpecifier("preact", base)).toBeNull();
});

Deno.test("findFirstLink returns the first deeper path under a prefix", () => {
  const html = `<a href="/blog">Blog</a><a class="x" href="/blog/">All</a>
    <a href="http://localhost:8000/blog/first-post?ref=list#top">First</a>
    <a href="/blog/second">Second</a>`;
  expect(findFirstLink(html, "/blog/")).toBe("/blog/first-post");
  expect(findFirstLink(html, "/experts/")).toBeNull();
});
