import { define } from "@/web/define.ts";

/** Paths that are private to signed-in users or not pages at all. */
const PRIVATE_PATHS = [
  "/account",
  "/admin",
  "/api/",
  "/book/",
  "/bookings",
  "/calendar/",
  "/dashboard",
  "/dev/",
  // Not "/expert": robots rules match prefixes, and /experts is public.
  "/expert$",
  "/expert/",
  "/login",
  "/logout",
  "/pay/",
  "/reset-password",
  "/verify-email",
];

/** Public pages may be crawled; the sitemap lists what is there. */
export const handler = define.handlers({
  GET(_req, ctx) {
    const body = [
      "User-agent: *",
      "Allow: /",
      ...PRIVATE_PATHS.map((path) => `Disallow: ${path}`),
      "",
      `Sitemap: ${ctx.state.siteUrl}/sitemap.xml`,
      "",
    ].join("\n");
    return new Response(body, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "public, max-age=3600",
      },
    });
  },
});
