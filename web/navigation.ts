/**
 * What each role's area links to, the guard that keeps `?next=` redirects
 * on this site, and the 303 that ends every successful form post. (Where
 * each role lands is auth/policy.ts's `roleHome`.)
 */
import type { Role } from "@/services/auth/mod.ts";

/** A section of a role's home shell; `href` is absent until it is built. */
export interface ShellSection {
  label: string;
  href?: string;
  /** Other pages of the section, outside its own path (an admin on a booking). */
  also?: readonly string[];
}

/** The sections of each home shell, in order. Later features add the hrefs. */
export const SHELL_SECTIONS: Record<Role, readonly ShellSection[]> = {
  learner: [
    { label: "Dashboard", href: "/dashboard" },
    { label: "Learning goals", href: "/dashboard/onboarding" },
    { label: "Wallet", href: "/dashboard/wallet" },
    { label: "My sessions", href: "/bookings" },
    { label: "Messages", href: "/messages" },
    { label: "Progress", href: "/dashboard#learning" },
    { label: "Account", href: "/account" },
  ],
  expert: [
    { label: "Overview", href: "/expert" },
    { label: "Application", href: "/expert/application" },
    { label: "Profile", href: "/expert/profile" },
    { label: "Offerings", href: "/expert/offerings" },
    { label: "Schedule", href: "/bookings" },
    { label: "Messages", href: "/messages" },
    { label: "Availability", href: "/expert/availability" },
    { label: "Earnings", href: "/expert/earnings" },
    { label: "Students", href: "/expert/students" },
    { label: "Account", href: "/account" },
  ],
  admin: [
    { label: "Overview", href: "/admin" },
    { label: "Users", href: "/admin/users" },
    { label: "Audit log", href: "/admin/audit" },
    { label: "Applications", href: "/admin/applications" },
    { label: "Categories", href: "/admin/categories" },
    { label: "Finance", href: "/admin/finance" },
    { label: "Bookings", href: "/admin/bookings", also: ["/bookings"] },
    { label: "Reviews", href: "/admin/reviews" },
    { label: "Reported messages", href: "/admin/messages" },
    { label: "Analytics", href: "/admin/analytics" },
    { label: "Statistics", href: "/admin/stats" },
    { label: "Sessions", href: "/admin/sessions" },
    { label: "Blog", href: "/admin/blog" },
    { label: "FAQ", href: "/admin/faq" },
    { label: "Settings", href: "/admin/settings" },
  ],
};

/** A link's path, without its query or fragment. */
const pathOf = (href: string) => href.split(/[?#]/)[0];

/** True when `pathname` is the link's page or one of its sub-pages. */
export function isCurrentSection(pathname: string, href: string): boolean {
  const path = pathOf(href);
  return pathname === path || pathname.startsWith(`${path}/`);
}

/**
 * The section of an area that `pathname` belongs to: the one whose link is
 * the longest prefix of it, so /admin/applications/42 is under
 * "Applications" and not under "Overview" (/admin).
 */
export function currentSection(
  sections: readonly ShellSection[],
  pathname: string,
): ShellSection | undefined {
  let best: ShellSection | undefined;
  for (const section of sections) {
    if (!section.href || !isCurrentSection(pathname, section.href)) continue;
    // Compared without "#…": a link to a part of a page ("Progress") does not
    // outrank the page's own link, which comes first.
    if (!best || pathOf(section.href).length > pathOf(best.href!).length) {
      best = section;
    }
  }
  return best ??
    sections.find((section) =>
      section.also?.some((path) => isCurrentSection(pathname, path))
    );
}

/**
 * The path to go to after login, or null when `next` is not a path on this
 * site. Only relative paths starting with a single "/" pass: "//evil.com",
 * "/\\evil.com", "https://…" and anything with control characters are
 * refused, so the login form can never be used as an open redirect.
 *
 * The check is made on the normalised result, not only on the input: dot
 * segments ("/.//evil", "/%2e//evil", "/a/..//evil") collapse into "//evil",
 * which a browser reads as another host. Encoded slashes and backslashes are
 * refused in the path: no page of this site has one there, and a proxy or
 * browser that decodes them would see the same scheme-relative trick.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !isSingleSlashPath(next)) return null;
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return null;
  if (/%(25)*(2f|5c)/i.test(next.split(/[?#]/)[0])) return null;
  const base = "http://taptime.invalid";
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  const path = url.pathname + url.search + url.hash;
  return isSingleSlashPath(path) ? path : null;
}

/** Starts with "/" and not with "//" or "/\\" (a scheme-relative URL). */
function isSingleSlashPath(path: string): boolean {
  return path.startsWith("/") && !/^\/[\/\\]/.test(path);
}

/** A 303 "See Other" to `location`, keeping any headers (cookies) given. */
export function seeOther(location: string, headers = new Headers()): Response {
  headers.set("location", location);
  return new Response(null, { status: 303, headers });
}
