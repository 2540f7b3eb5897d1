import { defineConfig } from "./framework/mod.ts";
import { tailwind } from "./framework/plugins/tailwind.ts";

/**
 * The page layer's configuration: Tailwind builds `static/styles.css` (the
 * source itself is never served), and every HTML response carries one
 * Content-Security-Policy. Pages hold no inline script (island props are
 * JSON data blocks, the island runtime and client scripts are static
 * modules), so scripts come from this origin only and no per-response
 * nonce is needed: the same HTML can be cached and shared.
 */
export default defineConfig({
  plugins: [tailwind({ input: "static/styles.css" })],
  csp: [
    "default-src 'self'",
    "script-src 'self'",
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
  scripts: {
    // Preselects the browser's zone in the server-rendered select on signup.
    "time-zone-detect": "web/scripts/time_zone_detect.ts",
    // On every page: the analytics consent banner, the first-party
    // page-view beacon, and the header menus' closing.
    "site": "web/scripts/site.ts",
  },
});
