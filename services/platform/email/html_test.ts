import { expect } from "expect";
import { emailHtml, escapeHtml } from "./html.ts";

Deno.test("an email's HTML part: escaped text, a button for a lone link, the sign-off as footer", () => {
  const html = emailHtml(
    "Confirm <your> email",
    [
      `Hi Eve <img src=x onerror=alert(1)> & "Co",`,
      "Please confirm by opening this link:",
      "https://taptime.example/verify-email?token=a&b=<c>",
      "Questions? See https://taptime.example/faq.\nLine two.",
      "— TapTime",
    ].join("\n\n"),
  );
  expect(html).toMatch(/^<!DOCTYPE html>/);
  expect(html).toContain("<title>Confirm &#60;your&#62; email</title>");
  // User content is text, never markup.
  expect(html).not.toContain("<img");
  expect(html).toContain(
    "Hi Eve &#60;img src=x onerror=alert(1)&#62; &#38; &#34;Co&#34;,",
  );
  // A paragraph that is only a link is a button, its URL escaped.
  expect(html).toContain(
    'href="https://taptime.example/verify-email?token=a&#38;b=&#60;c&#62;"',
  );
  expect(html).toContain(">Open the link</a>");
  // Links inside text are clickable; the full stop stays outside.
  expect(html).toContain('href="https://taptime.example/faq"');
  expect(html).toContain("faq</a>.<br>");
  // Layout for mail clients: tables and inline styles, no CSS elsewhere.
  expect(html).toContain('<table role="presentation"');
  expect(html).not.toMatch(/<style|<link|<script|class=/);
  expect(html).not.toContain("— TapTime");
});

Deno.test("escapeHtml covers element content and attribute values", () => {
  expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
    "&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;",
  );
});
