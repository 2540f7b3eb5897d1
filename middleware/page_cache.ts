/**
 * Which TapTime pages are shared between visitors, and under which key.
 *
 * The public pages (home, browse with any query, profiles, categories, the
 * blog, the content pages, and the sitemap) render the same for every signed-out
 * visitor: their forms carry no per-visitor token (CSRF is checked by
 * origin, auth/csrf.ts) and nothing on them reads a cookie. So a signed-out
 * GET of one of them is answered from the page layer's cache
 * (framework/page_cache.ts), keyed by the full URL (host and query
 * included) and the public-data version (services/platform/public_version.ts):
 * a write to anything such a page shows bumps the version and every page is
 * rendered afresh on its next request. Experts' next free times have a
 * version of their own (services/platform/availability_version.ts), part of
 * the key only of pages that show them (`showsAvailability`), so their
 * constant churn leaves home, profiles and other browse pages cached.
 *
 * A request with a session cookie (even an expired one, whose response
 * clears it) always renders for its visitor.
 */
import { SESSION_COOKIE } from "@/auth/cookies.ts";
import {
  DEFAULT_PAGE_CACHE_AGE_MS,
  PageCache,
  type PageCachePolicy,
} from "@/framework/page_cache.ts";
import { availabilityVersion } from "@/services/platform/availability_version.ts";
import { publicVersion } from "@/services/platform/public_version.ts";

/** Route patterns of the pages shared between signed-out visitors. */
export const SHARED_PAGE_ROUTES: ReadonlySet<string> = new Set([
  "/",
  "/about",
  "/blog",
  "/blog/:slug",
  "/categories",
  "/categories/:id",
  "/contact",
  "/experts",
  "/experts/:id",
  "/faq",
  "/feedback",
  "/how-it-works",
  "/join",
  // Read by crawlers again and again; built from the same public data.
  "/sitemap.xml",
]);

/**
 * Shared pages: browsers revalidate every time (the ETag makes that a 304),
 * a CDN may keep a page a minute and serve it stale while it refetches.
 */
export const SHARED_PAGE_CACHE_CONTROL =
  "public, max-age=0, s-maxage=60, stale-while-revalidate=300";

/** Whether the request carries a session cookie, live or not. */
export function hasSessionCookie(req: Request): boolean {
  return req.headers.get("cookie")?.includes(`${SESSION_COOKIE}=`) ?? false;
}

/**
 * Whether the page filters or orders experts by next free time: browse
 * with an availability filter or the "soonest" order. No other shared page
 * reads next free times (cards and profiles do not show them). Any
 * `available` parameter counts, even one browse ignores: a few extra
 * renders are cheaper than a stale answer.
 */
export function showsAvailability(url: URL, route: string): boolean {
  if (route !== "/experts") return false;
  return url.searchParams.has("available") ||
    url.searchParams.getAll("sort").includes("soonest");
}

/** What else a shared page's headers depend on besides its URL. */
export interface SharedPageVariants {
  /**
   * Whether the request arrived over HTTPS (behind a trusted proxy the URL
   * says http): such answers carry Strict-Transport-Security.
   */
  https?: (req: Request) => boolean;
}

/**
 * The policy: shared pages, signed out, keyed by version, URL and the
 * request's scheme.
 */
export function sharedPagePolicy(
  kv: Deno.Kv,
  variants: SharedPageVariants = {},
): PageCachePolicy {
  return {
    cacheControl: SHARED_PAGE_CACHE_CONTROL,
    // A CDN must not hand the signed-out page to a signed-in visitor.
    vary: ["Cookie"],
    async keyFor(req, route, url) {
      if (!SHARED_PAGE_ROUTES.has(route) || hasSessionCookie(req)) return null;
      const version = showsAvailability(url, route)
        ? `${await publicVersion(kv)}+${await availabilityVersion(kv)}`
        : await publicVersion(kv);
      const scheme = variants.https?.(req) ? "https" : "http";
      return `${version} ${scheme} ${req.url}`;
    },
  };
}

/**
 * The page cache and its policy for the app, or `undefined` when
 * `maxBytes` is 0 (every page then renders per request).
 */
export function createSharedPageCache(
  kv: Deno.Kv,
  maxBytes: number,
  variants: SharedPageVariants = {},
  maxAgeMs = DEFAULT_PAGE_CACHE_AGE_MS,
): { cache: PageCache; policy: PageCachePolicy } | undefined {
  if (maxBytes <= 0) return undefined;
  return {
    cache: new PageCache({ maxBytes, maxAgeMs }),
    policy: sharedPagePolicy(kv, variants),
  };
}
