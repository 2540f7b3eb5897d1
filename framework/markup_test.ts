import { expect } from "expect";
import { createContext, h } from "preact";
import { useContext, useState } from "preact/hooks";
import { renderToString } from "preact-render-to-string";
import { registerIslands } from "./islands.ts";
import { MarkupCache, renderMarkup, trustedMarkup } from "./markup.ts";
import { Head } from "./runtime.ts";

Deno.test("kept markup is rendered once per key and put into pages as it is", () => {
  const cache = new MarkupCache(2);
  let renders = 0;
  const part = (label: string) => () => {
    renders++;
    return h("a", { href: "/x?a=1&b=2" }, label, " <ok>");
  };
  const page = (key: string, label: string) =>
    renderToString(h("nav", null, cache.get(key, part(label))));
  const first = page("one", "One");
  expect(first).toBe('<nav><a href="/x?a=1&amp;b=2">One &lt;ok></a></nav>');
  expect(page("one", "ignored")).toBe(first);
  expect(renders).toBe(1);
  // Past its bound the cache starts over: a render more, never a wrong page.
  page("two", "Two");
  page("three", "Three");
  expect(page("one", "One")).toBe(first);
  expect(renders).toBe(4);
});

Deno.test("trusted markup is not escaped again", () => {
  expect(renderToString(h("p", null, trustedMarkup("<b>&amp;</b>"))))
    .toBe("<p><b>&amp;</b></p>");
});

Deno.test("an island or a <Head> inside kept markup is refused", () => {
  function Counter() {
    return h("button", null, "0");
  }
  registerIslands({ "counter.tsx": { default: Counter } });
  expect(() => renderMarkup(h("div", null, h(Counter, null))))
    .toThrow(/cannot hold islands/);
  expect(() => renderMarkup(h(Head, null, h("title", null, "x"))))
    .toThrow(/cannot add to <head>/);
});

Deno.test("a component's hooks after asking for kept markup see its own state", () => {
  const cache = new MarkupCache();
  const Name = createContext("outer");
  function Inner() {
    return h("b", null, useContext(Name));
  }
  function Outer() {
    const part = cache.get(
      "part",
      () => h(Name.Provider, { value: "inner" }, h(Inner, null)),
    );
    const [count] = useState(7);
    return h("p", null, part, String(count), useContext(Name));
  }
  expect(renderToString(h(Outer, null))).toBe("<p><b>inner</b>7outer</p>");
  expect(renderToString(h(Outer, null))).toBe("<p><b>inner</b>7outer</p>");
});
