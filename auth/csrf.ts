/**
 * Cross-site request forgery defence for forms and the API alike: an unsafe
 * request (POST, PUT, PATCH, DELETE) is refused when the browser says it came
 * from another site. Browsers send `Sec-Fetch-Site` on every request and
 * `Origin` on every unsafe one, so a forged cross-site form post always
 * carries one of them. A request with neither (curl, server-to-server) is not
 * a browser acting for a signed-in user, and passes.
 */

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Whether `method` may change state, and so needs the CSRF check. */
export function isUnsafeMethod(method: string): boolean {
  return UNSAFE_METHODS.has(method.toUpperCase());
}

/**
 * Whether an unsafe request must be refused. `trustedOrigins` are the
 * origins our own pages are served from: the request's own origin and the
 * configured public URL (they differ behind a proxy).
 */
export function isCrossSiteRequest(
  req: Request,
  trustedOrigins: string[],
): boolean {
  if (!isUnsafeMethod(req.method)) return false;
  const fetchSite = req.headers.get("sec-fetch-site");
  // "same-site" is a sibling subdomain: still another application.
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;
  const origin = req.headers.get("origin");
  if (origin === null) return false;
  return !trustedOrigins.includes(origin);
}
