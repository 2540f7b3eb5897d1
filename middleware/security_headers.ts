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
 * Adds the security headers to a response, keeping any the route set itself;
 * `https` adds Strict-Transport-Security.
 */
export function withSecurityHeaders(
  response: Response,
  { https = false }: { https?: boolean } = {},
): Response {
  const headers = https
    ? { ...SECURITY_HEADERS, "Strict-Transport-Security": HSTS_HEADER }
    : SECURITY_HEADERS;
  for (const [name, value] of Object.entries(headers)) {
    if (!response.headers.has(name)) {
      try {
        response.headers.set(name, value);
      } catch {
        // Immutable headers (e.g. a Response from fetch): copy it first.
        const copy = new Response(response.body, response);
        return withSecurityHeaders(copy, { https });
      }
    }
  }
  return response;
}
