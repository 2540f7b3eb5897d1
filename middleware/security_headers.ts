/**
 * Headers every response carries. The Content-Security-Policy itself is set
 * by the page layer (it owns the per-response nonce); these are the rest.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // Legacy twin of CSP `frame-ancestors 'none'` for older browsers.
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(self), microphone=(self), geolocation=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** Sent only over HTTPS: browsers ignore it on plain HTTP anyway. */
export const HSTS_HEADER = "max-age=31536000; includeSubDomains";

/**
 * `policy` with `origins` added to its `form-action` directive (a policy
 * without one is returned as it is).
 */
export function allowFormActions(
  policy: string,
  origins: readonly string[],
): string {
  if (origins.length === 0) return policy;
  return policy.split(";").map((directive) => {
    const [name] = directive.trim().split(/\s+/);
    return name === "form-action"
      ? `${directive.trimEnd()} ${origins.join(" ")}`
      : directive;
  }).join(";");
}

/**
 * Adds the security headers to a response, keeping any the route set itself;
 * `https` adds Strict-Transport-Security. `formActions` are other origins
 * the site's forms may lead to (sign-in providers: a form's redirect to them
 * is checked against the page's `form-action` too), added to the page's
 * Content-Security-Policy.
 */
export function withSecurityHeaders(
  response: Response,
  options: { https?: boolean; formActions?: readonly string[] } = {},
): Response {
  const { https = false, formActions = [] } = options;
  const headers: Record<string, string> = https
    ? { ...SECURITY_HEADERS, "Strict-Transport-Security": HSTS_HEADER }
    : { ...SECURITY_HEADERS };
  const policy = response.headers.get("content-security-policy");
  if (policy !== null && formActions.length > 0) {
    headers["Content-Security-Policy"] = allowFormActions(policy, formActions);
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!response.headers.has(name) || name === "Content-Security-Policy") {
      try {
        response.headers.set(name, value);
      } catch {
        // Immutable headers (e.g. a Response from fetch): copy it first.
        const copy = new Response(response.body, response);
        return withSecurityHeaders(copy, options);
      }
    }
  }
  return response;
}
