import { defineConfig } from "./framework/mod.ts";
import { tailwind } from "./framework/plugins/tailwind.ts";

/**
 * The page layer's configuration: Tailwind builds `static/styles.css`, and
 * every HTML response carries a Content-Security-Policy whose script nonce
 * matches the island boot script (so no inline script runs without it).
 */
export default defineConfig({
  plugins: [tailwind({ input: "static/styles.css" })],
  csp: (nonce) =>
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      // Inline style attributes only (e.g. island wrappers); no inline <style> from users.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
});
