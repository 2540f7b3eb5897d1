import { expect } from "expect";
import { renderMarkdown } from "./markdown.ts";

Deno.test("renderMarkdown keeps formatting and marks external links", () => {
  const html = renderMarkdown(
    "# Title\n\n## Section\n\n- one\n- **two**\n\n[site](https://example.com) [local](/experts)",
  );
  expect(html).toContain("<h2>Title</h2>");
  expect(html).toContain("<li><strong>two</strong></li>");
  expect(html).toContain(
    '<a href="https://example.com" rel="noopener noreferrer">site</a>',
  );
  expect(html).toContain('<a href="/experts">local</a>');
});

Deno.test("renderMarkdown removes scripts, handlers and dangerous URLs", () => {
  const attacks = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://evil.example"></iframe>',
    "<svg onload=alert(1)><circle /></svg>",
    '<div style="background:url(javascript:alert(1))" onclick="x()">hi</div>',
    "<style>body{display:none}</style>",
    '<a href="https://ok.example" rel="opener" onmouseover="x()">ok</a>',
    "![img](javascript:alert(1))",
  ].join("\n\n");
  const html = renderMarkdown(attacks).toLowerCase();
  for (
    const forbidden of [
      "<script",
      "onerror",
      "onload",
      "onclick",
      "onmouseover",
      "javascript:",
      "data:",
      "<iframe",
      "<svg",
      "<style",
      "style=",
      'rel="opener"',
    ]
  ) {
    expect(html).not.toContain(forbidden);
  }
  expect(html).toContain('rel="noopener noreferrer"');
});

Deno.test("renderMarkdown keeps site images and drops ones the CSP would block", () => {
  const html = renderMarkdown(
    "![ours](/images/chart.png) ![theirs](https://elsewhere.example/x.png) ![sneaky](//elsewhere.example/y.png)",
  );
  expect(html).toContain(
    '<img src="/images/chart.png" alt="ours" decoding="async" />',
  );
  expect(html).not.toContain("elsewhere.example");
  expect(html.match(/<img/g)?.length).toBe(1);
});

Deno.test("an uploaded image's <picture> is valid HTML (recommended and accessibility presets)", async () => {
  const { HtmlValidate } = await import("html-validate");
  const validator = new HtmlValidate({
    extends: ["html-validate:recommended", "html-validate:a11y"],
    rules: { "void-style": "off" },
  });
  const base = `${"f".repeat(32)}-1000x600`;
  const body = renderMarkdown(
    `![A desk](/blog/images/${base}.jpg)\n\n![Again](/blog/images/${base}.jpg)`,
  );
  expect(body).toContain("<picture>");
  const report = await validator.validateString(
    `<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main>${body}</main></body></html>`,
  );
  expect(report.results.flatMap((r) => r.messages.map((m) => m.message)))
    .toEqual([]);
});
