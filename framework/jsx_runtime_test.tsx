import { expect } from "expect";
import { renderToString } from "preact-render-to-string";

const names = ["O'Brien & Co", "a<b"];

Deno.test("compiled templates escape text in arrays once, as children without templates are", () => {
  expect(renderToString(<p>{names.map((name) => name)}</p>)).toBe(
    "<p>O'Brien &amp; Coa&lt;b</p>",
  );
  // Keys would compile these elements without templates: left out on purpose.
  // deno-lint-ignore jsx-key
  expect(renderToString(<p>{["x & y", <b>z</b>, [[null, "c>d"]]]}</p>))
    .toBe("<p>x &amp; y<b>z</b>c>d</p>");
  // deno-lint-ignore jsx-key
  expect(renderToString(<ul>{names.map((name) => <li>{name}</li>)}</ul>))
    .toBe("<ul><li>O'Brien &amp; Co</li><li>a&lt;b</li></ul>");
});
