import { define } from "@/web/define.ts";
import { getOutboxMessage } from "@/services/platform/email/mod.ts";

/**
 * Development only (see ../../_middleware.ts): an email's HTML part as a
 * document of its own, opened from the outbox page. The email is untrusted
 * markup, so its policy forbids everything but inline styles and https
 * images and sandboxes it (no scripts, no forms, no same-origin access); no
 * other site may frame it.
 */
export const handler = define.handlers({
  async GET(_req, ctx) {
    const message = await getOutboxMessage(ctx.state.kv, ctx.params.id);
    if (!message?.html) {
      return new Response("This email has no HTML part.", {
        status: 404,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    }
    return new Response(message.html, {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": [
          "default-src 'none'",
          "style-src 'unsafe-inline'",
          "img-src https: data:",
          "base-uri 'none'",
          "form-action 'none'",
          "frame-ancestors 'self'",
          "sandbox allow-popups allow-popups-to-escape-sandbox",
        ].join("; "),
        "x-frame-options": "SAMEORIGIN",
        "cache-control": "private, no-store",
        "x-robots-tag": "noindex",
      },
    });
  },
});
